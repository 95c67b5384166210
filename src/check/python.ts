/**
 * PYTHON syntax: every script is compiled (never run) by one `python3` process, so the cost is one
 * interpreter start for the whole folder. `-I -S` keep the repository's and the environment's
 * Python settings (PYTHONPATH, sitecustomize) out of it.
 */
import { runTool } from './tool.js';

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

/** Compiles every source with python3 found on `path`. Never throws. */
export async function checkPythonSyntax(
  sources: readonly string[],
  path: string | undefined,
): Promise<PythonCheck> {
  if (sources.length === 0) return { kind: 'checked', results: [] };
  const run = await runTool('python3', ['-I', '-S', '-B', '-c', PROGRAM], {
    path,
    input: JSON.stringify(sources),
    timeoutMs: TIMEOUT_MS,
    maxOutputBytes: 1024 * 1024,
  });
  if (run.kind !== 'ran') return run;
  if (run.code !== 0) {
    return { kind: 'failed', message: `python3 exited with ${run.code}: ${lastLine(run.stderr)}` };
  }
  const results = parseResults(run.stdout, sources.length);
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
