/**
 * The CLI's Logger: warnings and errors on stderr; info and notices only with --verbose (the
 * engine's notices also arrive in RunOutcome.notes, which the CLI prints once); debug lines
 * (HTTP traces) only with --debug.
 */
import { inertLine } from '../common/inert.js';
import { createSecretSet, type SecretSet } from '../common/scrub.js';
import type { Logger } from '../log.js';
import type { Palette } from './color.js';
import type { OutputStream } from './io.js';

/**
 * Creates the CLI logger; `stderr` should already be a safe stream over the same `secrets`.
 * Each message is one inert line (a message holding a line break cannot forge another line).
 */
export function createCliLogger(
  stderr: OutputStream,
  palette: Palette,
  verbose: boolean,
  secrets: SecretSet = createSecretSet(),
  debug = false,
): Logger {
  const line = (prefix: string) => (message: string) => {
    stderr.write(`${prefix}${inertLine(secrets.scrub(message))}\n`);
  };
  const quiet = () => undefined;
  const info = verbose ? line('') : quiet;
  return {
    secrets,
    info,
    infoLines: (messages) => messages.forEach((message) => info(message)),
    debug: debug ? line(palette.dim('debug: ')) : quiet,
    notice: verbose ? line(palette.cyan('note: ')) : quiet,
    warning: line(palette.yellow('warning: ')),
    error: line(palette.red('error: ')),
    mask: (secret) => secrets.add(secret),
    isDebug: () => debug,
  };
}
