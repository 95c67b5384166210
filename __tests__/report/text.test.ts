import { describe, expect, it } from 'vitest';
import { renderSummaryText } from '../../src/report/summary.js';
import { CANARY, HASH, applyOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

describe('renderSummaryText', () => {
  const plan = renderSummaryText(planOutcome());

  it.each([
    { name: 'title', fragment: 'coc-script-sync · plan · coc-scripts · cn-north-4 · project proj-1\n' },
    { name: 'counts', fragment: 'Plan: 1 to create, 1 to update, 1 to delete, 1 blocked, 1 unchanged' },
    { name: 'create line', fragment: '  + create  new_job      new script  [new]' },
    {
      name: 'update line',
      fragment:
        '  ~ update  backup_db    content +1 \u22121, risk_level: LOW → HIGH, params.host: db.internal → db2.internal  [APPROVED]',
    },
    { name: 'blocked location', fragment: 'renamed_job (coc-scripts/renamed_job.yaml:2:7): name differs' },
    {
      name: 'review state',
      fragment:
        'backup_db: APPROVED → PENDING_APPROVE (expected) (reviewers alice, bob), modified with reviewers: goes back to review',
    },
    { name: 'waiting script', fragment: 'steady: PENDING_APPROVE, waiting for approval' },
    { name: 'diff', fragment: '\n~ update backup_db\n--- backup_db' },
    { name: 'hash', fragment: `Plan hash: ${HASH}\n` },
  ])('shows the $name', ({ fragment }) => {
    expect(plan).toContain(fragment);
  });

  it('has no Markdown or HTML', () => {
    expect(plan).not.toMatch(/<code>|<details>|\| ---/);
  });

  it('can leave diffs out', () => {
    expect(renderSummaryText(planOutcome(), { diffs: false })).not.toContain('--- backup_db');
  });

  it('shows failures and validation errors', () => {
    expect(renderSummaryText(applyOutcome())).toContain(
      'delete old_tmp: COC.00040602: Script is in use by a job (HTTP 400) while deleting old_tmp\n',
    );
    expect(renderSummaryText(validateOutcome())).toContain(
      'error coc-scripts/a.yaml:4:13: risk_level must be one of LOW, MEDIUM, HIGH',
    );
  });

  it('never shows a sensitive value', () => {
    expect(renderSummaryText(planOutcome({ notes: [CANARY] }))).not.toContain(CANARY);
  });
});
