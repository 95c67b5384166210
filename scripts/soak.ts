/**
 * `npm run soak` (issue 7 item 3): 200 scripts to create and update against an emulator with
 * 15% 503, 10% 429 (Retry-After 1 s), 5% dropped connections (half of them after the write was
 * applied). Apply must converge to exactly the desired state in at most two runs, with no
 * duplicate create and no lost update. Prints requests, retries and the final diff; exits 1 when
 * it did not converge.
 *
 * Usage: npx tsx scripts/soak.ts [--scripts N] [--seed N] [--retry-after S]
 */
import { existsSync } from 'node:fs';
import { ACTION_ENTRY } from '../__tests__/support/runner.js';
import { formatMs } from '../__tests__/support/measure.js';
import { describeCounts } from '../__tests__/support/requests.js';
import { runSoak, soakFaults, type SoakOptions, type SoakRun } from '../__tests__/support/soak-run.js';
import { formatTable } from './lib/table.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}

const OPTIONS: SoakOptions = {
  scripts: flag('scripts', 200),
  seed: flag('seed', 20261125),
  retryAfterSeconds: flag('retry-after', 1),
  concurrency: 8,
};

function runRow(run: SoakRun, index: number): string[] {
  const { result, counts } = run.measured;
  const faults = Object.entries(counts.byFault)
    .map(([name, count]) => `${name} ${count}`)
    .join(' · ');
  return [
    `apply ${index + 1}`,
    `${result.code}${result.outputs['failure-reason'] ? ` (${result.outputs['failure-reason']})` : ''}`,
    `${result.outputs['created'] ?? '?'} / ${result.outputs['updated'] ?? '?'} / ${result.outputs['failed'] ?? '?'}`,
    `${counts.total} (${describeCounts(counts)})`,
    faults || 'none',
    String(run.retriesLogged),
    String(run.rejectedCreates),
    formatMs(result.wallMs),
  ];
}

async function main(): Promise<number> {
  if (!existsSync(ACTION_ENTRY)) {
    process.stderr.write(`${ACTION_ENTRY} is missing: run \`npm run bundle\` first.\n`);
    return 1;
  }
  const faults = soakFaults(OPTIONS);
  process.stdout.write(
    `Soak: ${OPTIONS.scripts} scripts (${Math.ceil(OPTIONS.scripts / 2)} to update, ${Math.floor(OPTIONS.scripts / 2)} to create), ` +
      `faults ${JSON.stringify(faults)}, concurrency ${OPTIONS.concurrency}\n\n`,
  );
  const soak = await runSoak(OPTIONS);
  const head = [
    'run',
    'exit',
    'created / updated / failed',
    'requests',
    'injected faults',
    'retries logged',
    'creates refused',
    'wall',
  ];
  process.stdout.write(`${formatTable(head, soak.runs.map(runRow))}\n\n`);
  const reports = soak.runs.flatMap((run) => run.duplicateNameReports);
  process.stdout.write(
    `Same-name failures reported: ${reports.length}${reports.length ? `\n  ${reports.join('\n  ')}` : ''}\n`,
  );
  const plan = soak.verifyPlan.result.outputs;
  process.stdout.write(
    `Fault-free plan afterwards: has-changes=${plan['has-changes'] ?? '?'}, exit ${soak.verifyPlan.result.code}\n`,
  );
  process.stdout.write(
    `Final diff (emulator state vs definitions): ${soak.finalDiff.length === 0 ? 'empty' : ''}\n`,
  );
  for (const line of soak.finalDiff.slice(0, 50)) process.stdout.write(`  ${line}\n`);
  const ok = soak.converged && reports.length === 0;
  process.stdout.write(`\n${ok ? '✓ converged' : '✗ did NOT converge'} in ${soak.runs.length} run(s)\n`);
  if (!ok) {
    const last = soak.runs.at(-1)?.measured.result;
    process.stdout.write(
      `\nLast run output (tail):\n${(last?.stdout ?? '').slice(-3000)}\n${last?.stderr ?? ''}\n`,
    );
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
