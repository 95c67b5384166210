/**
 * The benchmark scenarios (issue 7 items 1–2): plan and apply of 1,000 scripts with 100 changed,
 * the naive sequential baseline, validate of 100 files, and the plan scaling series. Each
 * returns figures plus the behaviour problems it saw (figures of a broken run mean nothing).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startEmulator } from '../../emulator/server.js';
import type { Emulator } from '../../emulator/types.js';
import { REPO_ROOT, runActionProcess } from '../../__tests__/support/runner.js';
import {
  driftedCopy,
  makeSpecs,
  toSeed,
  writeDefinitions,
  type ScriptSpec,
} from '../../__tests__/support/generate.js';
import {
  EMULATOR_TOKEN,
  measureRun,
  type MeasureSettings,
  type MeasuredRun,
} from '../../__tests__/support/measure.js';
import { naiveSync, type NaiveResult } from './naive.js';
import { stateDiff } from '../../__tests__/support/state.js';

/** Every `every`-th script differs remotely (100 of 1,000 with every = 10). */
export const DRIFT_EVERY = 10;

/** The main scenario's figures. */
export interface SyncFigures {
  readonly plan: MeasuredRun;
  readonly apply: MeasuredRun;
  /** Wall times of every repeat (the reported run is the median). */
  readonly planWalls: readonly number[];
  readonly applyWalls: readonly number[];
  readonly naivePlan: NaiveResult;
  readonly naiveApply: NaiveResult;
  readonly problems: readonly string[];
}

/** A workload: desired specs, the remote seeds (some drifted) and the definitions folder. */
interface Workload {
  readonly specs: ScriptSpec[];
  readonly seeds: ReturnType<typeof toSeed>[];
  readonly dir: string;
}

async function workload(count: number, label: string): Promise<Workload> {
  const specs = makeSpecs(count, 'bench', count);
  const seeds = specs.map((spec, index) => toSeed(index % DRIFT_EVERY === 0 ? driftedCopy(spec) : spec));
  return { specs, seeds, dir: await writeDefinitions(specs, label) };
}

async function cleanup(dir: string, runs: readonly MeasuredRun[]): Promise<void> {
  await rm(dirname(dir), { recursive: true, force: true });
  await Promise.all(runs.map((run) => rm(run.result.tempDir, { recursive: true, force: true })));
}

/** Plan, then apply, `repeats` times on fresh state; the median run of each is reported. */
export async function benchSync(
  count: number,
  settings: MeasureSettings,
  repeats: number,
): Promise<SyncFigures> {
  const work = await workload(count, 'bench');
  const emulator = await startEmulator({ faults: { latencyMs: settings.latencyMs }, seed: [] });
  try {
    const options = { cwd: dirname(work.dir) };
    const expected = String(Math.ceil(count / DRIFT_EVERY));
    const plans: MeasuredRun[] = [];
    const applies: MeasuredRun[] = [];
    const problems: string[] = [];
    for (let round = 0; round < repeats; round++) {
      resetState(emulator, work, settings);
      const plan = await measureRun(emulator, { mode: 'plan', path: 'coc-scripts' }, settings, options);
      const apply = await measureRun(emulator, { mode: 'apply', path: 'coc-scripts' }, settings, options);
      plans.push(plan);
      applies.push(apply);
      problems.push(
        ...runProblems('plan', plan, { updated: expected }),
        ...runProblems('apply', apply, { updated: expected }),
        ...stateDiff(emulator.scripts(), work.specs)
          .slice(0, 5)
          .map((line) => `apply left a difference: ${line}`),
      );
    }
    const naivePlan = await naiveOnFreshState(emulator, work, settings, false);
    const naiveApply = await naiveOnFreshState(emulator, work, settings, true);
    await cleanup(work.dir, [...plans, ...applies]);
    return {
      plan: median(plans),
      apply: median(applies),
      planWalls: plans.map((run) => run.result.wallMs),
      applyWalls: applies.map((run) => run.result.wallMs),
      naivePlan,
      naiveApply,
      problems,
    };
  } finally {
    await emulator.close();
  }
}

/** The run with the median wall time. */
export function median(runs: readonly MeasuredRun[]): MeasuredRun {
  const sorted = [...runs].sort((a, b) => a.result.wallMs - b.result.wallMs);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error('median of no runs');
  return middle;
}

function resetState(emulator: Emulator, work: Workload, settings: MeasureSettings): void {
  emulator.reset();
  emulator.setFaults({ latencyMs: settings.latencyMs });
  emulator.seed(work.seeds);
}

async function naiveOnFreshState(
  emulator: Emulator,
  work: Workload,
  settings: MeasureSettings,
  write: boolean,
): Promise<NaiveResult> {
  resetState(emulator, work, settings);
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

/** One plan at a given size (the scaling table). */
export async function benchPlanAt(
  count: number,
  settings: MeasureSettings,
): Promise<{ run: MeasuredRun; problems: string[] }> {
  const work = await workload(count, `scale-${count}`);
  const emulator = await startEmulator({ faults: { latencyMs: settings.latencyMs }, seed: work.seeds });
  try {
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
