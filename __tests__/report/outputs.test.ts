import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../../src/config/names.js';
import { EXPECTED_RESET_STATUS, computeOutputs, reviewerResets } from '../../src/report/outputs.js';
import { CANARY, HASH, applyOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

describe('computeOutputs', () => {
  it.each([
    {
      name: 'plan counts what would happen',
      outcome: planOutcome(),
      expected: {
        'has-changes': 'true',
        created: '1',
        updated: '1',
        deleted: '1',
        unchanged: '1',
        failed: '0',
      },
    },
    {
      name: 'apply counts what happened; the failed delete is not counted as deleted',
      outcome: applyOutcome(),
      expected: {
        'has-changes': 'true',
        created: '1',
        updated: '1',
        deleted: '0',
        unchanged: '1',
        failed: '1',
      },
    },
    {
      name: 'validate has no plan',
      outcome: validateOutcome(),
      expected: {
        'has-changes': 'false',
        created: '0',
        updated: '0',
        deleted: '0',
        unchanged: '0',
        failed: '0',
      },
    },
  ])('$name', ({ outcome, expected }) => {
    expect(computeOutputs(outcome)).toMatchObject(expected);
  });

  it('sets every output name, always as a string', () => {
    const outputs = computeOutputs(validateOutcome());
    expect(Object.keys(outputs).sort()).toEqual(Object.values(OUTPUT).sort());
    expect(outputs['failure-reason']).toBe('validation');
    expect(outputs['plan-hash']).toBe('');
    expect(outputs['reviewer-resets']).toBe('[]');
  });

  it('passes plan hash, plan file and failure reason through', () => {
    const outputs = computeOutputs(applyOutcome());
    expect(outputs).toMatchObject({
      'plan-hash': HASH,
      'plan-file': '/tmp/runner/coc-plan.json',
      'failure-reason': 'apply-failed',
    });
  });

  it.each([
    { name: 'plan', outcome: planOutcome() },
    { name: 'apply', outcome: applyOutcome() },
  ])('never carries a sensitive value ($name)', ({ outcome }) => {
    expect(JSON.stringify(computeOutputs(outcome))).not.toContain(CANARY);
  });

  it('is not has-changes for a plan of only no-ops', () => {
    const base = planOutcome();
    const plan = base.plan ?? expect.fail('plan');
    const outcome = planOutcome({
      plan: { ...plan, counts: { create: 0, update: 0, delete: 0, blocked: 0, noop: 4, unreadable: 0 } },
    });
    expect(computeOutputs(outcome)['has-changes']).toBe('false');
  });
});

describe('reviewerResets', () => {
  it('forecasts resets in plan mode', () => {
    expect(reviewerResets(planOutcome())).toEqual([
      { name: 'backup_db', uuid: 'SC-BACKUP-1', reviewers: ['alice', 'bob'], status: EXPECTED_RESET_STATUS },
    ]);
  });

  it('reports the read-back status in apply mode', () => {
    const json = computeOutputs(applyOutcome())['reviewer-resets'];
    expect(JSON.parse(json)).toEqual([
      { name: 'backup_db', uuid: 'SC-BACKUP-1', reviewers: ['alice', 'bob'], status: 'PENDING_APPROVE' },
    ]);
  });

  it('leaves out resets whose modify failed', () => {
    const outcome = applyOutcome();
    const results = (outcome.results ?? []).map((r) =>
      r.item.name === 'backup_db' ? { item: r.item, outcome: 'failed' as const } : r,
    );
    expect(reviewerResets({ ...outcome, results })).toEqual([]);
  });
});
