/**
 * `npm run bench` (issue 7 items 1–2): measures the bundled action against the emulator and
 * prints the figures; writes bench/README-figures.md for the README. Behaviour problems (a run
 * that failed or did not converge) exit 1; a missed performance target is only marked.
 *
 * Usage: npx tsx scripts/bench.ts [--quick]   (--quick: 200 scripts, scaling 100/200, fewer repeats;
 *        figures are printed but bench/README-figures.md is not written)
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ACTION_ENTRY, REPO_ROOT } from '../__tests__/support/runner.js';
import { markdownReport, terminalReport, type BenchFigures } from './lib/bench-report.js';
import { benchPlanAt, benchSync, benchValidate, bundleSize, DRIFT_EVERY } from './lib/bench-runs.js';
import { describeMachine } from './lib/machine.js';
import type { MeasureSettings } from '../__tests__/support/measure.js';

const quick = process.argv.includes('--quick');
const SCRIPTS = quick ? 200 : 1000;
const SCALING = quick ? [100, 200] : [100, 1000, 5000];
const VALIDATE_FILES = 100;
const VALIDATE_RUNS = quick ? 2 : 5;
const REPEATS = quick ? 1 : 3;
const SETTINGS: MeasureSettings = { latencyMs: 20, concurrency: 8 };

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
  step(`plan and apply of ${SCRIPTS} scripts (${REPEATS}×), then the naive sequential loop`);
  const sync = await benchSync(SCRIPTS, SETTINGS, REPEATS);
  const scaling: BenchFigures['scaling'][number][] = [];
  const problems = [...validate.problems, ...sync.problems];
  for (const scripts of SCALING) {
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
    different: Math.ceil(SCRIPTS / DRIFT_EVERY),
    latencyMs: SETTINGS.latencyMs,
    concurrency: SETTINGS.concurrency,
    sync,
    validate,
    scaling,
    bundle: await bundleSize(),
  };
  process.stdout.write(`\n${terminalReport(figures)}\n`);
  if (!quick) {
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

process.exitCode = await main();
