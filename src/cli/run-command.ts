/** `validate`, `plan` and `apply`: the engine (engine/run.ts executeRun) behind CLI output. */
import type { Config, Mode } from '../config/config.js';
import type { RunDeps } from '../engine/run.js';
import { executeRun } from '../engine/run.js';
import { decideVerdict, verdictContextOf, withVerdict, type ExitStatus } from '../engine/verdict.js';
import type { RunOutcome } from '../model.js';
import type { Logger } from '../log.js';
import { serializePlan } from '../report/plan-file.js';
import type { ParsedArgs } from './args.js';
import type { Palette } from './color.js';
import { configFromArgs } from './config.js';
import type { CliIo, OutputStream } from './io.js';
import { createProgressLine } from './progress.js';
import { renderDiagnostics, renderOutcome } from './render.js';

/** What every command handler receives from cli/main.ts. */
export interface CommandContext {
  readonly io: CliIo;
  /** Secret-masking views of io.stdout / io.stderr. */
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly logger: Logger;
  readonly connect: RunDeps['connect'];
  /** Palettes decided per stream (stdout may be piped while stderr is a terminal). */
  readonly outPalette: Palette;
  readonly errPalette: Palette;
  readonly json: boolean;
  readonly verbose: boolean;
}

/** The `--json` document: the plan file's JSON for plan; a small envelope otherwise. */
export function outcomeJson(outcome: RunOutcome): string {
  if (outcome.mode === 'plan' && outcome.plan) return ensureNewline(serializePlan(outcome.plan));
  const results = (outcome.results ?? []).map((result) => ({
    name: result.item.name,
    action: result.item.action,
    outcome: result.outcome,
    ...(result.uuid === undefined ? {} : { uuid: result.uuid }),
    ...(result.readBackStatus === undefined ? {} : { status: result.readBackStatus }),
    ...(result.readBackTags === undefined ? {} : { tags: result.readBackTags }),
    ...(result.error === undefined ? {} : { error: result.error }),
  }));
  const envelope = {
    mode: outcome.mode,
    failureReason: outcome.failureReason ?? '',
    files: outcome.files,
    definitions: outcome.definitions,
    diagnostics: outcome.diagnostics,
    notes: outcome.notes,
    ...(outcome.plan ? { plan: JSON.parse(serializePlan(outcome.plan)) as unknown } : {}),
    ...(outcome.mode === 'apply' ? { results } : {}),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** How report() presents an outcome beyond the context's own settings. */
export interface ReportOptions {
  /** The plan was already shown (apply after confirmation): print only the results. */
  readonly planShown?: boolean;
  /** Notes already printed by the plan shown before; not repeated. */
  readonly notesShown?: readonly string[];
}

/** stderr: diagnostics, notes, the failure; stdout: the plan (or JSON). */
function report(command: Mode, outcome: RunOutcome, context: CommandContext, options: ReportOptions): void {
  context.stderr.write(renderDiagnostics(outcome.diagnostics, context.errPalette));
  const notes = outcome.notes.filter((note) => options.notesShown?.includes(note) !== true);
  for (const note of notes) context.stderr.write(`${context.errPalette.cyan('note:')} ${note}\n`);
  const message = outcome.failureMessage;
  // The validation summary repeats the first diagnostic, which is already printed above.
  const repeats = outcome.diagnostics.some((diagnostic) => message?.includes(diagnostic.message) === true);
  if (message !== undefined && outcome.failureReason !== 'drift' && !repeats) {
    context.stderr.write(`${context.errPalette.red('error:')} ${message}\n`);
  }
  if (outcome.failureReason === 'auth') {
    context.stderr.write(`See \`coc-script-sync ${command} --help\` for the authentication flags.\n`);
  }
  for (const difference of outcome.planDifferences ?? []) context.stderr.write(`  ${difference}\n`);
  const text = context.json
    ? outcomeJson(outcome)
    : renderOutcome(outcome, {
        palette: context.outPalette,
        verbose: context.verbose,
        ...(options.planShown === true ? { planShown: true } : {}),
      });
  context.stdout.write(text);
}

/** What one engine run ended with, after it was reported. */
export interface CommandResult {
  readonly outcome: RunOutcome;
  readonly exitStatus: ExitStatus;
}

/** Runs the engine once for `config` (its mode is `command`), reports, and returns the verdict. */
export async function executeAndReport(
  command: Mode,
  config: Config,
  context: CommandContext,
  options: ReportOptions = {},
): Promise<CommandResult> {
  // The raw stream: the progress text is ours (a phase and two numbers), and its \r and erase
  // sequence are exactly the control characters the safe stream would make visible.
  const progress = createProgressLine(context.io.stderr);
  try {
    const outcome = await executeRun(config, {
      logger: context.logger,
      connect: context.connect,
      onProgress: progress.update,
      ...(context.io.threads ? { threads: context.io.threads } : {}),
      ...(context.io.cancellation ? { cancellation: context.io.cancellation } : {}),
    });
    progress.clear();
    const verdict = decideVerdict(outcome, verdictContextOf(config, command));
    const decided = withVerdict(outcome, verdict);
    report(command, decided, context, options);
    return { outcome: decided, exitStatus: verdict.exitStatus };
  } finally {
    progress.clear();
  }
}

/** Runs validate or plan and returns the exit code (apply: cli/apply-command.ts). */
export async function runSyncCommand(
  command: Mode,
  args: ParsedArgs,
  context: CommandContext,
): Promise<number> {
  const config = configFromArgs(args, command, context.io);
  return (await executeAndReport(command, config, context)).exitStatus;
}
