/** `validate`, `plan` and `apply`: the action's engine (main.ts executeRun) behind CLI output. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Mode } from '../config/config.js';
import type { RunDeps } from '../main.js';
import { executeRun } from '../main.js';
import type { Plan, RunOutcome } from '../model.js';
import { serializePlan } from '../plan/serialize.js';
import type { ParsedArgs } from './args.js';
import type { Palette } from './color.js';
import { configFromArgs } from './config.js';
import type { CliIo, OutputStream } from './io.js';
import type { CliLogger } from './logger.js';
import { createProgressLine } from './progress.js';
import { renderDiagnostics, renderOutcome } from './render.js';

/** What every command handler receives from cli/main.ts. */
export interface CommandContext {
  readonly io: CliIo;
  /** Secret-masking views of io.stdout / io.stderr. */
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly logger: CliLogger;
  readonly connect: RunDeps['connect'];
  /** Palettes decided per stream (stdout may be piped while stderr is a terminal). */
  readonly outPalette: Palette;
  readonly errPalette: Palette;
  readonly json: boolean;
  readonly verbose: boolean;
}

/** Exit codes of the CLI (SPEC §5). */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;

/** plan/apply that ended without a plan and without a failure: it degraded for lack of credentials. */
function ranNoPlan(command: Mode, outcome: RunOutcome): boolean {
  return command !== 'validate' && outcome.plan === undefined && outcome.failureReason === undefined;
}

function hasChanges(plan: Plan | undefined): boolean {
  if (!plan) return false;
  const { counts } = plan;
  return counts.create + counts.update + counts.delete + counts.blocked > 0;
}

/**
 * 0 / 1 / 2 for a finished run. `drift` (plan with --fail-on-drift) is still "changes pending"
 * (2). A plan that degraded to validate for lack of credentials is an error at a terminal: the
 * user asked for a plan. Blocked items make apply fail: the account did not converge.
 */
export function exitCodeFor(command: Mode, outcome: RunOutcome): number {
  if (outcome.failureReason !== undefined && outcome.failureReason !== 'drift') return EXIT.error;
  if (outcome.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return EXIT.error;
  if (ranNoPlan(command, outcome)) return EXIT.error;
  if (command === 'apply' && (outcome.plan?.counts.blocked ?? 0) > 0) return EXIT.error;
  if (command === 'plan' && hasChanges(outcome.plan)) return EXIT.changes;
  return EXIT.ok;
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

/** stderr: diagnostics, notes, the failure; stdout: the plan (or JSON). */
function report(command: Mode, outcome: RunOutcome, context: CommandContext): void {
  context.stderr.write(renderDiagnostics(outcome.diagnostics, context.errPalette));
  for (const note of outcome.notes) context.stderr.write(`${context.errPalette.cyan('note:')} ${note}\n`);
  if (ranNoPlan(command, outcome)) {
    context.stderr.write(
      `${context.errPalette.red('error:')} ${command} needs credentials; see \`coc-script-sync ${command} --help\`.\n`,
    );
  }
  const message = outcome.failureMessage;
  // The validation summary repeats the first diagnostic, which is already printed above.
  const repeats = outcome.diagnostics.some((diagnostic) => message?.includes(diagnostic.message) === true);
  if (message !== undefined && outcome.failureReason !== 'drift' && !repeats) {
    context.stderr.write(`${context.errPalette.red('error:')} ${message}\n`);
  }
  for (const difference of outcome.planDifferences ?? []) context.stderr.write(`  ${difference}\n`);
  const text = context.json
    ? outcomeJson(outcome)
    : renderOutcome(outcome, { palette: context.outPalette, verbose: context.verbose });
  context.stdout.write(text);
}

/** Runs one of validate / plan / apply and returns the exit code. */
export async function runSyncCommand(
  command: Mode,
  args: ParsedArgs,
  context: CommandContext,
): Promise<number> {
  const config = configFromArgs(args, command, context.io);
  const progress = createProgressLine(context.stderr);
  const tempDir = await mkdtemp(path.join(tmpdir(), 'coc-script-sync-'));
  try {
    const outcome = await executeRun(config, {
      logger: context.logger,
      connect: context.connect,
      tempDir,
      onProgress: progress.update,
    });
    progress.clear();
    report(command, outcome, context);
    return exitCodeFor(command, outcome);
  } finally {
    progress.clear();
    // The plan file is only the action's output; --json prints the same document.
    await rm(tempDir, { recursive: true, force: true });
  }
}
