/** What the CLI touches of the outside world, injected so tests run it in-process. */
import type { RunDeps } from '../engine/run.js';

/** The part of a writable stream the CLI uses. */
export interface OutputStream {
  write(text: string): unknown;
  /** True when attached to a terminal (colour, progress line). */
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Environment snapshot: credentials, NO_COLOR, `value_from_env` values. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative `--path` / `--out` values are resolved against. */
  readonly cwd: string;
  /** COC client factory; defaults to coc/connect.ts. Tests may wrap it to count calls. */
  readonly connect?: RunDeps['connect'];
}

/** Replaces every registered secret in `text`; the last line of defence before output. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) result = result.split(secret).join('***');
  }
  return result;
}

/** An output stream that masks secrets registered later (the logger shares the list). */
export function maskingStream(stream: OutputStream, secrets: readonly string[]): OutputStream {
  return {
    write: (text: string) => stream.write(redactSecrets(text, secrets)),
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
  };
}
