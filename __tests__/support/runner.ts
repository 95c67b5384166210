/**
 * Spawns the bundled action (`node dist/index.js`) the way the Actions runner does: every input
 * of action.yml as an INPUT_* variable (defaults filled in, as the runner fills them), the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY command files, RUNNER_TEMP. Also measures what the
 * benchmark needs: wall time and the peak resident set size of the action process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The repository root (__tests__/support/ is two levels down). */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The bundled action entry, as `runs.main` of action.yml names it. COC_SYNC_ACTION_ENTRY points
 * the harness at another build (e.g. one bundled elsewhere while dist/ is being rebuilt).
 */
export const ACTION_ENTRY = process.env['COC_SYNC_ACTION_ENTRY'] ?? join(REPO_ROOT, 'dist/index.js');

/**
 * The bundled CLI, as `bin` of package.json names it. COC_SYNC_CLI_ENTRY points the harness at
 * another build (to check that a new test fails against the bundle of an older commit).
 */
export const CLI_ENTRY = process.env['COC_SYNC_CLI_ENTRY'] ?? join(REPO_ROOT, 'dist/cli/index.js');

/** One finished Node process, timed from spawn to exit. */
export interface TimedProcess {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to exit, in milliseconds. */
  readonly wallMs: number;
  /** Epoch ms just before spawn and at exit (to line up with the emulator's request log). */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** Peak RSS (VmHWM) of the process in KiB; undefined where /proc is unavailable. */
  readonly peakRssKb: number | undefined;
}

/** What one run of the action left behind. */
export interface ActionProcessResult extends TimedProcess {
  /** Parsed GITHUB_OUTPUT file. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The GITHUB_STEP_SUMMARY file. */
  readonly summary: string;
  /** RUNNER_TEMP of this run (the plan file lands here). */
  readonly tempDir: string;
}

export interface ActionProcessOptions {
  readonly cwd?: string;
  /** Extra environment (GITHUB_* context, value_from_env values). */
  readonly env?: Readonly<Record<string, string>>;
  /** Defaults to dist/index.js. */
  readonly entry?: string;
  /** Called with the child right after spawn (to signal it, as the runner's cancel does). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/**
 * The INPUT_* variables the runner would set: action.yml defaults, overridden by `inputs`.
 * A default that is an expression (`${{ github.token }}`) resolves to an empty string here:
 * there is no GitHub token outside a runner.
 */
export function runnerInputEnv(inputs: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    // core.getInput: `INPUT_${name.replace(/ /g, '_').toUpperCase()}`; hyphens stay.
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

let defaultsCache: Record<string, string> | undefined;

/** The `default` of every input of action.yml, expressions resolved to ''. */
export function actionDefaults(): Record<string, string> {
  if (defaultsCache) return defaultsCache;
  const manifest = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs ?? {})) {
    const value = input.default;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value);
    defaults[name] = text.includes('${{') ? '' : text;
  }
  defaultsCache = defaults;
  return defaults;
}

/** Runs the action once and collects its outputs, summary, timing and peak memory. */
export async function runActionProcess(
  inputs: Readonly<Record<string, string>>,
  options: ActionProcessOptions = {},
): Promise<ActionProcessResult> {
  const tempDir = await mkdtemp(join(tmpdir(), 'coc-bench-runner-'));
  const outputFile = join(tempDir, 'output.txt');
  const summaryFile = join(tempDir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tempDir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tempDir,
    GITHUB_WORKSPACE: options.cwd ?? process.cwd(),
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    ...runnerInputEnv(inputs),
    ...options.env,
  };
  const child = await runNodeProcess(
    [options.entry ?? ACTION_ENTRY],
    env,
    options.cwd ?? process.cwd(),
    options.onSpawn,
  );
  return {
    ...child,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    tempDir,
  };
}

/**
 * Runs the bundled CLI (`node dist/cli/index.js …argv`) with only the given environment (plus
 * PATH and HOME), no terminal on either stream.
 */
export function runCliProcess(
  argv: readonly string[],
  options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>> },
): Promise<ChildResult> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? options.cwd, ...options.env };
  return spawnAndMeasure([CLI_ENTRY, ...argv], env, options.cwd);
}

/** Runs `node …argv` with exactly `env` in `cwd`, timed from spawn to exit, peak RSS sampled. */
export async function runNodeProcess(
  argv: readonly string[],
  env: Record<string, string>,
  cwd: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<TimedProcess> {
  const startedAtMs = Date.now();
  const started = performance.now();
  const child = await spawnAndMeasure(argv, env, cwd, onSpawn);
  const wallMs = performance.now() - started;
  return { ...child, wallMs, startedAtMs, endedAtMs: startedAtMs + wallMs };
}

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
  peakRssKb: number | undefined;
}

/**
 * A spawned bundle never outlives its use: one that runs longer than this is killed (no test or
 * bench run takes a tenth of it), and every child still running when this process exits is killed
 * with it. Without that, a test that times out against a broken bundle (one walking `/`, or reading
 * an endless file) leaves the child running, and eating memory, after the test run has ended.
 */
const SPAWN_LIMIT_MS = 180_000;
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `node entry`; polls VmHWM (a high-water mark, so the last sample is the peak so far). */
function spawnAndMeasure(
  args: string | readonly string[],
  env: Record<string, string>,
  cwd: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const argv = typeof args === 'string' ? [args] : [...args];
    const child = spawn(process.execPath, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const limit = setTimeout(() => child.kill('SIGKILL'), SPAWN_LIMIT_MS);
    limit.unref();
    const settle = (): void => {
      clearInterval(timer);
      clearTimeout(limit);
      running.delete(child);
    };
    onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peak: number | undefined;
    const sample = (): void => {
      if (child.pid === undefined) return;
      const hwm = readHighWaterMark(child.pid);
      if (hwm !== undefined) peak = Math.max(peak ?? 0, hwm);
    };
    const timer = setInterval(sample, 5);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // 'exit' comes before the streams close; one more sample there catches the latest mark.
    child.on('exit', sample);
    child.on('error', (error) => {
      settle();
      reject(error);
    });
    child.on('close', (code) => {
      settle();
      resolvePromise({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        peakRssKb: peak,
      });
    });
  });
}

/** VmHWM of a live process in KiB, or undefined (gone, zombie, or no /proc). */
export function readHighWaterMark(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the runner's `name<<DELIMITER … DELIMITER` output file format. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? '');
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}
