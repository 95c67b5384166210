import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../../src/report/summary.js';
import { CANARY, HASH, applyOutcome, hugeOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

const BLOB = 'https://github.com/acme/ops-scripts/blob/3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90';

describe('renderSummary (plan)', () => {
  const text = renderSummary(planOutcome());

  it('opens with the verdict as a GitHub alert', () => {
    expect(text.startsWith('> [!CAUTION]\n> **Apply will fail: 1 blocked script')).toBe(true);
  });

  it.each([
    {
      name: 'commit, time and target in one line',
      fragment:
        'coc-script-sync plan · commit [<code>3f9c2a7</code>](https://github.com/acme/ops-scripts/commit/3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90) · 2026-12-01 08:15 UTC · target <code>coc-scripts</code> · region <code>cn-north-4</code> · project <code>proj-1</code>\n',
    },
    { name: 'counts', fragment: '> 1 to create, 1 to update, 1 to delete, 1 blocked, 1 unchanged' },
    {
      name: 'update row: script linked to its file and line, only what changed',
      fragment: `| **update** | [<code>backup_db</code>](${BLOB}/coc-scripts/backup_db.yaml#L1) | content +1 −1 (diff below)<br>risk_level: <code>LOW</code> → <code>HIGH</code><br>params.host: <code>db.internal</code> → <code>db2.internal</code> |`,
    },
    {
      name: 'create row with its parameter values (sensitive ones redacted)',
      fragment: `| **create** | [<code>new_job</code>](${BLOB}/coc-scripts/new_job.yaml) | new SHELL script, risk LOW, content +1 −0<br>params host <code>db.internal</code>, password _(sensitive)_ |`,
    },
    {
      name: 'delete row with the prune glob that owns it',
      fragment:
        '| **delete** | <code>old_tmp</code> | no definition, and the name matches prune glob <code>ops_&#42;</code> |',
    },
    {
      name: 'blocked item with location and fix',
      fragment: '(<code>coc-scripts/renamed_job.yaml:2:7</code>): name differs',
    },
    {
      name: 'review state: status before → after for an item with reviewers',
      fragment: `| [<code>backup_db</code>](${BLOB}/coc-scripts/backup_db.yaml#L1) | alice, bob | APPROVED → **PENDING_APPROVE (expected)** | modified with reviewers: goes back to review |`,
    },
    {
      name: 'review state: a script waiting in review, in the same table',
      fragment: '| <code>steady</code> | — | PENDING_APPROVE | waiting for approval |',
    },
    { name: 'note', fragment: '- DB_PASSWORD is not set' },
    {
      name: 'collapsed diff with its size',
      fragment: '<details><summary>update <code>backup_db</code> · +1 −1</summary>',
    },
    { name: 'diff fence longer than backticks in content', fragment: '````diff\n--- backup_db' },
    { name: 'plan hash', fragment: `Plan hash: <code>${HASH}</code>` },
  ])('has the $name', ({ fragment }) => {
    expect(text).toContain(fragment);
  });

  it('has one review-state table and no separate resets or pending tables', () => {
    expect(text.match(/#### Review state/g)).toHaveLength(1);
    expect(text).not.toMatch(/Reviewer resets|Pending approvals/);
    expect(text.match(/<code>steady<\/code>/g)).toHaveLength(1);
  });

  it('does not list no-op items in the table', () => {
    expect(text).not.toMatch(/\| \*\*noop\*\* \|/);
  });

  it('never contains the sensitive value, even when it leaks into notes or diffs', () => {
    const leaky = planOutcome({ notes: [`oops ${CANARY}`] });
    expect(renderSummary(leaky)).not.toContain(CANARY);
    expect(text).not.toContain(CANARY);
  });

  it('links nothing without a source (outside a workflow)', () => {
    const { source: _source, ...unlocated } = planOutcome();
    const bare = renderSummary(unlocated);
    expect(bare).toContain('coc-script-sync plan · target <code>coc-scripts</code>');
    expect(bare).not.toContain('](https://');
    expect(bare).toContain('| **update** | <code>backup_db</code> |');
  });
});

describe('renderSummary (apply and validate)', () => {
  it('shows results, read-back status and failures with error code and message', () => {
    const text = renderSummary(applyOutcome());
    expect(text.startsWith('> [!CAUTION]\n> **Apply failed: 1 change failed.**')).toBe(true);
    expect(text).toContain('1 created, 1 updated, 0 deleted, 1 failed, 1 blocked, 1 unchanged');
    expect(text).toContain('| action | script | changes | result |');
    expect(text).toContain(
      'params.host: <code>db.internal</code> → <code>db2.internal</code> | applied · PENDING_APPROVE |',
    );
    expect(text).toContain('prune glob <code>ops_&#42;</code> | failed |');
    expect(text).toContain(
      '| <code>old_tmp</code> | delete | COC.00040602 | COC.00040602: Script is in use by a job (HTTP 400) while deleting old_tmp (request req-9) |',
    );
    expect(text).toContain('failure-reason <code>apply-failed</code>');
    expect(text).toContain('| alice, bob | APPROVED → **PENDING_APPROVE** | modified: went back to review |');
  });

  it('lists validation errors with file:line:column, escaped', () => {
    const text = renderSummary(validateOutcome());
    expect(
      text.startsWith('> [!CAUTION]\n> **Invalid definitions: 1 error; nothing can be planned or applied.**'),
    ).toBe(true);
    expect(text).toContain('coc-script-sync validate · target <code>coc-scripts</code>');
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
    expect(text).toContain('| **update** | <code>job_0299</code> | content +40 −40 (diff below) |');
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
