/**
 * `npm run soak`: the reliability soak over 20 fixed seeds. Each seed is a folder of scripts to
 * create and update (half exist remotely, drifted) applied against its own emulator with the
 * fault mix — 15% 503, 10% 429 with Retry-After 1 s, 5% dropped connections (half of them after
 * the write was applied). Every seed must converge to exactly the desired state within two
 * applies, with no duplicate create and no same-name failure, and a fault-free plan afterwards
 * must show zero changes. Prints one row per seed (and the runs of a single seed in detail);
 * exits 1 when any seed did not converge.
 *
 * Usage: npx tsx scripts/soak.ts [--seeds N | --seed S] [--scripts N] [--retry-after S] [--parallel P]
 *   defaults: the 20 seeds of SOAK_SEEDS, 12 scripts each, Retry-After 1, 5 seeds at a time.
 *   The long single run of earlier rounds: --seed 20261125 --scripts 200.
 */
import { existsSync } from 'node:fs';
import { ACTION_ENTRY } from '../__tests__/support/runner.js';
import { formatMs } from '../__tests__/support/measure.js';
import { describeCounts } from '../__tests__/support/requests.js';
import {
  faultsSeen,
  runSoakSeeds,
  SOAK_SEEDS,
  SOAK_SHAPE,
  soakFaults,
  type SoakResult,
  type SoakRun,
} from '../__tests__/support/soak-run.js';
import { formatTable } from './lib/table.js';

function flag(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

const single = flag('seed');
const seeds = single === undefined ? SOAK_SEEDS.slice(0, flag('seeds') ?? SOAK_SEEDS.length) : [single];
const shape = {
  scripts: flag('scripts') ?? SOAK_SHAPE.scripts,
  retryAfterSeconds: flag('retry-after') ?? SOAK_SHAPE.retryAfterSeconds,
  concurrency: SOAK_SHAPE.concurrency,
};
const parallel = flag('parallel') ?? 5;

/** Whether a seed passed: converged within two applies, no same-name failure reported. */
function passed(result: SoakResult): boolean {
  return result.converged && result.runs.every((run) => run.duplicateNameReports.length === 0);
}

function applyText(run: SoakRun): string {
  const { outputs, code } = run.measured.result;
  return code === 0
    ? '0'
    : `${code} (${outputs['failure-reason'] ?? '?'}, ${outputs['failed'] ?? '?'} failed)`;
}

function seedRow(seed: number, result: SoakResult): string[] {
  const wall = result.runs.reduce((sum, run) => sum + run.measured.result.wallMs, 0);
  return [
    String(seed),
    passed(result) ? '✓' : '✗',
    result.runs.map(applyText).join(' → '),
    [...faultsSeen(result)].sort().join(', ') || 'none',
    String(result.runs.reduce((sum, run) => sum + run.retriesLogged, 0)),
    String(result.runs.reduce((sum, run) => sum + run.duplicateNameReports.length, 0)),
    formatMs(wall),
  ];
}

function runRow(run: SoakRun, index: number): string[] {
  const { result, counts } = run.measured;
  const faults = Object.entries(counts.byFault)
    .map(([name, count]) => `${name} ${count}`)
    .join(' · ');
  return [
    `apply ${index + 1}`,
    applyText(run),
    `${result.outputs['created'] ?? '?'} / ${result.outputs['updated'] ?? '?'} / ${result.outputs['failed'] ?? '?'}`,
    `${counts.total} (${describeCounts(counts)})`,
    faults || 'none',
    String(run.retriesLogged),
    String(run.rejectedCreates),
    formatMs(result.wallMs),
  ];
}

function details(result: SoakResult): string {
  const head = [
    'run',
    'exit',
    'created / updated / failed',
    'requests',
    'faults',
    'retries',
    'creates refused',
    'wall',
  ];
  let text = `${formatTable(head, result.runs.map(runRow))}\n`;
  for (const line of result.runs.flatMap((run) => run.duplicateNameReports)) text += `  same-name: ${line}\n`;
  text += `Fault-free plan afterwards: has-changes=${result.verifyPlan.result.outputs['has-changes'] ?? '?'}\n`;
  text += `Final diff (emulator state vs definitions): ${result.finalDiff.length === 0 ? 'empty' : ''}\n`;
  for (const line of result.finalDiff.slice(0, 50)) text += `  ${line}\n`;
  if (!passed(result)) {
    const last = result.runs.at(-1)?.measured.result;
    text += `\nLast run output (tail):\n${(last?.stdout ?? '').slice(-3000)}\n${last?.stderr ?? ''}\n`;
  }
  return text;
}

async function main(): Promise<number> {
  if (!existsSync(ACTION_ENTRY)) {
    process.stderr.write(`${ACTION_ENTRY} is missing: run \`npm run bundle\` first.\n`);
    return 1;
  }
  const faults = soakFaults({ ...shape, seed: 0 });
  delete faults.seed;
  process.stdout.write(
    `Soak: ${seeds.length} seed(s) × ${shape.scripts} scripts (${Math.ceil(shape.scripts / 2)} to update, ` +
      `${Math.floor(shape.scripts / 2)} to create), faults ${JSON.stringify(faults)}, concurrency ` +
      `${shape.concurrency}, ${parallel} seed(s) at a time\n\n`,
  );
  const started = performance.now();
  const results = await runSoakSeeds(seeds, shape, parallel, (seed, result) =>
    process.stdout.write(`  seed ${seed}: ${passed(result) ? 'converged' : 'DID NOT CONVERGE'}\n`),
  );
  const head = ['seed', 'ok', 'applies (exit)', 'faults seen', 'retries logged', 'same-name', 'wall'];
  process.stdout.write(
    `\n${formatTable(
      head,
      [...results].map(([seed, result]) => seedRow(seed, result)),
    )}\n`,
  );
  for (const [seed, result] of results) {
    if (results.size === 1 || !passed(result)) process.stdout.write(`\nSeed ${seed}:\n${details(result)}`);
  }
  const failed = [...results].filter(([, result]) => !passed(result)).map(([seed]) => seed);
  const total = formatMs(performance.now() - started);
  process.stdout.write(
    failed.length === 0
      ? `\n✓ all ${results.size} seeds converged within two applies, no duplicate (${total})\n`
      : `\n✗ seeds that did NOT converge: ${failed.join(', ')} (${total})\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
