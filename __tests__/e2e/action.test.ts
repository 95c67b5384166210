/**
 * The bundled action (dist/index.js) run as the Actions runner runs it, against the emulator over
 * real HTTP: validate, plan → apply → clean re-plan, refusals, fork PRs and input errors.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendJson, startFakeServer } from '../coc/fake-server.js';
import { EMULATOR_IDP, EMULATOR_TOKEN, githubIdToken, useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/coc-scripts');
const emulator = useEmulator();
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-e2e-'));
  await cp(EXAMPLES, join(workspace, 'coc-scripts'), { recursive: true });
});

function inputs(mode: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode,
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    ...extra,
  };
}

const env = { DB_PASSWORD: 'demo-Passw0rd' };
const writes = (): string[] =>
  emulator.current
    .requests()
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);

describe('validate', () => {
  it('accepts the examples and reports the count', async () => {
    const run = await runActionProcess({ mode: 'validate', path: 'coc-scripts' }, { cwd: workspace });
    expect(run.code).toBe(0);
    expect(run.outputs['failure-reason']).toBe('');
    expect(run.summary).toContain('6 definitions');
    expect(emulator.current.requests()).toHaveLength(0);
  });

  it('rejects a broken copy with file:line:column annotations and sends nothing', async () => {
    const file = join(workspace, 'coc-scripts', 'backup_db.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('risk_level: HIGH', 'risk_level: EXTREME'));
    await writeFile(join(workspace, 'coc-scripts', 'bad.yaml'), 'name: bad-name\ntype: SHELL\n');
    const run = await runActionProcess(inputs('apply'), { cwd: workspace, env });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation');
    // Credentials are masked before anything else is printed, even when validation fails.
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${EMULATOR_TOKEN}`);
    expect(run.stdout).toMatch(
      /::error file=coc-scripts\/backup_db\.yaml,line=\d+,col=\d+::risk_level must be one of LOW, MEDIUM, HIGH/,
    );
    expect(run.stdout).toContain("::error file=coc-scripts/bad.yaml,line=1,col=7::name contains '-'");
    expect(run.summary).toContain('validation');
    expect(emulator.current.requests()).toHaveLength(0);
  });
});

describe('plan and apply', () => {
  it('plans with reads only, applies, then plans zero changes and writes nothing', async () => {
    const plan = await runActionProcess(inputs('plan'), { cwd: workspace, env });
    expect(plan.code).toBe(0);
    expect(plan.outputs['has-changes']).toBe('true');
    expect(plan.outputs.created).toBe('5');
    expect(plan.outputs['plan-hash']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(writes()).toEqual([]);
    const planFile = await readFile(plan.outputs['plan-file'] ?? '', 'utf8');
    expect(planFile).not.toContain('demo-Passw0rd');

    const apply = await runActionProcess(
      inputs('apply', { 'expected-plan-hash': plan.outputs['plan-hash'] ?? '' }),
      {
        cwd: workspace,
        env,
      },
    );
    expect(apply.code, apply.stdout).toBe(0);
    expect(apply.outputs.created).toBe('5');
    expect(apply.outputs.failed).toBe('0');
    expect(
      emulator.current
        .scripts()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['backup_db', 'disk_report', 'restart_service', 'rotate_logs', '清理缓存'].sort());
    const backup = emulator.current.scripts().find((s) => s.name === 'backup_db');
    expect(backup?.status).toBe('PENDING_APPROVE');
    expect(backup?.script_params.find((p) => p.sensitive)?.param_value).toBe('demo-Passw0rd');

    emulator.current.clearRequests();
    const replan = await runActionProcess(inputs('apply'), { cwd: workspace, env });
    expect(replan.code).toBe(0);
    expect(replan.outputs['has-changes']).toBe('false');
    expect(replan.outputs.unchanged).toBe('5');
    expect(writes()).toEqual([]);
  });

  it('refuses an apply whose plan differs from the reviewed hash and writes nothing', async () => {
    const run = await runActionProcess(
      inputs('apply', { 'expected-plan-hash': `sha256:${'0'.repeat(64)}` }),
      {
        cwd: workspace,
        env,
      },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-changed');
    expect(writes()).toEqual([]);
  });

  it('only notes an unset value_from_env variable in plan mode', async () => {
    const run = await runActionProcess(inputs('plan'), { cwd: workspace });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::DB_PASSWORD is not set: applying backup_db will need it/);
    expect(run.summary).toContain('DB_PASSWORD is not set');
  });

  it('fails an apply before any write when a value_from_env variable is unset', async () => {
    const run = await runActionProcess(inputs('apply'), { cwd: workspace });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation');
    expect(run.stdout).toContain('DB_PASSWORD');
    expect(writes()).toEqual([]);
  });

  it('fails on drift with fail-on-drift and succeeds once the remote side matches', async () => {
    const drift = await runActionProcess(inputs('plan', { 'fail-on-drift': 'true' }), {
      cwd: workspace,
      env,
    });
    expect(drift.code).toBe(1);
    expect(drift.outputs['failure-reason']).toBe('drift');
    await runActionProcess(inputs('apply'), { cwd: workspace, env });
    const clean = await runActionProcess(inputs('plan', { 'fail-on-drift': 'true' }), { cwd: workspace });
    expect(clean.code).toBe(0);
    expect(clean.outputs['failure-reason']).toBe('');
  });

  it('applies nothing when prune would delete more than max-deletes', async () => {
    // Owned by this folder (the default owner the runner's GITHUB_REPOSITORY gives), so prunable.
    const owned = [{ key: 'managed-by-coc-script-sync', value: 'octo-org/ops-scripts:coc-scripts' }];
    const seed = ['old_a', 'old_b', 'old_c'].map((name) => ({
      name,
      type: 'SHELL' as const,
      description: 'legacy',
      content: 'echo legacy\n',
      properties: { risk_level: 'LOW', version: '1.0.0' },
      resource_tags: owned,
    }));
    emulator.current.seed(seed);
    const run = await runActionProcess(inputs('apply', { prune: 'old_*', 'max-deletes': '2' }), {
      cwd: workspace,
      env: { ...env, GITHUB_REPOSITORY: 'octo-org/ops-scripts' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('delete-guard');
    expect(run.outputs.deleted).toBe('0');
    expect(run.summary).toContain('max-deletes');
    expect(writes()).toEqual([]);
    expect(emulator.current.scripts()).toHaveLength(3);
  });
});

describe('degraded and invalid runs', () => {
  it('degrades plan to validate without credentials on a pull request (forks get no secrets)', async () => {
    const run = await runActionProcess(
      { mode: 'plan', path: 'coc-scripts', endpoint: emulator.current.url },
      { cwd: workspace, env: { GITHUB_EVENT_NAME: 'pull_request' } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice::No credentials are available');
    expect(emulator.current.requests()).toHaveLength(0);
  });

  it('fails on an invalid input naming the input and the allowed values', async () => {
    const run = await runActionProcess(inputs('aply'), { cwd: workspace });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation');
    expect(run.stdout).toMatch(/mode.*validate, plan, apply/);
  });

  it('reports an authentication failure as failure-reason auth', async () => {
    const run = await runActionProcess(inputs('plan', { 'auth-token': 'wrong-token' }), { cwd: workspace });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('auth');
    expect(run.stdout).toContain('APIGW.0301');
    // `::add-mask::` is consumed by the runner; nothing else may carry the token.
    const printed = (run.stdout + run.stderr).replace(/^::add-mask::.*$/gm, '');
    expect(printed).not.toContain('wrong-token');
  });
});

describe('keyless authentication', () => {
  it("exchanges the runner's OIDC token, which the action front end passes in, for an IAM token", async () => {
    const token = githubIdToken();
    // The runner's token service: answers only its request token and the requested audience.
    const service = await startFakeServer((req, res) =>
      req.headers.authorization === 'Bearer runner-request-token' &&
      req.url.includes('audience=coc-script-sync')
        ? sendJson(res, 200, { value: token })
        : sendJson(res, 403, { message: 'bad request token' }),
    );
    try {
      const url = emulator.current.url;
      const run = await runActionProcess(
        {
          mode: 'plan',
          path: 'coc-scripts',
          endpoint: url,
          'iam-endpoint': url,
          'project-id': '0123456789abcdef0123456789abcdef',
          'idp-id': EMULATOR_IDP.id,
          'oidc-audience': EMULATOR_IDP.audience,
        },
        {
          cwd: workspace,
          env: {
            ...env,
            ACTIONS_ID_TOKEN_REQUEST_URL: `${service.url}/token?api-version=2.0`,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
          },
        },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`::add-mask::${token}`);
      expect(service.requests).toHaveLength(1);
      expect(emulator.current.requests()[0]?.path).toBe('/v3.0/OS-AUTH/id-token/tokens');
      expect(run.outputs['has-changes']).toBe('true');
    } finally {
      await service.close();
    }
  });
});
