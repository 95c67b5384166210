/**
 * The benchmark scenarios (bench/README.md): plan and apply of 1,000 scripts in 100 folders with
 * 100 changed, each round paired with the ideal client against the same emulator process; the
 * naive sequential loop; validate of 100 files; the plan scaling series. Each returns figures
 * plus the behaviour problems it saw (figures of a broken run mean nothing).
 */
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../__tests__/support/emulator-process.js';
import {
  REPO_ROOT,
  runActionProcess,
  runNodeProcess,
  type TimedProcess,
} from '../../__tests__/support/runner.js';
import {
  driftedCopy,
  makeSpecs,
  toSeed,
  writeDefinitions,
  type ScriptSpec,
} from '../../__tests__/support/generate.js';
import {
  EMULATOR_TOKEN,
  measureProcess,
  measureRun,
  type MeasureSettings,
  type MeasuredRun,
} from '../../__tests__/support/measure.js';
import { modifyBody, naiveSync, type NaiveResult } from './naive.js';
import { stateDiff } from '../../__tests__/support/state.js';

/** Every `every`-th script differs remotely (100 of 1,000 with every = 10). */
export const DRIFT_EVERY = 10;

/** Sub-folders the definitions are spread over (1,000 definitions: 10 a folder). */
export const FOLDERS = 100;

/** The ideal client: plain JavaScript, started with `node` and nothing else. */
export const IDEAL_CLIENT = join(REPO_ROOT, 'bench/ideal-client.mjs');

/** The action's runs of one mode and the ideal client's, round by round (same index, same round). */
export interface PairedRuns {
  readonly action: readonly MeasuredRun[];
  readonly ideal: readonly MeasuredRun<TimedProcess>[];
}

/** The main scenario's figures. */
export interface SyncFigures {
  readonly plan: PairedRuns;
  readonly apply: PairedRuns;
  readonly naivePlan: NaiveResult | undefined;
  readonly naiveApply: NaiveResult | undefined;
  readonly problems: readonly string[];
}

/** A workload: desired specs, the remote seeds (some drifted) and the definitions folder. */
interface Workload {
  readonly specs: ScriptSpec[];
  readonly seeds: ReturnType<typeof toSeed>[];
  readonly dir: string;
  /** The ideal client's writes file: a modify body for each drifted script, by name. */
  readonly writesFile: string;
}

async function workload(count: number, label: string): Promise<Workload> {
  const specs = makeSpecs(count, 'bench', count);
  const drifted = (index: number): boolean => index % DRIFT_EVERY === 0;
  const seeds = specs.map((spec, index) => toSeed(drifted(index) ? driftedCopy(spec) : spec));
  const dir = await writeDefinitions(specs, label, Math.min(FOLDERS, Math.ceil(count / 10)));
  const writes = Object.fromEntries(
    specs.flatMap((spec, index) => (drifted(index) ? [[spec.name, modifyBody(spec)]] : [])),
  );
  const writesFile = join(dirname(dir), 'ideal-writes.json');
  await writeFile(writesFile, JSON.stringify(writes));
  return { specs, seeds, dir, writesFile };
}

async function cleanup(dir: string, runs: readonly MeasuredRun[]): Promise<void> {
  await rm(dirname(dir), { recursive: true, force: true });
  await Promise.all(runs.map((run) => rm(run.result.tempDir, { recursive: true, force: true })));
}

async function resetState(
  emulator: EmulatorProcess,
  work: Workload,
  settings: MeasureSettings,
): Promise<void> {
  await emulator.reset();
  await emulator.setFaults({ latencyMs: settings.latencyMs });
  await emulator.seed(work.seeds);
}

/** The ideal client once against `emulator`: plan, or apply with the workload's writes. */
function runIdeal(
  emulator: EmulatorProcess,
  work: Workload,
  settings: MeasureSettings,
  mode: 'plan' | 'apply',
): Promise<MeasuredRun<TimedProcess>> {
  const argv = [IDEAL_CLIENT, emulator.url, EMULATOR_TOKEN, String(settings.concurrency)];
  if (mode === 'apply') argv.push(work.writesFile);
  const env = { PATH: process.env['PATH'] ?? '' };
  return measureProcess(emulator, settings, () => runNodeProcess(argv, env, dirname(work.dir)));
}

/** What one round of one mode measured and saw. */
interface Round {
  readonly action: MeasuredRun;
  readonly ideal: MeasuredRun<TimedProcess>;
  readonly problems: string[];
}

/**
 * One round of `mode`: the ideal client and the action, each on fresh state, in the order given
 * (the rounds alternate it, so neither always runs on a machine the other just warmed).
 */
async function runRound(
  emulator: EmulatorProcess,
  work: Workload,
  settings: MeasureSettings,
  mode: 'plan' | 'apply',
  idealFirst: boolean,
): Promise<Round> {
  const options = { cwd: dirname(work.dir) };
  const expected = { updated: String(Math.ceil(work.specs.length / DRIFT_EVERY)) };
  const problems: string[] = [];
  const action = async (): Promise<MeasuredRun> => {
    await resetState(emulator, work, settings);
    const run = await measureRun(emulator, { mode, path: 'coc-scripts' }, settings, options);
    problems.push(...runProblems(mode, run, expected));
    if (mode === 'apply') problems.push(...(await leftOver(emulator, work, 'apply')));
    return run;
  };
  const ideal = async (): Promise<MeasuredRun<TimedProcess>> => {
    await resetState(emulator, work, settings);
    const run = await runIdeal(emulator, work, settings, mode);
    if (run.result.code !== 0) problems.push(`ideal ${mode}: exit ${run.result.code} ${run.result.stderr}`);
    if (mode === 'apply') problems.push(...(await leftOver(emulator, work, 'the ideal apply')));
    return run;
  };
  if (idealFirst) {
    const idealRun = await ideal();
    return { ideal: idealRun, action: await action(), problems };
  }
  const actionRun = await action();
  return { action: actionRun, ideal: await ideal(), problems };
}

async function leftOver(emulator: EmulatorProcess, work: Workload, label: string): Promise<string[]> {
  const lines = stateDiff(await emulator.scripts(), work.specs);
  return lines.slice(0, 5).map((line) => `${label} left a difference: ${line}`);
}

/**
 * `rounds` rounds of plan and apply, each paired with the ideal client, after one warm-up round
 * (not counted: it fills the page cache and warms the emulator's JIT); then, with `naive`, the
 * naive sequential loop once.
 */
export async function benchSync(
  count: number,
  settings: MeasureSettings,
  rounds: number,
  naive: boolean,
): Promise<SyncFigures> {
  const work = await workload(count, 'bench');
  const emulator = await startEmulatorProcess();
  const plan: Round[] = [];
  const apply: Round[] = [];
  try {
    const warmUp = await runRound(emulator, work, settings, 'plan', true);
    for (let round = 0; round < rounds; round++) {
      plan.push(await runRound(emulator, work, settings, 'plan', round % 2 === 0));
      apply.push(await runRound(emulator, work, settings, 'apply', round % 2 === 1));
    }
    const naivePlan = naive ? await naiveOnFreshState(emulator, work, settings, false) : undefined;
    const naiveApply = naive ? await naiveOnFreshState(emulator, work, settings, true) : undefined;
    await cleanup(
      work.dir,
      [warmUp, ...plan, ...apply].map((round) => round.action),
    );
    const paired = (list: readonly Round[]): PairedRuns => ({
      action: list.map((round) => round.action),
      ideal: list.map((round) => round.ideal),
    });
    return {
      plan: paired(plan),
      apply: paired(apply),
      naivePlan,
      naiveApply,
      problems: [...plan, ...apply].flatMap((round) => round.problems),
    };
  } finally {
    await emulator.close();
  }
}

async function naiveOnFreshState(
  emulator: EmulatorProcess,
  work: Workload,
  settings: MeasureSettings,
  write: boolean,
): Promise<NaiveResult> {
  await resetState(emulator, work, settings);
  return naiveSync(emulator.url, EMULATOR_TOKEN, work.specs, write);
}

/** Differences between what a run did and what it should have done. */
export function runProblems(
  label: string,
  run: MeasuredRun,
  expected: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  if (run.result.code !== 0) {
    const why = run.result.outputs['failure-reason'] ?? '';
    problems.push(
      `${label}: exit code ${run.result.code} ${why}\n${run.result.stdout.slice(-2000)}${run.result.stderr.slice(-2000)}`,
    );
  }
  for (const [name, value] of Object.entries(expected)) {
    const actual = run.result.outputs[name];
    if (actual !== value)
      problems.push(
        `${label}: output ${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`,
      );
  }
  return problems;
}

/** One plan at a given size (the scaling table), against its own emulator process. */
export async function benchPlanAt(
  count: number,
  settings: MeasureSettings,
): Promise<{ run: MeasuredRun; problems: string[] }> {
  const work = await workload(count, `scale-${count}`);
  const emulator = await startEmulatorProcess();
  try {
    await resetState(emulator, work, settings);
    const run = await measureRun(emulator, { mode: 'plan', path: 'coc-scripts' }, settings, {
      cwd: dirname(work.dir),
    });
    const problems = runProblems(`plan of ${count}`, run, {
      updated: String(Math.ceil(count / DRIFT_EVERY)),
    });
    await cleanup(work.dir, [run]);
    return { run, problems };
  } finally {
    await emulator.close();
  }
}

/** Wall times of `validate` over `files` definitions: one warm-up, then `runs` cold starts. */
export interface ValidateFigures {
  readonly files: number;
  readonly timesMs: readonly number[];
  readonly medianMs: number;
  readonly peakRssKb: number | undefined;
  readonly problems: readonly string[];
}

/** `validate` is offline: no endpoint, no credentials; each run is a new process (cold start). */
export async function benchValidate(files: number, runs: number): Promise<ValidateFigures> {
  const specs = makeSpecs(files, 'validate', 3);
  const dir = await writeDefinitions(specs, 'validate');
  const options = { cwd: dirname(dir) };
  const problems: string[] = [];
  const timesMs: number[] = [];
  let peakRssKb: number | undefined;
  for (let index = 0; index <= runs; index++) {
    const result = await runActionProcess({ mode: 'validate', path: 'coc-scripts' }, options);
    if (result.code !== 0) problems.push(`validate: exit code ${result.code}\n${result.stdout.slice(-1500)}`);
    await rm(result.tempDir, { recursive: true, force: true });
    if (index === 0) continue; // warm-up: page cache, not the action, would dominate it
    timesMs.push(result.wallMs);
    peakRssKb = Math.max(peakRssKb ?? 0, result.peakRssKb ?? 0) || undefined;
  }
  await rm(dirname(dir), { recursive: true, force: true });
  const sorted = [...timesMs].sort((a, b) => a - b);
  return {
    files,
    timesMs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    peakRssKb,
    problems,
  };
}

/** Size of dist/index.js and of the whole dist/ folder, in bytes. */
export async function bundleSize(): Promise<{ entryBytes: number; distBytes: number }> {
  const dist = join(REPO_ROOT, 'dist');
  const entryBytes = (await stat(join(dist, 'index.js'))).size;
  let distBytes = 0;
  for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) distBytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { entryBytes, distBytes };
}
