import { describe, expect, it } from 'vitest';
import { changedFields, itemStatus, targetText } from '../../src/report/view.js';
import { applyOutcome, item, planOutcome } from './sample-outcomes.js';

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
        ],
      }),
      expected: 'content, version: 1.0.0 → 1.1.0, description, protocol',
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
});
