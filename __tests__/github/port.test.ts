import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { createGitHubPort, githubContextFromEnv, summaryUrlFromEnv } from '../../src/github/port.js';
import { createSilentLogger } from '../../src/log.js';
import { commentMarker, extractPlanHash, renderComment } from '../../src/report/comment.js';
import { ACTIONS_BOT, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { CANARY, HASH, planOutcome } from '../report/sample-outcomes.js';

let fake: GitHubFake;
beforeEach(async () => {
  fake = await startGitHubFake();
});
afterEach(async () => {
  await fake.close();
});

const SK = 'sk-canary-Wq2';

function config(overrides: Partial<Config> = {}): Config {
  return {
    path: 'coc-scripts',
    mode: 'plan',
    region: 'cn-north-4',
    projectId: 'proj-1',
    auth: { accessKey: 'AK', secretKey: SK },
    prune: [],
    maxDeletes: 5,
    syncSensitive: 'changed',
    failOnDrift: false,
    concurrency: 8,
    timeoutSeconds: 30,
    githubToken: 'ghs_token',
    comment: true,
    language: 'en-us',
    enterpriseProjectId: '0',
    driftIssue: false,
    allowInsecureEndpoint: false,
    allowOutside: false,
    workingDirectory: process.cwd(),
    workspace: process.cwd(),
    ownership: 'tag',
    checkContent: 'syntax',
    env: {},
    surface: 'action',
    withoutCredentials: 'fail',
    ...overrides,
  };
}

const env = (extra: Record<string, string>) => ({
  GITHUB_API_URL: fake.url,
  GITHUB_REPOSITORY: 'acme/ops',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '42',
  ...extra,
});

describe('githubContextFromEnv / summaryUrlFromEnv', () => {
  it('reads the pull request number from the ref', async () => {
    const context = await githubContextFromEnv(
      env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/17/merge', GITHUB_SHA: 'abc' }),
      't',
    );
    expect(context).toMatchObject({
      prNumber: 17,
      sha: 'abc',
      repo: { owner: 'acme', repo: 'ops' },
      apiUrl: fake.url,
    });
  });

  it('falls back to the event payload (pull_request_target)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-event-'));
    const file = join(dir, 'event.json');
    await writeFile(file, JSON.stringify({ pull_request: { number: 23 } }));
    const context = await githubContextFromEnv(
      env({
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_EVENT_PATH: file,
      }),
      't',
    );
    expect(context?.prNumber).toBe(23);
  });

  it('is undefined outside Actions', async () => {
    expect(await githubContextFromEnv({}, 't')).toBeUndefined();
    expect(summaryUrlFromEnv({})).toBeUndefined();
    expect(summaryUrlFromEnv(env({}))).toBe('https://github.com/acme/ops/actions/runs/42');
  });
});

describe('createGitHubPort', () => {
  it('posts the sticky comment on pull requests, with the run link, without secrets', async () => {
    const logger = createSilentLogger();
    const prEnv = env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' });
    const port = createGitHubPort(config(), prEnv, logger);
    const outcome = planOutcome({ notes: [`${CANARY} and ${SK}`] });
    expect(await port.publishComment(outcome)).toMatch(/^Plan comment created on pull request #7/);
    expect(await port.publishComment(outcome)).toMatch(/^Plan comment unchanged/);
    const body = fake.comments[0]?.body ?? '';
    expect(body).toContain('https://github.com/acme/ops/actions/runs/42');
    expect(extractPlanHash(body)).toBe(HASH);
    expect(body).not.toContain(CANARY);
    expect(body).not.toContain(SK);
    expect(logger.secrets.values()).toContain('ghs_token');
  });

  it.each([
    { name: 'comment off', cfg: { comment: false }, event: 'pull_request' },
    { name: 'not a pull request', cfg: {}, event: 'push' },
  ])('does not comment when $name', async ({ cfg, event }) => {
    const port = createGitHubPort(
      config(cfg),
      env({ GITHUB_EVENT_NAME: event, GITHUB_REF: 'refs/pull/7/merge' }),
      createSilentLogger(),
    );
    expect(await port.publishComment(planOutcome())).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('warns instead of failing on a read-only token', async () => {
    fake.forbidden.add('create-comment');
    const logger = createSilentLogger();
    const port = createGitHubPort(
      config(),
      env({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' }),
      logger,
    );
    expect(await port.publishComment(planOutcome())).toBeUndefined();
    expect(logger.lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(/HTTP 403/) as unknown,
    });
  });

  it('finds the reviewed plan on push and explains other events', async () => {
    const sha = 'beef000000000000000000000000000000000000';
    fake.pullsByCommit.set(sha, [{ number: 9, mergedAt: '2026-11-25T00:00:00Z', mergeCommitSha: sha }]);
    const target = { path: 'coc-scripts', region: 'cn-north-4', projectId: 'proj-1' };
    fake.comments.push({
      id: 1,
      issue: 9,
      user: ACTIONS_BOT,
      body: renderComment(planOutcome({ target }), { marker: commentMarker(target) }),
    });
    const push = createGitHubPort(
      config({ mode: 'apply' }),
      env({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: sha }),
      createSilentLogger(),
    );
    expect(await push.reviewedPlanHash()).toMatchObject({ hash: HASH, pullRequest: 9 });
    const manual = createGitHubPort(
      config({ mode: 'apply' }),
      env({ GITHUB_EVENT_NAME: 'workflow_dispatch' }),
      createSilentLogger(),
    );
    expect(await manual.reviewedPlanHash()).toEqual({
      note: 'No reviewed-plan check: it runs on push events (this run: workflow_dispatch).',
    });
  });

  it('keeps the drift issue only when drift-issue is on', async () => {
    const schedule = env({ GITHUB_EVENT_NAME: 'schedule' });
    const off = createGitHubPort(config(), schedule, createSilentLogger());
    expect(await off.syncDriftIssue(planOutcome())).toBeUndefined();
    const on = createGitHubPort(config({ driftIssue: true }), schedule, createSilentLogger());
    expect(await on.syncDriftIssue(planOutcome())).toBe('Drift issue #1 opened.');
    expect(fake.issues[0]?.body).not.toContain(SK);
  });
});
