/**
 * `npm run bench`: measures the bundled action against the emulator (in its own process), side
 * by side with the ideal client, and prints the figures; writes bench/README-figures.md, which
 * `npm run generate` copies into the README. bench/README.md explains every figure. Behaviour
 * problems (a run that failed or did not converge) exit 1; a missed target is only marked.
 *
 * Usage: npm run bench [-- --quick] [-- --check-content=off]
 *   --quick: 200 scripts, scaling 100/200, 3 rounds, no naive loop
 *   --check-content=LEVEL: the action's check-content input in the plan and apply runs (default:
 *     the action's default, syntax), to see what the content check costs at start-up
 *   With either, the figures are printed but bench/README-figures.md is not written.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ACTION_ENTRY, REPO_ROOT } from '../__tests__/support/runner.js';
import { markdownReport, terminalReport, type BenchFigures } from './lib/bench-report.js';
import { benchPlanAt, benchSync, benchValidate, bundleSize, DRIFT_EVERY, FOLDERS } from './lib/bench-runs.js';
import { benchContentCheck } from './lib/content-bench.js';
import { describeMachine } from './lib/machine.js';
import type { MeasureSettings, MeasuredRun } from '../__tests__/support/measure.js';

const quick = process.argv.includes('--quick');
const checkContent = checkContentArgument(process.argv);
const SCRIPTS = quick ? 200 : 1000;
/** Sizes of the scaling series; the main scenario's size is taken from its median plan. */
const SCALING = quick ? [100, 200] : [100, 1000, 5000];
const VALIDATE_FILES = 100;
const VALIDATE_RUNS = quick ? 2 : 5;
/** Pairs of the content-check line: its figure is a difference of two short runs, so more of them. */
const CONTENT_PAIRS = quick ? 2 : 9;
const ROUNDS = quick ? 3 : 5;
const SETTINGS: MeasureSettings = {
  latencyMs: 20,
  concurrency: 8,
  ...(checkContent === undefined ? {} : { checkContent }),
};

function checkContentArgument(argv: readonly string[]): MeasureSettings['checkContent'] {
  const given = argv.find((argument) => argument.startsWith('--check-content='));
  if (given === undefined) return undefined;
  const level = given.slice('--check-content='.length);
  if (level === 'syntax' || level === 'shellcheck' || level === 'off') return level;
  throw new Error(`--check-content must be syntax, shellcheck or off, not ${JSON.stringify(level)}`);
}

function step(message: string): void {
  process.stderr.write(`• ${message}\n`);
}

async function main(): Promise<number> {
  if (!existsSync(ACTION_ENTRY)) {
    process.stderr.write(`${ACTION_ENTRY} is missing: run \`npm run bundle\` first.\n`);
    return 1;
  }
  const loadStart = loadavg()[0] ?? 0;
  step(`validate of ${VALIDATE_FILES} files, ${VALIDATE_RUNS} cold starts`);
  const validate = await benchValidate(VALIDATE_FILES, VALIDATE_RUNS);
  step(
    `content check: validate of 100 scripts of 4 KB with and without it, ${CONTENT_PAIRS} pairs of cold starts`,
  );
  const contentCheck = await benchContentCheck(CONTENT_PAIRS);
  step(
    `plan and apply of ${SCRIPTS} scripts: ${ROUNDS} rounds with the ideal client${quick ? '' : ', then the naive loop'}`,
  );
  const sync = await benchSync(SCRIPTS, SETTINGS, ROUNDS, !quick);
  const scaling: BenchFigures['scaling'][number][] = [];
  const problems = [...validate.problems, ...contentCheck.problems, ...sync.problems];
  for (const scripts of SCALING) {
    const main = scripts === SCRIPTS ? medianRun(sync.plan.action) : undefined;
    if (main) {
      scaling.push({ scripts, run: main });
      continue;
    }
    step(`scaling: plan of ${scripts} scripts`);
    const { run, problems: found } = await benchPlanAt(scripts, SETTINGS);
    scaling.push({ scripts, run });
    problems.push(...found);
  }
  const loadAverage = { start: loadStart, end: loadavg()[0] ?? 0 };
  const figures: BenchFigures = {
    loadAverage,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: describeMachine(),
    scripts: SCRIPTS,
    folders: Math.min(FOLDERS, Math.ceil(SCRIPTS / 10)),
    different: Math.ceil(SCRIPTS / DRIFT_EVERY),
    latencyMs: SETTINGS.latencyMs,
    concurrency: SETTINGS.concurrency,
    checkContent: SETTINGS.checkContent ?? 'syntax',
    sync,
    validate,
    contentCheck,
    scaling,
    bundle: await bundleSize(),
  };
  process.stdout.write(`\n${terminalReport(figures)}\n`);
  if (!quick && checkContent === undefined) {
    await mkdir(join(REPO_ROOT, 'bench'), { recursive: true });
    const target = join(REPO_ROOT, 'bench/README-figures.md');
    // Formatted like every other file, so `npm run format:check` stays green after a bench run.
    const options = (await resolveConfig(target)) ?? {};
    await writeFile(target, await format(markdownReport(figures), { ...options, filepath: target }));
    process.stdout.write('\nWrote bench/README-figures.md\n');
  }
  if (problems.length === 0) return 0;
  process.stderr.write(
    `\nThe runs did not behave as expected, so these figures are not valid:\n- ${problems.join('\n- ')}\n`,
  );
  return 1;
}

/** The run with the median wall time. */
function medianRun(runs: readonly MeasuredRun[]): MeasuredRun | undefined {
  return [...runs].sort((a, b) => a.result.wallMs - b.result.wallMs)[Math.floor((runs.length - 1) / 2)];
}

process.exitCode = await main();
