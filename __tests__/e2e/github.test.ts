/**
 * The bundled action's GitHub side, end to end: dist/index.js against the emulator and a local
 * fake of the GitHub REST API (GITHUB_API_URL). Sticky comment on pull requests, the reviewed
 * plan binding on push, and the drift issue on schedule.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { githubRunnerEnv, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { runActionProcess } from '../support/runner.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/coc-scripts');
const emulator = useEmulator();
let github: GitHubFake;
let workspace = '';

beforeEach(async () => {
  github = await startGitHubFake();
  workspace = await mkdtemp(join(tmpdir(), 'coc-gh-'));
  await cp(EXAMPLES, join(workspace, 'coc-scripts'), { recursive: true });
});
afterEach(() => github.close());

const inputs = (mode: string, extra: Record<string, string> = {}) => ({
  mode,
  path: 'coc-scripts',
  endpoint: emulator.current.url,
  'auth-token': EMULATOR_TOKEN,
  'github-token': 'ghs_fake-installation-token',
  ...extra,
});

async function githubEnv(event: string, payload: unknown, sha = 'a1b2c3'): Promise<Record<string, string>> {
  const runner = await githubRunnerEnv(github, workspace, { name: event, payload, sha });
  return { ...runner, GITHUB_RUN_ID: '99', DB_PASSWORD: 'gh-e2e-Passw0rd' };
}

describe('pull request: one sticky comment', () => {
  it('creates the comment once and edits it in place on the next run', async () => {
    const env = await githubEnv('pull_request', { pull_request: { number: 42 } });
    const first = await runActionProcess(inputs('plan'), { cwd: workspace, env });
    expect(first.code, first.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    const comment = github.comments[0];
    expect(comment?.issue).toBe(42);
    expect(comment?.body).toContain('<!-- coc-script-sync:v1');
    expect(comment?.body).toContain(first.outputs['plan-hash']);

    await writeFile(
      join(workspace, 'coc-scripts', 'extra.yaml'),
      await readFile(join(EXAMPLES, 'rotate_logs.yaml'), 'utf8').then((t) =>
        t.replace('name: rotate_logs', 'name: rotate_logs_2'),
      ),
    );
    const second = await runActionProcess(inputs('plan'), { cwd: workspace, env });
    expect(second.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.id).toBe(comment?.id);
    expect(github.comments[0]?.body).toContain(second.outputs['plan-hash']);
    expect(github.requests.filter((r) => r.route === 'update-comment')).toHaveLength(1);
    expect(JSON.stringify(github.requests)).not.toContain('gh-e2e-Passw0rd');
  });

  it('warns instead of failing when the token may not comment (fork pull requests)', async () => {
    github.forbidden.add('create-comment');
    const env = await githubEnv('pull_request', { pull_request: { number: 7 } });
    const run = await runActionProcess(inputs('plan'), { cwd: workspace, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::warning::.*comment/i);
  });
});

describe('push: the reviewed plan is enforced', () => {
  async function reviewOnPullRequest(): Promise<string> {
    const env = await githubEnv('pull_request', { pull_request: { number: 5 } });
    const review = await runActionProcess(inputs('plan'), { cwd: workspace, env });
    github.pullsByCommit.set('merge-sha', [
      { number: 5, mergedAt: '2026-11-25T08:00:00Z', mergeCommitSha: 'merge-sha' },
    ]);
    return review.outputs['plan-hash'] ?? '';
  }

  it('applies when the fresh plan is the reviewed one', async () => {
    await reviewOnPullRequest();
    const run = await runActionProcess(inputs('apply'), {
      cwd: workspace,
      env: await githubEnv('push', {}, 'merge-sha'),
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.created).toBe('5');
  });

  it('refuses with plan-changed when the remote side changed after the review', async () => {
    await reviewOnPullRequest();
    emulator.current.seed([
      {
        name: 'rotate_logs',
        type: 'PYTHON',
        description: 'made in the console',
        content: 'print(1)\n',
        properties: { risk_level: 'LOW', version: '1.0.0' },
      },
    ]);
    const run = await runActionProcess(inputs('apply'), {
      cwd: workspace,
      env: await githubEnv('push', {}, 'merge-sha'),
    });
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-changed');
    // What differs, from the outline embedded in the reviewed comment: create became update.
    expect(run.summary).toMatch(/`rotate_logs`: reviewed create \(.*\), now update/);
    expect(emulator.current.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('proceeds with a notice when the pushed commit has no merged pull request', async () => {
    const run = await runActionProcess(inputs('apply'), {
      cwd: workspace,
      env: await githubEnv('push', {}, 'lonely-sha'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::.*pull request/i);
  });
});

describe('schedule: the drift issue', () => {
  it('opens one issue on drift, updates it, and closes it when the drift is gone', async () => {
    const env = await githubEnv('schedule', {});
    const drift = await runActionProcess(inputs('plan', { 'fail-on-drift': 'true', 'drift-issue': 'true' }), {
      cwd: workspace,
      env,
    });
    expect(drift.code).toBe(1);
    expect(drift.outputs['failure-reason']).toBe('drift');
    expect(github.issues.filter((i) => i.state === 'open')).toHaveLength(1);

    await runActionProcess(inputs('plan', { 'fail-on-drift': 'true', 'drift-issue': 'true' }), {
      cwd: workspace,
      env,
    });
    expect(github.issues).toHaveLength(1);

    await runActionProcess(inputs('apply'), {
      cwd: workspace,
      env: { ...env, GITHUB_EVENT_NAME: 'workflow_dispatch' },
    });
    const clean = await runActionProcess(inputs('plan', { 'fail-on-drift': 'true', 'drift-issue': 'true' }), {
      cwd: workspace,
      env,
    });
    expect(clean.code).toBe(0);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.state).toBe('closed');
  });
});
