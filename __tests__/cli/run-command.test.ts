import { describe, expect, it } from 'vitest';
import { outcomeJson } from '../../src/cli/run-command.js';
import { bareOutcome as outcome, countsPlan as plan } from '../report/sample-outcomes.js';

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
