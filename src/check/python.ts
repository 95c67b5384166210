/**
 * PYTHON syntax: every script is compiled (never run) by one `python3` process, so the cost is one
 * interpreter start for the whole folder, and that start can begin before the scripts are known
 * (startPythonCheck: it then overlaps the loading of the definitions). `-I -S` keep the
 * repository's and the environment's Python settings (PYTHONPATH, sitecustomize) out of it.
 */
import type { StartedTool, ToolRunning } from './tool.js';
import { startTool } from './tool.js';

/** A compile error: Python's message, 1-based line and column (code points), when it gave them. */
export interface PythonSyntaxError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Per script: undefined (compiles) or its error; or why the check could not run. */
export type PythonCheck =
  | { readonly kind: 'checked'; readonly results: readonly (PythonSyntaxError | undefined)[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string };

// compile() parses and compiles to bytecode (so `return` outside a function is caught too) but
// runs nothing. The scripts arrive as JSON on stdin; the answer is one JSON list, ASCII only.
const PROGRAM = `
import json, sys
out = []
for source in json.loads(sys.stdin.buffer.read().decode("utf-8")):
    try:
        compile(source, "<script>", "exec", dont_inherit=True)
        out.append(None)
    except SyntaxError as error:
        out.append({"message": str(error.msg), "line": error.lineno, "column": error.offset})
    except Exception as error:
        out.append({"message": type(error).__name__ + ": " + str(error), "line": None, "column": None})
sys.stdout.write(json.dumps(out))
`;

const TIMEOUT_MS = 30_000;

/** A python3 compiling: when it has the scripts (see ToolRunning.sent), and its verdicts. */
export interface PythonChecking {
  readonly sent: Promise<void>;
  /** Never rejects. */
  readonly done: Promise<PythonCheck>;
}

/** A python3 process started ahead of the scripts it will compile. */
export interface PythonChecker {
  /** Compiles every source; with none, the process is discarded. */
  check(sources: readonly string[]): PythonChecking;
  /** Not needed after all (no check ran): the process is killed. */
  discard(): void;
}

/** Starts python3 found on `path`; it waits for the scripts (check) or is discarded. */
export function startPythonCheck(path: string | undefined): PythonChecker {
  const tool: StartedTool = startTool('python3', ['-I', '-S', '-B', '-c', PROGRAM], {
    path,
    timeoutMs: TIMEOUT_MS,
    maxOutputBytes: 1024 * 1024,
  });
  return {
    check: (sources) => compileAll(tool, sources),
    discard: () => tool.discard(),
  };
}

function compileAll(tool: StartedTool, sources: readonly string[]): PythonChecking {
  if (sources.length === 0) {
    tool.discard();
    return { sent: Promise.resolve(), done: Promise.resolve({ kind: 'checked', results: [] }) };
  }
  const running = tool.run(JSON.stringify(sources));
  return { sent: running.sent, done: verdicts(running, sources.length) };
}

async function verdicts(running: ToolRunning, count: number): Promise<PythonCheck> {
  const run = await running.done;
  if (run.kind !== 'ran') return run;
  if (run.code !== 0) {
    return { kind: 'failed', message: `python3 exited with ${run.code}: ${lastLine(run.stderr)}` };
  }
  const results = parseResults(run.stdout, count);
  return results
    ? { kind: 'checked', results }
    : { kind: 'failed', message: 'python3 gave no usable answer' };
}

function parseResults(stdout: string, expected: number): (PythonSyntaxError | undefined)[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== expected) return undefined;
  return parsed.map((entry: unknown) => {
    if (entry === null || typeof entry !== 'object') return undefined;
    const { message, line, column } = entry as Record<string, unknown>;
    return {
      message: typeof message === 'string' ? message : 'syntax error',
      ...(typeof line === 'number' && line > 0 ? { line } : {}),
      ...(typeof column === 'number' && column > 0 ? { column } : {}),
    };
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.slice(0, 200) ?? '';
}
