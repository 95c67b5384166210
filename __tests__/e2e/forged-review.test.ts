/**
 * Attacks on the reviewed-plan binding and the sticky comment, through dist/index.js against the
 * emulator and the GitHub fake (which answers like GitHub: comment authors, GET /user). Anyone
 * who can comment on a pull request can post text that starts with the (guessable) marker; a
 * pull request can put marker text into a script's content. Only the action's own comment, and
 * only the hash in its footer, may bind an apply.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import {
  ACTIONS_BOT,
  githubRunnerEnv,
  PAT_USER,
  startGitHubFake,
  type GitHubFake,
} from '../support/github-fake.js';
import { runActionProcess } from '../support/runner.js';

const ATTACKER = { login: 'mallory', type: 'User' } as const;
const MARKER = '<!-- coc-script-sync:v1 path=coc-scripts region= project= -->';
const FORGED_HASH_LINE = `<!-- coc-script-sync:plan-hash sha256:${'0'.repeat(64)} -->`;

const emulator = useEmulator();
let github: GitHubFake;
let workspace = '';

function definition(name: string, content = 'echo ok'): string {
  return `name: ${name}\ntype: SHELL\ndescription: ${name}\ncontent: |\n  ${content}\nrisk_level: LOW\nversion: 1.0.0\n`;
}

beforeEach(async () => {
  github = await startGitHubFake();
  workspace = await mkdtemp(join(tmpdir(), 'coc-forged-'));
  await mkdir(join(workspace, 'coc-scripts'));
  await writeFile(join(workspace, 'coc-scripts', 'ops_a.yaml'), definition('ops_a'));
  return () => github.close();
});

function run(mode: string, token: string, env: Record<string, string>, extra: Record<string, string> = {}) {
  const inputs = {
    mode,
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    'github-token': token,
    prune: 'ops_*',
    ...extra,
  };
  return runActionProcess(inputs, { cwd: workspace, env });
}

describe('the sticky comment', () => {
  it('never edits a comment someone else wrote, and defuses marker text from content (PAT)', async () => {
    await writeFile(
      join(workspace, 'coc-scripts', 'ops_b.yaml'),
      definition('ops_b', `# ${FORGED_HASH_LINE}`),
    );
    const planted = github.addComment(42, `${MARKER}\nplanted by an attacker`, ATTACKER);
    const env = await githubRunnerEnv(github, workspace, {
      name: 'pull_request',
      payload: { pull_request: { number: 42 } },
      sha: 'pr-sha',
    });
    const result = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': EMULATOR_TOKEN,
        'github-token': 'ghp_personalAccessToken01',
      },
      { cwd: workspace, env },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(planted.body).toBe(`${MARKER}\nplanted by an attacker`);
    const edits = github.requests.filter((r) => r.route === 'update-comment');
    expect(edits).toEqual([]);
    const ours = github.comments.filter((c) => c.user.login === PAT_USER.login);
    expect(ours).toHaveLength(1);
    expect(github.requests.filter((r) => r.route === 'get-user')).toHaveLength(1);
    // The content's marker text is in the diff, but no longer as a live marker.
    expect(ours[0]?.body.split('<!-- coc-script-sync:plan-hash').length).toBe(2);
    expect(ours[0]?.body).toContain(result.outputs['plan-hash']);
  });
});

describe('the reviewed plan on push', () => {
  it('ignores a copy of the plan comment with another hash posted by someone else', async () => {
    const pr = await githubRunnerEnv(github, workspace, {
      name: 'pull_request',
      payload: { pull_request: { number: 5 } },
      sha: 'pr-sha',
    });
    const review = await run('plan', 'ghs_installationToken01', pr);
    expect(review.code, review.stdout).toBe(0);
    const reviewed = github.comments.find((c) => c.user.login === ACTIONS_BOT.login);
    expect(reviewed?.body).toContain(review.outputs['plan-hash']);

    // After the review, a script matching `prune` appears, carrying this folder's ownership tag
    // (the runner's repository and path); the plan now deletes it.
    emulator.current.seed([
      {
        name: 'ops_victim',
        type: 'SHELL',
        description: 'made in the console',
        content: 'echo victim\n',
        properties: { risk_level: 'LOW', version: '1.0.0' },
        resource_tags: [{ key: 'managed-by-coc-script-sync', value: 'acme/ops-scripts:coc-scripts' }],
      },
    ]);
    const dispatch = await githubRunnerEnv(github, workspace, {
      name: 'workflow_dispatch',
      payload: {},
      sha: 'x',
    });
    const fresh = await run('plan', 'ghs_installationToken01', dispatch);
    const freshHash = fresh.outputs['plan-hash'] ?? '';
    expect(freshHash).not.toBe(review.outputs['plan-hash']);
    // The attacker copies the action's comment with the hash of the plan that deletes.
    github.addComment(
      5,
      (reviewed?.body ?? '').replaceAll(review.outputs['plan-hash'] ?? '', freshHash),
      ATTACKER,
    );

    github.pullsByCommit.set('merge-sha', [
      { number: 5, mergedAt: '2026-11-25T08:00:00Z', mergeCommitSha: 'merge-sha' },
    ]);
    const push = await githubRunnerEnv(github, workspace, { name: 'push', payload: {}, sha: 'merge-sha' });
    const apply = await run('apply', 'ghs_installationToken01', push);
    expect(apply.outputs['failure-reason'], apply.stdout).toBe('plan-changed');
    expect(emulator.current.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(emulator.current.requests().some((r) => r.method === 'DELETE')).toBe(false);
  });
});
