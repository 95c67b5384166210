import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertStickyComment } from '../../src/github/sticky-comment.js';
import { commentMarker, renderComment } from '../../src/report/comment.js';
import type { Author } from '../../src/github/client.js';
import { ACTIONS_BOT, startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { CANARY, planOutcome } from '../report/sample-outcomes.js';
import { TOKEN, clientFor } from './context.js';

const bot = (): Promise<Author> => Promise.resolve({ login: ACTIONS_BOT.login, type: ACTIONS_BOT.type });

let fake: GitHubFake;
beforeEach(async () => {
  fake = await startGitHubFake({ maxPerPage: 2 });
});
afterEach(async () => {
  await fake.close();
});

const marker = commentMarker(planOutcome().target);

describe('upsertStickyComment', () => {
  it('creates the comment once, then edits the same comment in place', async () => {
    const gh = clientFor(fake);
    const first = await upsertStickyComment(gh, marker, renderComment(planOutcome()), bot);
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(
      gh,
      marker,
      renderComment(planOutcome({ notes: ['second run'] })),
      bot,
    );
    expect(second).toEqual({ action: 'updated', id: 'id' in first ? first.id : -1 });
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body).toContain('second run');
    expect(fake.comments[0]?.issue).toBe(7);
    expect(fake.requests.map((r) => r.route)).toEqual([
      'list-comments',
      'create-comment',
      'list-comments',
      'update-comment',
    ]);
    expect(fake.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('finds its comment on a later page and ignores other targets and other comments', async () => {
    fake.comments.push(
      { id: 1, issue: 7, user: ACTIONS_BOT, body: 'LGTM' },
      { id: 2, issue: 7, user: ACTIONS_BOT, body: commentMarker({ path: 'other' }) },
      { id: 3, issue: 7, user: ACTIONS_BOT, body: 'nit' },
      { id: 4, issue: 7, user: ACTIONS_BOT, body: `${marker}\nold plan` },
      { id: 5, issue: 8, user: ACTIONS_BOT, body: `${marker}\nanother PR` },
    );
    const result = await upsertStickyComment(clientFor(fake), marker, `${marker}\nnew plan`, bot);
    expect(result).toEqual({ action: 'updated', id: 4 });
    expect(fake.comments.find((c) => c.id === 4)?.body).toBe(`${marker}\nnew plan`);
    expect(fake.comments.find((c) => c.id === 2)?.body).not.toContain('new plan');
    expect(fake.requests.filter((r) => r.route === 'list-comments').map((r) => r.query.page ?? '1')).toEqual([
      '1',
      '2',
    ]);
  });

  it('leaves an identical comment alone', async () => {
    fake.comments.push({ id: 9, issue: 7, user: ACTIONS_BOT, body: `${marker}\nsame` });
    expect(await upsertStickyComment(clientFor(fake), marker, `${marker}\nsame`, bot)).toEqual({
      action: 'unchanged',
      id: 9,
    });
    expect(fake.requests.map((r) => r.route)).toEqual(['list-comments']);
  });

  it.each([
    { name: 'read-only token cannot list', route: 'list-comments' as const },
    { name: 'read-only token cannot post', route: 'create-comment' as const },
  ])('returns skipped on 403 ($name)', async ({ route }) => {
    fake.forbidden.add(route);
    const result = await upsertStickyComment(clientFor(fake), marker, 'body', bot);
    expect(result.action).toBe('skipped');
    expect('reason' in result ? result.reason : '').toMatch(/HTTP 403.*forks get a read-only token/);
    expect(fake.comments).toHaveLength(0);
  });

  it('is skipped outside pull requests', async () => {
    const gh = clientFor(fake, { eventName: 'push' });
    const { prNumber: _omit, ...context } = gh.context;
    const result = await upsertStickyComment({ ...gh, context }, marker, 'body', bot);
    expect(result).toEqual({ action: 'skipped', reason: 'not a pull request event' });
    expect(fake.requests).toHaveLength(0);
  });

  it('never sends a sensitive value', async () => {
    await upsertStickyComment(clientFor(fake), marker, renderComment(planOutcome({ notes: [CANARY] })), bot);
    expect(JSON.stringify(fake.requests)).not.toContain(CANARY);
  });
});
