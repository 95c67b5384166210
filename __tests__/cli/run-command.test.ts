import { describe, expect, it } from 'vitest';
import { outcomeJson } from '../../src/cli/run-command.js';
import type { Plan, RunOutcome } from '../../src/model.js';

const counts = { create: 0, update: 0, delete: 0, noop: 2, blocked: 0 };
const plan = (changes: Partial<Plan['counts']> = {}): Plan => ({
  items: [],
  counts: { ...counts, ...changes },
  hash: 'sha256:00',
  pendingApprovals: [],
});
const outcome = (mode: RunOutcome['mode'], extra: Partial<RunOutcome> = {}): RunOutcome => ({
  mode,
  target: { path: 'x' },
  files: 1,
  definitions: 1,
  diagnostics: [],
  notes: [],
  ...extra,
});

describe('outcomeJson', () => {
  it('is the plan file document in plan mode', () => {
    const document = JSON.parse(outcomeJson(outcome('plan', { plan: plan() }))) as { hash: string };
    expect(document.hash).toBe('sha256:00');
  });

  it('is an envelope in validate mode', () => {
    expect(JSON.parse(outcomeJson(outcome('validate')))).toEqual({
      mode: 'validate',
      failureReason: '',
      files: 1,
      definitions: 1,
      diagnostics: [],
      notes: [],
    });
  });
});
