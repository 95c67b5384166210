/**
 * The CLI's Logger: warnings and errors on stderr; info and notices only with --verbose (the
 * engine's notices also arrive in RunOutcome.notes, which the CLI prints once); debug lines
 * (HTTP traces) only with --debug.
 */
import type { Logger } from '../log.js';
import type { Palette } from './color.js';
import type { OutputStream } from './io.js';

export interface CliLogger extends Logger {
  /** Secrets registered through mask(); the CLI's output streams redact them too. */
  readonly secrets: string[];
}

/** Creates the CLI logger; `stderr` should already be a masking stream over the same `secrets`. */
export function createCliLogger(
  stderr: OutputStream,
  palette: Palette,
  verbose: boolean,
  secrets: string[] = [],
  debug = false,
): CliLogger {
  const line = (prefix: string) => (message: string) => {
    stderr.write(`${prefix}${message}\n`);
  };
  const quiet = () => undefined;
  return {
    secrets,
    info: verbose ? line('') : quiet,
    debug: debug ? line(palette.dim('debug: ')) : quiet,
    notice: verbose ? line(palette.cyan('note: ')) : quiet,
    warning: line(palette.yellow('warning: ')),
    error: line(palette.red('error: ')),
    mask: (secret) => {
      if (secret.length > 0 && !secrets.includes(secret)) secrets.push(secret);
    },
    isDebug: () => debug,
  };
}
