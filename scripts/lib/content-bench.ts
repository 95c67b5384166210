/**
 * The content-check benchmark line (issue 14): the cold-start `validate` of 100 definitions whose
 * scripts are 4 KB each, with `check-content: syntax` and with `off`, in pairs run one right after
 * the other; the median of the pairs' differences is what the check adds to a run (a pair shares
 * the machine's state of the moment, so a noisy neighbour moves both of its runs). The scripts
 * look like operations scripts (functions, if, case, pipes, heredocs; Python loops and
 * f-strings), not repeated one-liners. The line also says which python3 compiled the PYTHON
 * scripts and what its start-up costs, since a version manager's shim in front of it (pyenv's
 * is a shell script) adds to every check.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runActionProcess } from '../../__tests__/support/runner.js';

export const CONTENT_TARGET_MS = 200;

export interface ContentCheckFigures {
  readonly scripts: number;
  readonly shell: number;
  readonly pythonScripts: number;
  readonly bytes: number;
  readonly checkedMs: readonly number[];
  readonly offMs: readonly number[];
  /** Median of checkedMs[i] − offMs[i]. */
  readonly extraMs: number;
  /** The python3 on PATH, the interpreter it runs, and the start-up of each (median of 5). */
  readonly python: PythonStart | undefined;
  readonly problems: readonly string[];
}

export interface PythonStart {
  readonly onPath: string;
  readonly executable: string;
  readonly onPathMs: number;
  readonly executableMs: number;
}

const SIZE = 4000;

function shellScript(n: number): string {
  let text = `#!/bin/bash\n# Rotates the logs of service group ${n} and reports to the operator.\nset -euo pipefail\nMODE="\${1:-apply}"\n`;
  for (let i = 0; text.length < SIZE - 420; i++) {
    text += `
rotate_${i}() {
  local target="/var/log/service-${n}-${i}"
  if [ -d "$target" ]; then
    find "$target" -name '*.log' -mtime +7 -print | while read -r file; do
      echo "removing $file from $target (older than seven days)"
    done
  else
    echo "warning: $target does not exist; skipping service ${i}" >&2
  fi
  case "$MODE" in
    dry-run) echo "dry run: nothing removed" ;;
    *) systemctl reload "service-${i}" || echo "reload of service-${i} failed" >&2 ;;
  esac
}
`;
  }
  return `${text}cat <<EOF\nrotation of group ${n} done in mode $MODE\nEOF\n`;
}

function pythonScript(n: number): string {
  let text = `import os\nimport sys\nimport time\n\nGROUP = ${n}\n`;
  for (let i = 0; text.length < SIZE - 300; i++) {
    text += `

def tidy_${i}(root="/var/tmp/group-${n}-${i}", days=7):
    cutoff = time.time() - days * 86400
    removed = []
    for entry in os.scandir(root) if os.path.isdir(root) else []:
        if entry.is_file() and entry.stat().st_mtime < cutoff:
            os.remove(entry.path)
            removed.append(entry.name)
    print(f"group {GROUP}: removed {len(removed)} files from {root}", file=sys.stderr)
    return removed
`;
  }
  return text;
}

/** Writes the workload folder (exported for profiling). */
export async function writeWorkload(shell: number, python: number): Promise<{ root: string; bytes: number }> {
  const root = await mkdtemp(join(tmpdir(), 'coc-content-bench-'));
  const dir = join(root, 'coc-scripts');
  await mkdir(dir);
  let bytes = 0;
  const writes = Array.from({ length: shell + python }, (_, index) => {
    const isShell = index < shell;
    const content = isShell ? shellScript(index) : pythonScript(index);
    bytes += Buffer.byteLength(content);
    const definition = {
      name: `content_${String(index + 1).padStart(3, '0')}`,
      type: isShell ? 'SHELL' : 'PYTHON',
      description: 'content check benchmark',
      risk_level: 'LOW',
      version: '1.0.0',
      content,
    };
    return writeFile(join(dir, `${definition.name}.yaml`), stringify(definition, { lineWidth: 0 }));
  });
  await Promise.all(writes);
  return { root, bytes };
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Pairs of cold starts with and without the check (after one warm-up pair). */
export async function benchContentCheck(runs: number): Promise<ContentCheckFigures> {
  const shell = 75;
  const python = 25;
  const { root, bytes } = await writeWorkload(shell, python);
  const checkedMs: number[] = [];
  const offMs: number[] = [];
  const problems: string[] = [];
  for (let index = 0; index <= runs; index++) {
    for (const level of ['syntax', 'off'] as const) {
      const inputs = { mode: 'validate', path: 'coc-scripts', 'check-content': level };
      const result = await runActionProcess(inputs, { cwd: root });
      if (result.code !== 0)
        problems.push(`validate (${level}): exit code ${result.code}\n${result.stdout.slice(-1500)}`);
      await rm(result.tempDir, { recursive: true, force: true });
      if (index > 0) (level === 'off' ? offMs : checkedMs).push(result.wallMs);
    }
  }
  await rm(root, { recursive: true, force: true });
  const extraMs = median(checkedMs.map((ms, index) => ms - (offMs[index] ?? Number.NaN)));
  return {
    scripts: shell + python,
    shell,
    pythonScripts: python,
    bytes,
    checkedMs,
    offMs,
    extraMs,
    python: pythonStart(),
    problems,
  };
}

/** Which python3 the check finds on PATH, and how long it and the interpreter behind it take to start. */
function pythonStart(): PythonStart | undefined {
  const which = spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' });
  const onPath = which.stdout.trim();
  if (which.status !== 0 || onPath === '') return undefined;
  const found = spawnSync(onPath, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const executable = found.stdout.trim() || onPath;
  const startMs = (command: string): number => {
    const times = Array.from({ length: 5 }, () => {
      const started = performance.now();
      spawnSync(command, ['-I', '-S', '-B', '-c', 'pass']);
      return performance.now() - started;
    });
    return median(times);
  };
  return { onPath, executable, onPathMs: startMs(onPath), executableMs: startMs(executable) };
}
