/**
 * Missing credentials through both bundles: only a pull request (where GitHub withholds secrets
 * from forks and Dependabot) may degrade a plan to validation. Everywhere else — a drift check on
 * `schedule` with a misnamed secret above all — the run fails with `auth` and says what to set:
 * the action names its inputs, the CLI its flags and environment variables.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { runActionProcess, runCliProcess } from '../support/runner.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/coc-scripts');
const emulator = useEmulator();
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-credentials-'));
  await cp(EXAMPLES, join(workspace, 'coc-scripts'), { recursive: true });
});

/** A plan whose `auth-token` comes from a secret that does not exist: an empty input. */
const plan = (event: string) =>
  runActionProcess(
    {
      mode: 'plan',
      path: 'coc-scripts',
      endpoint: emulator.current.url,
      'auth-token': '',
      'fail-on-drift': 'true',
    },
    { cwd: workspace, env: { GITHUB_EVENT_NAME: event } },
  );

describe('a plan without credentials', () => {
  it.each(['schedule', 'push'])('on %s fails with auth and names the inputs to set', async (event) => {
    const run = await plan(event);
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('auth');
    expect(run.outputs['has-changes']).toBe('false');
    expect(run.stdout).toMatch(/::error::No credentials: plan needs one of the inputs `auth-token`/);
    expect(run.stdout).toContain('check the secret names');
    expect(run.stdout).not.toContain('only validation ran');
    expect(run.summary).toContain('failure-reason <code>auth</code>');
    expect(emulator.current.requests()).toHaveLength(0);
  });

  it('on pull_request_target degrades to validation with a notice', async () => {
    const run = await plan('pull_request_target');
    expect(run.code).toBe(0);
    expect(run.outputs['failure-reason']).toBe('');
    expect(run.stdout).toContain('::notice::No credentials are available on this pull request');
    expect(emulator.current.requests()).toHaveLength(0);
  });

  it('in the CLI fails (exit 1) and names the flags and environment variables, even inside a PR job', async () => {
    const run = await runCliProcess(['plan', '--path', 'coc-scripts', '--endpoint', emulator.current.url], {
      cwd: workspace,
      env: { GITHUB_EVENT_NAME: 'pull_request' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No credentials: plan needs one of --auth-token');
    expect(run.stderr).toContain('COC_SCRIPT_SYNC_AUTH_TOKEN');
    expect(run.stderr).toContain('HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK');
    expect(run.stderr).not.toMatch(/inputs|step's|fork/);
    expect(emulator.current.requests()).toHaveLength(0);
  });
});
