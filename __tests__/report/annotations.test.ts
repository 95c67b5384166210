import { describe, expect, it } from 'vitest';
import { toAnnotations } from '../../src/report/annotations.js';
import { CANARY, applyOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

describe('toAnnotations', () => {
  it('maps diagnostics with file, line and column', () => {
    expect(toAnnotations(validateOutcome())).toEqual([
      {
        level: 'error',
        message: 'risk_level must be one of LOW, MEDIUM, HIGH',
        file: 'coc-scripts/a.yaml',
        startLine: 4,
        startColumn: 13,
      },
      {
        level: 'warning',
        message: 'unknown <key> | pipe',
        file: 'coc-scripts/b.yaml',
        startLine: 2,
        startColumn: 1,
      },
    ]);
  });

  it('annotates blocked items and pending approvals as warnings', () => {
    const records = toAnnotations(planOutcome());
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: 'blocked: renamed_job',
        file: 'coc-scripts/renamed_job.yaml',
        startLine: 2,
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: 'pending approval: steady',
        message: 'Script steady (SC-STEADY-1) is PENDING_APPROVE in COC.',
      }),
    );
  });

  it('annotates failed items as errors with the API code', () => {
    const records = toAnnotations(applyOutcome());
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'delete failed: old_tmp',
        message: 'COC.00040602: Script is in use by a job (HTTP 400) while deleting old_tmp',
      }),
    );
  });

  it('scrubs sensitive values from messages', () => {
    const outcome = applyOutcome();
    const results = (outcome.results ?? []).map((r) =>
      r.outcome === 'failed' ? { ...r, error: { message: `bad value ${CANARY}` } } : r,
    );
    expect(JSON.stringify(toAnnotations({ ...outcome, results }))).not.toContain(CANARY);
  });
});
