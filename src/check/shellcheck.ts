/**
 * ShellCheck findings (`check-content: shellcheck`): one `shellcheck` process for every SHELL
 * script, each written to a temporary file. `-f json1` is ShellCheck's JSON format in which a tab
 * counts as one column (`-f json` counts it as eight), so columns index the text directly.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from './tool.js';

/** One finding at severity `warning` or above. Line and column are 1-based, in code points. */
export interface ShellCheckFinding {
  readonly script: number;
  readonly line: number;
  readonly column: number;
  readonly level: string;
  readonly code: number;
  readonly message: string;
}

export type ShellCheckRun =
  | { readonly kind: 'checked'; readonly findings: readonly ShellCheckFinding[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string };

const TIMEOUT_MS = 60_000;

/** Runs ShellCheck found on `path` over `scripts` (LF line endings); temp files go in `tempDir`. */
export async function runShellCheck(
  scripts: readonly string[],
  path: string | undefined,
  tempDir: string,
): Promise<ShellCheckRun> {
  if (scripts.length === 0) return { kind: 'checked', findings: [] };
  const dir = await mkdtemp(join(tempDir, 'coc-script-sync-shellcheck-'));
  try {
    // `.bash`: a script without a `#!` line is checked as bash (COC's SHELL type); a `#!` line wins.
    const files = scripts.map((_, index) => join(dir, `${index}.bash`));
    await Promise.all(scripts.map((script, index) => writeFile(join(dir, `${index}.bash`), script)));
    const run = await runTool('shellcheck', ['-f', 'json1', '-S', 'warning', '--', ...files], {
      path,
      timeoutMs: TIMEOUT_MS,
      maxOutputBytes: 16 * 1024 * 1024,
    });
    if (run.kind !== 'ran') return run;
    // Exit status 1 means "findings"; anything else is ShellCheck failing.
    if (run.code !== 0 && run.code !== 1) {
      return {
        kind: 'failed',
        message: `shellcheck exited with ${run.code}: ${run.stderr.trim().slice(0, 200)}`,
      };
    }
    const findings = parseFindings(run.stdout, files);
    return findings
      ? { kind: 'checked', findings }
      : { kind: 'failed', message: 'shellcheck gave no usable answer' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseFindings(stdout: string, files: readonly string[]): ShellCheckFinding[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const comments = (parsed as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return undefined;
  const findings: ShellCheckFinding[] = [];
  for (const comment of comments as Record<string, unknown>[]) {
    const script = files.indexOf(String(comment.file));
    const { line, column, level, code, message } = comment;
    if (script === -1 || typeof line !== 'number' || typeof column !== 'number') continue;
    findings.push({
      script,
      line,
      column,
      level: typeof level === 'string' ? level : 'warning',
      code: typeof code === 'number' ? code : 0,
      message: typeof message === 'string' ? message.trim() : '',
    });
  }
  return findings;
}
