import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIFT_LABEL, syncDriftIssue } from '../../src/github/drift-issue.js';
import { commentMarker, extractPlanHash } from '../../src/report/comment.js';
import type { RunOutcome } from '../../src/model.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { CANARY, HASH, planOutcome, validateOutcome } from '../report/sample-outcomes.js';
import { clientFor } from './context.js';

let fake: GitHubFake;
beforeEach(async () => {
  fake = await startGitHubFake({ maxPerPage: 2 });
});
afterEach(async () => {
  await fake.close();
});

const marker = commentMarker(planOutcome().target);
const schedule = () => clientFor(fake, { eventName: 'schedule' });

function emptyPlan(): RunOutcome {
  const base = planOutcome();
  const plan = base.plan ?? expect.fail('plan');
  return planOutcome({
    plan: {
      ...plan,
      items: [],
      counts: { create: 0, update: 0, delete: 0, blocked: 0, noop: 5, unreadable: 0 },
    },
  });
}

describe('syncDriftIssue', () => {
  it('opens, then updates, then closes one issue', async () => {
    const gh = schedule();
    const opened = await syncDriftIssue(gh, marker, planOutcome());
    expect(opened).toEqual({ action: 'opened', number: 1 });
    expect(fake.issues[0]).toMatchObject({ state: 'open', labels: [DRIFT_LABEL] });
    expect(fake.issues[0]?.title).toBe('COC script drift: coc-scripts · cn-north-4 · project proj-1');
    expect(extractPlanHash(fake.issues[0]?.body ?? '')).toBe(HASH);

    const updated = await syncDriftIssue(gh, marker, planOutcome({ notes: ['still drifting'] }));
    expect(updated).toEqual({ action: 'updated', number: 1 });
    expect(fake.issues).toHaveLength(1);
    expect(fake.issues[0]?.body).toContain('still drifting');

    const closed = await syncDriftIssue(gh, marker, emptyPlan());
    expect(closed).toEqual({ action: 'closed', number: 1 });
    expect(fake.issues[0]).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(fake.issues[0]?.body).toContain('drift resolved');
    expect(fake.issues[0]?.body.startsWith(marker)).toBe(true);

    expect(await syncDriftIssue(gh, marker, emptyPlan())).toEqual({ action: 'none' });
    expect(
      fake.requests.filter((r) => r.route === 'list-issues').every((r) => r.query.labels === DRIFT_LABEL),
    ).toBe(true);
  });

  it('finds the issue by marker among other labelled issues and pull requests, across pages', async () => {
    fake.issues.push(
      { number: 1, title: 'pr', body: marker, state: 'open', labels: [DRIFT_LABEL], isPullRequest: true },
      {
        number: 2,
        title: 'other target',
        body: commentMarker({ path: 'x' }),
        state: 'open',
        labels: [DRIFT_LABEL],
      },
      { number: 3, title: 'ours', body: `${marker}\nold`, state: 'open', labels: [DRIFT_LABEL] },
    );
    expect(await syncDriftIssue(schedule(), marker, planOutcome())).toEqual({ action: 'updated', number: 3 });
    expect(fake.issues.map((i) => i.body.includes('to create'))).toEqual([false, false, true]);
  });

  it('leaves the issue alone when there is no plan', async () => {
    fake.issues.push({ number: 1, title: 't', body: marker, state: 'open', labels: [DRIFT_LABEL] });
    expect(await syncDriftIssue(schedule(), marker, validateOutcome())).toEqual({ action: 'none' });
    expect(fake.requests).toHaveLength(0);
  });

  it('returns skipped when the token cannot write issues', async () => {
    fake.forbidden.add('create-issue');
    const result = await syncDriftIssue(schedule(), marker, planOutcome());
    expect(result.action).toBe('skipped');
    expect('reason' in result ? result.reason : '').toMatch(/HTTP 403.*write issues/);
  });

  it('never sends a sensitive value', async () => {
    await syncDriftIssue(schedule(), marker, planOutcome({ notes: [CANARY] }));
    expect(JSON.stringify(fake.requests)).not.toContain(CANARY);
  });
});
