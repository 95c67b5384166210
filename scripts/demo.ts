/**
 * `npm run demo` (README, Try it): starts the COC emulator with a remote side that
 * relates to examples/coc-scripts (drifted scripts, one with reviewers, a tombstone, one script
 * to prune), then runs the bundled dist/index.js exactly as the Actions runner does — `plan`,
 * `apply`, and `plan` again — printing each job summary readably and the outputs. Exits 1 when
 * a step did not behave as expected.
 *
 * Usage: npx tsx scripts/demo.ts [--logs]   (--logs also prints the action's log lines)
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '../emulator/server.js';
import type { Emulator } from '../emulator/types.js';
import {
  ACTION_ENTRY,
  REPO_ROOT,
  runActionProcess,
  type ActionProcessResult,
} from '../__tests__/support/runner.js';
import { buildDemoScenario, type DemoScenario } from './lib/demo-scenario.js';
import { readExampleDefinitions, workflowPruneGlob } from './lib/examples.js';
import { formatMs } from '../__tests__/support/measure.js';
import { renderSummaryForTerminal, terminalStyle } from './lib/render.js';
import { countRequests, describeCounts } from '../__tests__/support/requests.js';
import { formatTable } from './lib/table.js';

const EXAMPLES = 'examples/coc-scripts';
const style = terminalStyle();
const showLogs = process.argv.includes('--logs');

interface Step {
  readonly title: string;
  readonly mode: 'plan' | 'apply';
  readonly expect: Readonly<Record<string, string>>;
}

function steps(scenario: DemoScenario): Step[] {
  const counts = {
    created: String(scenario.expected.created),
    updated: String(scenario.expected.updated),
    deleted: String(scenario.expected.deleted),
    unchanged: String(scenario.expected.unchanged),
  };
  return [
    {
      title: 'plan — what would change (read-only)',
      mode: 'plan',
      expect: { 'has-changes': 'true', ...counts },
    },
    {
      title: 'apply — make the changes',
      mode: 'apply',
      expect: { ...counts, failed: '0', 'failure-reason': '' },
    },
    {
      title: 'plan again — nothing left to do',
      mode: 'plan',
      expect: {
        'has-changes': 'false',
        created: '0',
        updated: '0',
        deleted: '0',
        // `unchanged` is not pinned: whether an already-deleted tombstone counts is the engine's call.
        failed: '0',
      },
    },
  ];
}

function banner(text: string): void {
  process.stdout.write(`\n${style.bold(`━━━ ${text} ${'━'.repeat(Math.max(3, 72 - text.length))}`)}\n`);
}

function printOutputs(result: ActionProcessResult): void {
  const rows = Object.entries(result.outputs).map(([name, value]) => [
    name,
    value === '' ? style.dim('(empty)') : value,
  ]);
  process.stdout.write(
    `\n${style.bold('Outputs')}\n${formatTable(['output', 'value'], rows, { indent: '  ' })}\n`,
  );
}

function printLogs(result: ActionProcessResult): void {
  const lines = result.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('::add-mask::'));
  process.stdout.write(
    `\n${style.bold('Action log')}\n${lines.map((line) => `  ${style.dim(line)}`).join('\n')}\n`,
  );
}

/** What differs from the expectation of a step (empty = as expected). */
function check(step: Step, result: ActionProcessResult, scenario: DemoScenario): string[] {
  const problems: string[] = [];
  if (result.code !== 0) problems.push(`exit code ${result.code}`);
  for (const [name, value] of Object.entries(step.expect)) {
    const actual = result.outputs[name];
    if (actual !== value)
      problems.push(`output ${name} = ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`);
  }
  if (step.expect['has-changes'] !== 'false') {
    const resets = result.outputs['reviewer-resets'] ?? '';
    for (const name of scenario.resets)
      if (!resets.includes(`"${name}"`)) problems.push(`reviewer-resets does not list ${name}`);
  }
  if (!result.summary.trim()) problems.push('the job summary is empty');
  return problems;
}

async function runStep(
  index: number,
  step: Step,
  emulator: Emulator,
  scenario: DemoScenario,
): Promise<string[]> {
  banner(`${index + 1}/3 ${step.title}`);
  const inputs = {
    mode: step.mode,
    path: EXAMPLES,
    endpoint: emulator.url,
    'auth-token': 'emulator-token',
    prune: scenario.prune,
    owner: scenario.owner,
    'max-deletes': '5',
  };
  const shown = Object.entries(inputs).map(([name, value]) => `INPUT_${name.toUpperCase()}=${value}`);
  process.stdout.write(style.dim(`$ ${shown.join(' ')} node dist/index.js\n\n`));
  emulator.clearRequests();
  const result = await runActionProcess(inputs, { cwd: REPO_ROOT, env: scenario.env });
  const counts = countRequests(emulator.requests());
  process.stdout.write(renderSummaryForTerminal(result.summary, style));
  printOutputs(result);
  if (showLogs) printLogs(result);
  const problems = check(step, result, scenario);
  const status = problems.length === 0 ? style.green('✓ as expected') : style.red(`✗ ${problems.join('; ')}`);
  process.stdout.write(
    `\nexit ${result.code} · ${formatMs(result.wallMs)} · ${counts.total} API requests (${describeCounts(counts)}) · ${status}\n`,
  );
  if (problems.length > 0 && !showLogs)
    process.stdout.write(`${result.stdout.slice(-3000)}\n${result.stderr}\n`);
  await rm(result.tempDir, { recursive: true, force: true });
  return problems;
}

async function main(): Promise<number> {
  if (!existsSync(ACTION_ENTRY)) {
    process.stderr.write(`${ACTION_ENTRY} is missing: run \`npm run bundle\` first.\n`);
    return 1;
  }
  const definitions = await readExampleDefinitions(join(REPO_ROOT, EXAMPLES));
  const scenario = buildDemoScenario(
    definitions,
    await workflowPruneGlob(join(REPO_ROOT, 'examples/workflows/deploy.yml')),
  );
  const emulator = await startEmulator({ seed: scenario.seeds });
  try {
    banner('coc-script-sync demo');
    process.stdout.write(
      `COC emulator on ${emulator.url} (token auth). Definitions: ${EXAMPLES} (${definitions.length} files).\n`,
    );
    process.stdout.write(
      `The remote side before the first run:\n${scenario.story.map((line) => `  • ${line}`).join('\n')}\n`,
    );
    const envList = Object.keys(scenario.env)
      .map((name) => `${name}=(demo value)`)
      .join(', ');
    if (envList) process.stdout.write(`value_from_env variables set for the run: ${envList}\n`);
    const problems: string[] = [];
    for (const [index, step] of steps(scenario).entries()) {
      problems.push(
        ...(await runStep(index, step, emulator, scenario)).map((p) => `step ${index + 1}: ${p}`),
      );
    }
    banner(problems.length === 0 ? 'demo finished: every step behaved as expected' : 'demo FAILED');
    for (const problem of problems) process.stdout.write(`  ${style.red(problem)}\n`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

process.exitCode = await main();
