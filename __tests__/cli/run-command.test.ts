import { describe, expect, it } from 'vitest';
import { exitCodeFor, outcomeJson } from '../../src/cli/run-command.js';
import type { Mode } from '../../src/config/config.js';
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

describe('exitCodeFor', () => {
  it.each<{ name: string; command: Mode; outcome: RunOutcome; code: number }>([
    { name: 'valid', command: 'validate', outcome: outcome('validate'), code: 0 },
    {
      name: 'invalid definitions',
      command: 'validate',
      outcome: outcome('validate', {
        failureReason: 'validation',
        diagnostics: [{ severity: 'error', message: 'x' }],
      }),
      code: 1,
    },
    { name: 'plan without changes', command: 'plan', outcome: outcome('plan', { plan: plan() }), code: 0 },
    {
      name: 'plan with an update',
      command: 'plan',
      outcome: outcome('plan', { plan: plan({ update: 1 }) }),
      code: 2,
    },
    {
      name: 'plan with a blocked item',
      command: 'plan',
      outcome: outcome('plan', { plan: plan({ blocked: 1 }) }),
      code: 2,
    },
    {
      name: 'plan with drift and fail-on-drift',
      command: 'plan',
      outcome: outcome('plan', { plan: plan({ delete: 1 }), failureReason: 'drift' }),
      code: 2,
    },
    { name: 'plan degraded to validate', command: 'plan', outcome: outcome('validate'), code: 1 },
    {
      name: 'plan that ended without a plan (no credentials)',
      command: 'plan',
      outcome: outcome('plan'),
      code: 1,
    },
    {
      name: 'plan auth failure',
      command: 'plan',
      outcome: outcome('plan', { failureReason: 'auth' }),
      code: 1,
    },
    {
      name: 'apply success',
      command: 'apply',
      outcome: outcome('apply', { plan: plan({ create: 1 }), results: [] }),
      code: 0,
    },
    {
      name: 'apply with a blocked item',
      command: 'apply',
      outcome: outcome('apply', { plan: plan({ blocked: 1 }) }),
      code: 1,
    },
    {
      name: 'apply refused by the delete guard',
      command: 'apply',
      outcome: outcome('apply', { plan: plan({ delete: 9 }), failureReason: 'delete-guard' }),
      code: 1,
    },
  ])('$name -> $code', ({ command, outcome: result, code }) => {
    expect(exitCodeFor(command, result)).toBe(code);
  });
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
