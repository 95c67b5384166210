import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../../src/report/summary.js';
import { CANARY, HASH, applyOutcome, hugeOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('renderSummary (plan)', () => {
  const text = renderSummary(planOutcome());

  it.each([
    {
      name: 'heading with mode and target',
      fragment: '### coc-script-sync · plan · coc-scripts · cn-north-4 · project proj-1',
    },
    { name: 'counts', fragment: '1 to create, 1 to update, 1 to delete, 1 blocked, 1 unchanged' },
    {
      name: 'update row with changed fields',
      fragment: '| update | <code>backup_db</code> | content, risk_level: LOW → HIGH, params | APPROVED |',
    },
    { name: 'create row', fragment: '| create | <code>new_job</code> | new script | new |' },
    {
      name: 'delete row with reason',
      fragment: '| delete | <code>old_tmp</code> | prune: matches ops_&#42; | APPROVED |',
    },
    {
      name: 'blocked item with location and fix',
      fragment: '<code>coc-scripts/renamed_job.yaml:2:7</code>): name differs',
    },
    {
      name: 'reviewer reset with reviewers',
      fragment:
        '| <code>backup_db</code> | <code>SC-BACKUP-1</code> | alice, bob | PENDING_APPROVE (expected) |',
    },
    {
      name: 'pending approval',
      fragment: '| <code>steady</code> | <code>SC-STEADY-1</code> | PENDING_APPROVE |',
    },
    { name: 'note', fragment: '- DB_PASSWORD is not set' },
    { name: 'collapsible diff', fragment: '<details><summary>update <code>backup_db</code></summary>' },
    { name: 'diff fence longer than backticks in content', fragment: '````diff\n--- backup_db' },
    { name: 'plan hash', fragment: `Plan hash: <code>${HASH}</code>` },
  ])('has the $name', ({ fragment }) => {
    expect(text).toContain(fragment);
  });

  it('does not list no-op items in the table', () => {
    expect(text).not.toContain('| noop |');
  });

  it('never contains the sensitive value, even when it leaks into notes or diffs', () => {
    const leaky = planOutcome({ notes: [`oops ${CANARY}`] });
    expect(renderSummary(leaky)).not.toContain(CANARY);
    expect(text).not.toContain(CANARY);
  });
});

describe('renderSummary (apply and validate)', () => {
  it('shows results, read-back status and failures with error code and message', () => {
    const text = renderSummary(applyOutcome());
    expect(text).toContain('1 created, 1 updated, 0 deleted, 1 failed, 1 blocked, 1 unchanged');
    expect(text).toContain(
      '| update | <code>backup_db</code> | content, risk_level: LOW → HIGH, params | applied · PENDING_APPROVE |',
    );
    expect(text).toContain('| delete | <code>old_tmp</code> | prune: matches ops_&#42; | failed |');
    expect(text).toContain(
      '| <code>old_tmp</code> | delete | COC.00040602 | COC.00040602: Script is in use by a job (HTTP 400) while deleting old_tmp (request req-9) |',
    );
    expect(text).toContain('failure-reason <code>apply-failed</code>');
    expect(text).toContain('alice, bob | PENDING_APPROVE |');
  });

  it('lists validation errors with file:line:column, escaped', () => {
    const text = renderSummary(validateOutcome());
    expect(text).toContain('### coc-script-sync · validate · coc-scripts');
    expect(text).toContain(
      '- **error** <code>coc-scripts/a.yaml:4:13</code> risk_level must be one of LOW, MEDIUM, HIGH',
    );
    expect(text).toContain('unknown &lt;key&gt; &#124; pipe');
    expect(text).toContain('2 files, 1 definition; 1 error, 1 warning.');
    expect(text).not.toContain('Plan hash');
  });
});

describe('summary size budget', () => {
  it('stays below 1 MiB with an explicit truncation note, cutting diffs first', () => {
    const text = renderSummary(hugeOutcome(300));
    expect(bytes(text)).toBeLessThan(SUMMARY_LIMIT_BYTES);
    expect(text).toMatch(/Truncated: \d+ of 300 content diffs left out/);
    expect(text).toContain('| update | <code>job_0299</code> | content |');
    expect(text).toContain(`Plan hash: <code>${HASH}</code>`);
  });

  it.each([
    { name: 'tight limit', limitBytes: 20_000 },
    { name: 'very tight limit', limitBytes: 4_000 },
  ])('respects a lowered limit ($name)', ({ limitBytes }) => {
    const text = renderSummary(hugeOutcome(50), { limitBytes });
    expect(bytes(text)).toBeLessThan(limitBytes);
    expect(text).toContain('Truncated');
  });

  it('keeps multi-byte names within the byte limit', () => {
    const outcome = hugeOutcome(20);
    const plan = outcome.plan ?? expect.fail('plan');
    const items = plan.items.map((i) => ({
      ...i,
      name: `备份脚本${i.name}`,
      contentDiff: `${i.contentDiff ?? ''}+中文内容\n`,
    }));
    const text = renderSummary({ ...outcome, plan: { ...plan, items } }, { limitBytes: 30_000 });
    expect(bytes(text)).toBeLessThan(30_000);
  });
});
