/**
 * examples/workflows/environments.yml run as the runner would run its matrix: for each GitHub
 * Environment, the action step's `with` and `env`, with `vars`, `secrets` and `matrix` filled in
 * from that environment, through dist/index.js against one emulator per environment (staging and
 * production are separate COC projects) and the GitHub fake. One folder, one sticky comment per
 * target, and each target's apply bound to its own reviewed plan.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Emulator, SeedScript } from '../../emulator/server.js';
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, useEmulator } from '../support/emulator.js';
import { githubRunnerEnv, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { runActionProcess, type ActionProcessResult } from '../support/runner.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The pull request's head commit: the links point at it, not at the temporary merge commit. */
const HEAD = '3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90';

interface Step {
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { strategy: { matrix: { environment: string[] } }; steps: Step[] }>;
}

const workflow = parse(await readFile(join(ROOT, 'examples/workflows/environments.yml'), 'utf8')) as Workflow;

interface Environment {
  vars: Record<string, string>;
  secrets: Record<string, string>;
}

// Both projects hold ship_logs with a log folder that used to be the same everywhere.
const SEED: SeedScript[] = [
  {
    name: 'ship_logs',
    type: 'SHELL',
    description: 'Ship logs to the archive',
    content: 'tar czf "/archive/$(date +%F).tgz" "${log_dir}"\n',
    properties: { risk_level: 'LOW', version: '1.0.0' },
    script_params: [
      {
        param_name: 'log_dir',
        param_value: '/var/log/app',
        param_description: '',
        param_order: 1,
        sensitive: false,
      },
      {
        param_name: 'archive_password',
        param_value: 'old-Passw0rd',
        param_description: '',
        param_order: 2,
        sensitive: true,
      },
    ],
  },
];
const staging = useEmulator({ seed: SEED });
const production = useEmulator({ seed: SEED });
const emulators: Record<string, { readonly current: Emulator }> = { staging, production };

function environments(): Record<string, Environment> {
  const secrets = { HUAWEICLOUD_AK: EMULATOR_ACCESS_KEY, HUAWEICLOUD_SK: EMULATOR_SECRET_KEY };
  return {
    staging: {
      vars: {
        HUAWEICLOUD_REGION: 'cn-north-4',
        HUAWEICLOUD_PROJECT_ID: 'stagingproject01',
        LOG_DIR: '/srv/staging/logs',
      },
      secrets: { ...secrets, DB_PASSWORD: 'staging-Passw0rd' },
    },
    production: {
      vars: {
        HUAWEICLOUD_REGION: 'cn-east-3',
        HUAWEICLOUD_PROJECT_ID: 'prodproject00001',
        LOG_DIR: '/srv/prod/logs',
      },
      secrets: { ...secrets, DB_PASSWORD: 'production-Passw0rd' },
    },
  };
}

/** `${{ vars.X }}`, `${{ secrets.X }}` and `${{ matrix.environment }}`; anything else is a test bug. */
function evaluate(text: string, name: string, environment: Environment): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    const [context, key = ''] = expression.split('.');
    if (context === 'matrix' && key === 'environment') return name;
    if (context === 'vars') return environment.vars[key] ?? '';
    if (context === 'secrets') return environment.secrets[key] ?? '';
    throw new Error(`the test cannot evaluate \${{ ${expression} }}`);
  });
}

function evaluated(values: Record<string, string> | undefined, name: string, environment: Environment) {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([k, v]) => [k, evaluate(String(v), name, environment)]),
  );
}

let github: GitHubFake;
let workspace = '';
let envs: Record<string, Environment>;

beforeEach(async () => {
  github = await startGitHubFake();
  envs = environments();
  workspace = await mkdtemp(join(tmpdir(), 'coc-envs-'));
  await cp(join(ROOT, 'examples/coc-scripts'), join(workspace, 'coc-scripts'), { recursive: true });
  // A definition whose values differ per environment: one plain, one secret.
  await writeFile(
    join(workspace, 'coc-scripts', 'ship_logs.yaml'),
    [
      'name: ship_logs',
      'type: SHELL',
      'description: Ship logs to the archive',
      'content: |',
      '  tar czf "/archive/$(date +%F).tgz" "${log_dir}"',
      'risk_level: LOW',
      'version: 1.0.0',
      'params:',
      '  - name: log_dir',
      '    value_from_env: LOG_DIR',
      '  - name: archive_password',
      '    value_from_env: DB_PASSWORD',
      '    sensitive: true',
      '',
    ].join('\n'),
  );
});
afterEach(() => github.close());

const eventEnv = (name: string, payload: unknown, sha: string): Promise<Record<string, string>> =>
  githubRunnerEnv(github, workspace, { name, payload, sha });

/** Runs the action step of `job` for one matrix entry, as the runner would. */
async function runJob(
  job: 'plan' | 'apply',
  name: string,
  github: Record<string, string>,
): Promise<ActionProcessResult> {
  const environment = envs[name] ?? expect.fail(`no environment ${name}`);
  const step = workflow.jobs[job]?.steps.find((s) => s.uses?.startsWith('your-org/coc-script-sync@'));
  const inputs = {
    ...evaluated(step?.with, name, environment),
    // The only change to the workflow's inputs: COC is this environment's emulator.
    endpoint: emulators[name]?.current.url ?? '',
    'github-token': 'ghs_fake-installation-token',
  };
  const env = { ...github, ...evaluated(step?.env, name, environment) };
  return runActionProcess(inputs, { cwd: workspace, env });
}

const matrix = (job: string): string[] => workflow.jobs[job]?.strategy.matrix.environment ?? [];

const shipLogs = (name: string) => emulators[name]?.current.scripts().find((s) => s.name === 'ship_logs');

describe('examples/workflows/environments.yml', () => {
  it('plans each environment in its own sticky comment and applies each reviewed plan', async () => {
    expect(matrix('plan')).toEqual(['staging', 'production']);
    const pr = await eventEnv(
      'pull_request',
      { pull_request: { number: 12, head: { sha: HEAD } } },
      'f'.repeat(40),
    );
    const reviewed: Record<string, string> = {};
    for (const name of matrix('plan')) {
      const run = await runJob('plan', name, pr);
      expect(run.code, run.stdout).toBe(0);
      reviewed[name] = run.outputs['plan-hash'] ?? '';
    }
    expect(reviewed['staging']).not.toBe(reviewed['production']);

    // One comment per target (region + project), each with its own plan and values.
    expect(github.comments.map((c) => c.issue)).toEqual([12, 12]);
    const [stagingComment, productionComment] = github.comments.map((c) => c.body);
    expect(stagingComment).toContain('project=stagingproject01');
    expect(stagingComment).toContain(reviewed['staging']);
    expect(stagingComment).toContain('/srv/staging/logs');
    expect(productionComment).toContain('region=cn-east-3');
    expect(productionComment).toContain(reviewed['production']);
    expect(productionComment).toContain('/srv/prod/logs');
    expect(productionComment).not.toContain('/srv/staging/logs');
    // Read at a glance: the verdict first, the commit and target, the value change alone, the file link.
    for (const [comment, value, region] of [
      [stagingComment, '/srv/staging/logs', 'cn-north-4'],
      [productionComment, '/srv/prod/logs', 'cn-east-3'],
    ] as const) {
      expect(comment?.split('\n')[1]).toBe('> [!NOTE]');
      expect(comment).toContain(
        `commit [<code>${HEAD.slice(0, 7)}</code>](https://github.example/acme/ops-scripts/commit/${HEAD})`,
      );
      expect(comment).toContain(`region <code>${region}</code>`);
      expect(comment).toContain(
        `| **update** | [<code>ship_logs</code>](https://github.example/acme/ops-scripts/blob/${HEAD}/coc-scripts/ship_logs.yaml#L1) | params.log_dir: <code>/var/log/app</code> → <code>${value}</code> |`,
      );
    }
    expect(JSON.stringify(github.requests)).not.toMatch(/staging-Passw0rd|production-Passw0rd/);

    // Production's variable changes after the review: its apply refuses, staging's goes ahead.
    const productionVars = envs['production']?.vars ?? expect.fail('no production vars');
    productionVars['LOG_DIR'] = '/srv/other/logs';
    github.pullsByCommit.set('merge-sha', [
      { number: 12, mergedAt: '2026-12-01T08:00:00Z', mergeCommitSha: 'merge-sha' },
    ]);
    const push = await eventEnv('push', {}, 'merge-sha');
    const applied: Record<string, ActionProcessResult> = {};
    for (const name of matrix('apply')) applied[name] = await runJob('apply', name, push);
    expect(applied['staging']?.code, applied['staging']?.stdout).toBe(0);
    expect(applied['staging']?.outputs['plan-hash']).toBe(reviewed['staging']);
    expect(applied['production']?.code).toBe(1);
    expect(applied['production']?.outputs['failure-reason']).toBe('plan-changed');
    expect(applied['production']?.summary).toMatch(/ship_logs/);
    expect(production.current.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    const staged = shipLogs('staging')?.script_params.map((p) => [p.param_name, p.param_value]);
    expect(staged).toEqual([
      ['log_dir', '/srv/staging/logs'],
      ['archive_password', 'staging-Passw0rd'],
    ]);

    // Re-planned on the pull request (the comment is edited in place), merged again: it applies.
    const again = await runJob('plan', 'production', pr);
    expect(again.code).toBe(0);
    expect(github.comments).toHaveLength(2);
    expect(github.comments[1]?.body).toContain('/srv/other/logs');
    const retry = await runJob('apply', 'production', push);
    expect(retry.code, retry.stdout).toBe(0);
    expect(shipLogs('production')?.script_params.map((p) => p.param_value)).toEqual([
      '/srv/other/logs',
      'production-Passw0rd',
    ]);
  });

  it('a plan without the variable says the value could not be compared', async () => {
    envs['staging'] = {
      vars: { ...envs['staging']?.vars, LOG_DIR: '' },
      secrets: envs['staging']?.secrets ?? {},
    };
    const run = await runJob(
      'plan',
      'staging',
      await eventEnv('pull_request', { pull_request: { number: 3 } }, 'h'),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '::notice::LOG_DIR is not set: the plan could not compare ship_logs params.log_dir and shows the script unchanged.',
    );
  });
});
