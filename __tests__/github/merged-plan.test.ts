import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReviewedPlanHash } from '../../src/github/merged-plan.js';
import { commentMarker, renderComment } from '../../src/report/comment.js';
import type { Author } from '../../src/github/client.js';
import { ACTIONS_BOT, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { HASH, planOutcome, validateOutcome } from '../report/sample-outcomes.js';
import { clientFor } from './context.js';

const bot = (): Promise<Author> => Promise.resolve({ login: ACTIONS_BOT.login, type: ACTIONS_BOT.type });

let fake: GitHubFake;
beforeEach(async () => {
  fake = await startGitHubFake();
});
afterEach(async () => {
  await fake.close();
});

const SHA = 'feed000000000000000000000000000000000000';
const marker = commentMarker(planOutcome().target);
const push = () => clientFor(fake, { eventName: 'push', sha: SHA });

describe('findReviewedPlanHash', () => {
  it('reads the hash from the sticky comment of the merged pull request', async () => {
    fake.pullsByCommit.set(SHA, [
      { number: 3, mergedAt: null, mergeCommitSha: 'x' },
      { number: 12, mergedAt: '2026-11-25T08:00:00Z', mergeCommitSha: SHA },
    ]);
    fake.comments.push(
      { id: 1, issue: 12, user: ACTIONS_BOT, body: 'looks fine' },
      { id: 2, issue: 12, user: ACTIONS_BOT, body: renderComment(planOutcome()) },
    );
    const result = await findReviewedPlanHash(push(), SHA, marker, bot);
    expect(result).toMatchObject({ hash: HASH, pullRequest: 12 });
    expect(result.note).toContain('#12');
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/repos/acme/ops/commits/${SHA}/pulls`,
      '/repos/acme/ops/issues/12/comments',
    ]);
  });

  it.each([
    {
      name: 'no pull request at all',
      setup: (_f: GitHubFake) => undefined,
      note: /No merged pull request found for commit feed000/,
    },
    {
      name: 'only an open pull request',
      setup: (f: GitHubFake) =>
        f.pullsByCommit.set(SHA, [{ number: 4, mergedAt: null, mergeCommitSha: 'y' }]),
      note: /No merged pull request found/,
    },
    {
      name: 'merged pull request without our comment',
      setup: (f: GitHubFake) => {
        f.pullsByCommit.set(SHA, [{ number: 5, mergedAt: '2026-11-25T08:00:00Z', mergeCommitSha: SHA }]);
        f.comments.push({ id: 1, issue: 5, user: ACTIONS_BOT, body: commentMarker({ path: 'elsewhere' }) });
      },
      note: /#5 has no coc-script-sync plan comment/,
    },
    {
      name: 'comment without a plan (validate only)',
      setup: (f: GitHubFake) => {
        f.pullsByCommit.set(SHA, [{ number: 6, mergedAt: '2026-11-25T08:00:00Z', mergeCommitSha: SHA }]);
        f.comments.push({
          id: 1,
          issue: 6,
          user: ACTIONS_BOT,
          body: renderComment(validateOutcome(), { marker }),
        });
      },
      note: /#6 holds no plan hash/,
    },
    {
      name: 'API refuses',
      setup: (f: GitHubFake) => f.forbidden.add('commit-pulls'),
      note: /HTTP 403.*Applying without a reviewed plan/,
    },
  ])('gives a note and no hash: $name', async ({ setup, note }) => {
    setup(fake);
    const result = await findReviewedPlanHash(push(), SHA, marker, bot);
    expect(result.hash).toBeUndefined();
    expect(result.note).toMatch(note);
  });
});
