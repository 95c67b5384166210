/**
 * Refusals are forecast, through both bundles: a plan that apply would refuse for its deletions
 * fails already with `delete-guard` — the deletions and the value to set at the top of the job
 * summary and of the pull-request comment — and the action and the CLI end it the same way.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { githubRunnerEnv, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { runActionProcess, runCliProcess } from '../support/runner.js';

const emulator = useEmulator();
let github: GitHubFake;
let workspace = '';

beforeEach(async () => {
  github = await startGitHubFake();
  workspace = await mkdtemp(join(tmpdir(), 'coc-refusals-'));
  await mkdir(join(workspace, 'coc-scripts'));
  const keep =
    'name: keep_me\ntype: SHELL\ndescription: kept\ncontent: echo keep\nrisk_level: LOW\nversion: 1.0.0\n';
  await writeFile(join(workspace, 'coc-scripts', 'keep_me.yaml'), keep);
  emulator.current.seed(
    ['old_a', 'old_b', 'old_c'].map((name) => ({
      name,
      type: 'SHELL' as const,
      description: 'legacy',
      content: 'echo legacy\n',
      properties: { risk_level: 'LOW', version: '1.0.0' },
    })),
  );
});
afterEach(() => github.close());

const settings = { prune: 'old_*', ownership: 'name', 'max-deletes': '2' };

describe('a plan that apply would refuse', () => {
  it('fails with delete-guard, the deletions and the value to set at the top of summary and comment', async () => {
    const env = await githubRunnerEnv(github, workspace, {
      name: 'pull_request',
      payload: { pull_request: { number: 9 } },
      sha: 'f00',
    });
    const run = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': EMULATOR_TOKEN,
        'github-token': 'ghs_fake-installation-token',
        ...settings,
      },
      { cwd: workspace, env },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('delete-guard');
    expect(run.outputs.deleted).toBe('3');
    const refusal = 'Apply would refuse this plan: it deletes 3 scripts, more than `max-deletes` (2)';
    expect(run.stdout).toContain(`::error::${refusal}`);
    // At the top: the header's failure line, before any section.
    const summaryTop = run.summary.split('####')[0] ?? '';
    expect(summaryTop).toContain('failure-reason <code>delete-guard</code>');
    expect(summaryTop).toContain('Deletions: old_a, old_b, old_c');
    expect(summaryTop).toContain('set `max-deletes` to at least 3');
    expect(github.comments).toHaveLength(1);
    const commentTop = github.comments[0]?.body.split('####')[0] ?? '';
    expect(commentTop).toContain('failure-reason <code>delete-guard</code>');
    expect(commentTop).toContain('Deletions: old_a, old_b, old_c');
    expect(emulator.current.requests().every((request) => request.method === 'GET')).toBe(true);

    const cli = await runCliProcess(
      [
        'plan',
        '--path',
        'coc-scripts',
        '--endpoint',
        emulator.current.url,
        '--prune',
        'old_*',
        '--ownership',
        'name',
        '--max-deletes',
        '2',
      ],
      { cwd: workspace, env: { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN } },
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('set `--max-deletes` to at least 3');
  });

  it('as many deletions as max-deletes plan normally (changes pending, not a failure)', async () => {
    const run = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': EMULATOR_TOKEN,
        ...settings,
        'max-deletes': '3',
      },
      { cwd: workspace },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['failure-reason']).toBe('');
    expect(run.outputs['has-changes']).toBe('true');
  });
});
