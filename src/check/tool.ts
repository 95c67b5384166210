/**
 * Runs one external checker (python3, shellcheck) with a bounded time and output, and a minimal
 * environment: only PATH travels, so no credential of the run reaches the tool. A tool can be
 * started before its input is known (startTool): its start-up then overlaps other work.
 */
import { spawn } from 'node:child_process';

/** What a finished tool run produced; `missing` when the command is not on PATH. */
export type ToolRun =
  | { readonly kind: 'ran'; readonly code: number | null; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ToolOptions {
  /** PATH to look the command up in (from the environment snapshot). */
  readonly path: string | undefined;
  readonly input?: string;
  /** How long the tool may take once it has its input. */
  readonly timeoutMs: number;
  /** Output beyond this many bytes ends the run as failed. */
  readonly maxOutputBytes: number;
}

/** A tool given its input: when the input has left this process, and the run's end. */
export interface ToolRunning {
  /**
   * The input is in the tool's hands (or the tool has ended). A caller about to keep this thread
   * busy waits for it: a pipe takes 64 KB at once, and the rest is only written on a later turn
   * of the event loop.
   */
  readonly sent: Promise<void>;
  /** Never rejects. */
  readonly done: Promise<ToolRun>;
}

/** A tool process started ahead of its input. */
export interface StartedTool {
  /** Writes `input` to its stdin and closes it; the time bound starts now. */
  run(input: string): ToolRunning;
  /** Not needed after all: the process is killed (nothing if it has already ended). */
  discard(): void;
}

/** Runs `command args…` with `options.input` on stdin; never throws. */
export function runTool(command: string, args: readonly string[], options: ToolOptions): Promise<ToolRun> {
  return startTool(command, args, options).run(options.input ?? '').done;
}

/** Starts `command args…`, which waits for its input on stdin; never throws. */
export function startTool(
  command: string,
  args: readonly string[],
  options: Omit<ToolOptions, 'input'>,
): StartedTool {
  const child = spawn(command, args, {
    env: options.path === undefined ? {} : { PATH: options.path },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let size = 0;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  let finish: (run: ToolRun) => void = () => undefined;
  let ended: ToolRun | undefined;
  const settle = (run: ToolRun): void => {
    if (ended) return;
    ended = run;
    clearTimeout(timer);
    finish(run);
  };
  const collect = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size > options.maxOutputBytes) {
      child.kill('SIGKILL');
      settle({ kind: 'failed', message: `${command} printed more than ${options.maxOutputBytes} bytes` });
      return;
    }
    into.push(chunk);
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  child.on('error', (error: NodeJS.ErrnoException) => {
    settle(error.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', message: error.message });
  });
  child.on('close', (code, signal) => {
    if (signal !== null) {
      const why = timedOut ? `did not finish within ${options.timeoutMs / 1000} s` : `was killed (${signal})`;
      settle({ kind: 'failed', message: `${command} ${why}` });
      return;
    }
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    settle({ kind: 'ran', code, stdout: text(stdout), stderr: text(stderr) });
  });
  // A tool that exits before reading its input makes the write fail with EPIPE: the exit code tells.
  child.stdin.on('error', () => undefined);
  return {
    run(input) {
      const done = new Promise<ToolRun>((resolve) => {
        finish = resolve;
        if (ended) resolve(ended);
      });
      const sent = new Promise<void>((resolve) => {
        void done.then(() => resolve());
        if (ended) return;
        timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
        }, options.timeoutMs);
        child.stdin.end(input, () => resolve());
      });
      return { sent, done };
    },
    discard() {
      if (!ended) child.kill('SIGKILL');
    },
  };
}
