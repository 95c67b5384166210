/** What the CLI touches of the outside world, injected so tests run it in-process. */
import { inertJson, inertLines } from '../common/inert.js';
import type { SecretSet } from '../common/scrub.js';
import type { Cancellation } from '../common/cancel.js';
import type { RunDeps } from '../engine/run.js';

/** The part of a writable stream the CLI uses. */
export interface OutputStream {
  write(text: string): unknown;
  /** True when attached to a terminal (colour, progress line). */
  readonly isTTY?: boolean;
}

/** The part of stdin the CLI uses: whether a person can answer, and one answer. */
export interface InputStream {
  /** True when attached to a terminal: only then does `apply` ask. */
  readonly isTTY?: boolean;
  /** Reads one line (without its newline); undefined when the input ends first (Ctrl-D). */
  readLine(): Promise<string | undefined>;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Absent in tests that never answer: `apply` then behaves as without a terminal. */
  readonly stdin?: InputStream;
  /** Environment snapshot: credentials, NO_COLOR, `value_from_env` values. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative `--path` / `--out` values are resolved against. */
  readonly cwd: string;
  /** COC client factory; defaults to coc/connect.ts. Tests may wrap it to count calls. */
  readonly connect?: RunDeps['connect'];
  /** The bundled worker entry (src/cli.ts passes it); absent: everything runs in one thread. */
  readonly threads?: RunDeps['threads'];
  /** Ctrl-C / SIGTERM as src/cli.ts caught them: the run stops starting writes and reports. */
  readonly cancellation?: Cancellation;
}

/** How a stream's text is made inert: a report (lines), or JSON (kept valid). */
export type StreamKind = 'text' | 'json';

/**
 * An output stream that scrubs every secret registered so far (the logger shares the set) and
 * makes the text inert (no workflow command when the CLI runs in a workflow step, no terminal
 * control sequence but the palette's colours).
 */
export function safeStream(
  stream: OutputStream,
  secrets: SecretSet,
  kind: StreamKind = 'text',
): OutputStream {
  const inert = (text: string): string =>
    kind === 'json' ? inertJson(text) : inertLines(text, { keepColor: stream.isTTY === true });
  return {
    write: (text: string) => stream.write(inert(secrets.scrub(text))),
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
  };
}
