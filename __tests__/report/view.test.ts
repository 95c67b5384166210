import { describe, expect, it } from 'vitest';
import { changedFields, contentStat, itemStatus, reviewRows, targetText } from '../../src/report/view.js';
import { applyOutcome, desired, item, planOutcome } from './sample-outcomes.js';

describe('view', () => {
  it.each([
    { name: 'path only', target: { path: 'a' }, expected: 'a' },
    { name: 'all', target: { path: 'a', region: 'r', projectId: 'p' }, expected: 'a · r · project p' },
  ])('targetText: $name', ({ target, expected }) => {
    expect(targetText(target)).toBe(expected);
  });

  it.each([
    { name: 'create', it: item('create', 'x'), expected: 'new script' },
    {
      name: 'delete with reason',
      it: item('delete', 'x', { reason: 'state: absent' }),
      expected: 'state: absent',
    },
    { name: 'no changes', it: item('update', 'x'), expected: '—' },
    {
      name: 'short values inline, content and long values by name',
      it: item('update', 'x', {
        changes: [
          { field: 'content', before: 'a', after: 'b' },
          { field: 'version', before: '1.0.0', after: '1.1.0' },
          { field: 'description', before: 'x'.repeat(41), after: 'y' },
          { field: 'protocol', before: 'a\nb', after: 'c' },
          { field: 'params.p', after: 'v' },
          { field: 'params.q', before: 'w' },
        ],
        contentDiff: '--- a\n+++ b\n@@ -1,2 +1,2 @@\n-x\n-y\n+z\n kept\n',
      }),
      expected:
        'content +1 \u22122, version: 1.0.0 → 1.1.0, description, protocol, params.p: v (new), params.q: w (removed)',
    },
  ])('changedFields: $name', ({ it: planItem, expected }) => {
    expect(changedFields(planItem)).toBe(expected);
  });

  it('itemStatus reads the remote status in plan and the result in apply', () => {
    const plan = planOutcome();
    const apply = applyOutcome();
    const find = (name: string) => plan.plan?.items.find((i) => i.name === name) ?? expect.fail(name);
    expect(itemStatus(plan, find('backup_db'))).toBe('APPROVED');
    expect(itemStatus(apply, find('backup_db'))).toBe('applied · PENDING_APPROVE');
    expect(itemStatus(apply, find('old_tmp'))).toBe('failed');
    expect(itemStatus(apply, find('renamed_job'))).toBe('blocked');
    expect(itemStatus({ ...apply, results: [] }, find('new_job'))).toBe('not applied');
  });

  it('contentStat counts added and removed lines, not the headers', () => {
    expect(contentStat('--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n+more\n same\n')).toEqual({
      added: 2,
      removed: 1,
    });
    expect(contentStat(undefined)).toEqual({ added: 0, removed: 0 });
  });

  it('reviewRows: resets and new scripts in review first, then waiting scripts, none twice', () => {
    const plan = planOutcome();
    const withCreate = {
      ...plan,
      plan: {
        ...(plan.plan ?? expect.fail('plan')),
        items: [
          ...(plan.plan?.items ?? []),
          item('create', 'reviewed_new', {
            desired: desired('reviewed_new', { reviewers: [{ name: 'dan', id: 'u-dan' }] }),
          }),
        ],
        pendingApprovals: [
          { name: 'steady', uuid: 'SC-STEADY-1', status: 'PENDING_APPROVE' },
          { name: 'backup_db', uuid: 'SC-BACKUP-1', status: 'PENDING_APPROVE' },
          { name: 'refused', uuid: 'SC-R-1', status: 'REJECTED' },
        ],
      },
    };
    const rows = reviewRows(withCreate).map(({ name, before, after, why }) => ({ name, before, after, why }));
    expect(rows).toEqual([
      {
        name: 'backup_db',
        before: 'APPROVED',
        after: 'PENDING_APPROVE (expected)',
        why: 'modified with reviewers: goes back to review',
      },
      {
        name: 'reviewed_new',
        before: 'new',
        after: 'PENDING_APPROVE (expected)',
        why: 'created with reviewers: starts in review',
      },
      { name: 'steady', before: 'PENDING_APPROVE', after: undefined, why: 'waiting for approval' },
      { name: 'refused', before: 'REJECTED', after: undefined, why: 'rejected, unchanged' },
    ]);
  });

  it('reviewRows after apply: the status read back, or why there is none', () => {
    const rows = reviewRows(applyOutcome());
    expect(rows[0]).toMatchObject({ name: 'backup_db', before: 'APPROVED', after: 'PENDING_APPROVE' });
    const unapplied = reviewRows(applyOutcome({ results: [] }));
    expect(unapplied[0]).toMatchObject({ name: 'backup_db', after: 'not applied' });
  });
});
