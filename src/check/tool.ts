/**
 * Runs one external checker (python3, shellcheck) with a bounded time and output, and a minimal
 * environment: only PATH travels, so no credential of the run reaches the tool.
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
  readonly timeoutMs: number;
  /** Output beyond this many bytes ends the run as failed. */
  readonly maxOutputBytes: number;
}

/** Runs `command args…`; never throws. */
export function runTool(command: string, args: readonly string[], options: ToolOptions): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: options.path === undefined ? {} : { PATH: options.path },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (run: ToolRun): void => {
      if (settled) return;
      settled = true;
      resolve(run);
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxOutputBytes) {
        child.kill('SIGKILL');
        finish({ kind: 'failed', message: `${command} printed more than ${options.maxOutputBytes} bytes` });
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', message: error.message });
    });
    child.on('close', (code, signal) => {
      if (signal !== null) {
        const why =
          signal === 'SIGTERM'
            ? `did not finish within ${options.timeoutMs / 1000} s`
            : `was killed (${signal})`;
        finish({ kind: 'failed', message: `${command} ${why}` });
        return;
      }
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
      finish({ kind: 'ran', code, stdout: text(stdout), stderr: text(stderr) });
    });
    // A tool that exits before reading its input makes the write fail with EPIPE: the exit code tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
