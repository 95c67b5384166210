/**
 * The CLI as a function: argv + injected streams/env/cwd in, exit code out. `src/cli.ts` is the
 * only caller that touches `process`; tests call main() directly.
 */
import { connectCoc } from '../coc/connect.js';
import { EXIT } from '../engine/verdict.js';
import { errorMessage, formatDiagnostic, SyncError } from '../errors.js';
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { paletteFor, useColor } from './color.js';
import { runApplyCommand } from './apply-command.js';
import { runExportCommand } from './export-command.js';
import { COMMANDS } from './flags.js';
import { commandHelp, generalHelp } from './help.js';
import { createSecretSet } from '../common/scrub.js';
import { safeStream, type CliIo } from './io.js';
import { createCliLogger } from './logger.js';
import { runSyncCommand, type CommandContext } from './run-command.js';
import { VERSION } from '../version.js';

export type { CliIo, OutputStream } from './io.js';

function buildContext(args: ParsedArgs, io: CliIo): CommandContext {
  const secrets = createSecretSet();
  const json = args.booleans.json === true;
  const stdout = safeStream(io.stdout, secrets, json ? 'json' : 'text');
  const stderr = safeStream(io.stderr, secrets);
  const noColor = args.booleans['no-color'] === true;
  const errPalette = paletteFor(useColor(io.stderr.isTTY, io.env, noColor));
  const verbose = args.booleans.verbose === true;
  return {
    io,
    stdout,
    stderr,
    logger: createCliLogger(stderr, errPalette, verbose, secrets, args.booleans.debug === true),
    connect: io.connect ?? connectCoc,
    outPalette: paletteFor(useColor(io.stdout.isTTY, io.env, noColor)),
    errPalette,
    json,
    verbose,
  };
}

/** Prints an error that escaped a command: usage mistakes get a pointer to --help. */
function reportError(
  error: unknown,
  argv: readonly string[],
  context: CommandContext | undefined,
  io: CliIo,
) {
  const stderr = context?.stderr ?? io.stderr;
  const red = context?.errPalette.red ?? ((text: string) => text);
  const message = errorMessage(error);
  if (error instanceof SyncError) {
    // Input errors carry their problems both as the message and as diagnostics: print each once.
    for (const diagnostic of error.diagnostics.filter((d) => !message.includes(d.message)))
      stderr.write(`${red('error:')} ${formatDiagnostic(diagnostic)}\n`);
  }
  stderr.write(`${red('error:')} ${message}\n`);
  if (error instanceof UsageError) {
    const command = COMMANDS.find((name) => name === argv[0]);
    const where = command === undefined ? '' : ` ${command}`;
    stderr.write(`Run \`coc-script-sync${where} --help\` for usage.\n`);
  }
}

/** Runs the CLI and returns its exit code: 0 success / no changes, 2 changes pending, 1 error. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs | undefined;
  let context: CommandContext | undefined;
  try {
    args = parseArgs(argv);
    if (args.booleans.version === true) {
      io.stdout.write(`coc-script-sync ${VERSION}\n`);
      return EXIT.ok;
    }
    if (args.command === undefined) {
      // Asked-for help goes to stdout; help shown because a command is missing is an error.
      if (args.booleans.help === true) io.stdout.write(generalHelp());
      else io.stderr.write(generalHelp());
      return args.booleans.help === true ? EXIT.ok : EXIT.error;
    }
    if (args.booleans.help === true) {
      io.stdout.write(commandHelp(args.command));
      return EXIT.ok;
    }
    context = buildContext(args, io);
    if (args.command === 'export') return await runExportCommand(args, context);
    if (args.command === 'apply') return await runApplyCommand(args, context);
    return await runSyncCommand(args.command, args, context);
  } catch (error) {
    reportError(error, argv, context, io);
    return EXIT.error;
  }
}
