import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  collectSecrets,
  displayParamValue,
  redactDesiredScript,
  redactParam,
  scrubSecrets,
} from '../../src/report/redact.js';
import type { DefinitionParam } from '../../src/model.js';
import { CANARY, desired, planOutcome } from './sample-outcomes.js';

const literal = (value: string, sensitive: boolean): DefinitionParam => ({
  name: 'p',
  value: { source: 'literal', value },
  description: '',
  sensitive,
});

describe('redactParam / displayParamValue', () => {
  it.each([
    { name: 'plain literal stays', param: literal('v1', false), shown: 'v1' },
    { name: 'sensitive literal is replaced', param: literal('s3cret', true), shown: REDACTED },
  ])('$name', ({ param, shown }) => {
    expect(displayParamValue(param)).toBe(shown);
    expect(redactParam(param).value.value).toBe(shown);
  });

  it('keeps an unset env value unset and the variable name visible', () => {
    const param: DefinitionParam = {
      name: 'pw',
      value: { source: 'env', variable: 'PW', value: undefined },
      description: '',
      sensitive: true,
    };
    expect(redactParam(param).value).toEqual({ source: 'env', variable: 'PW', value: undefined });
  });

  it('redacts every sensitive value of a desired script and nothing else', () => {
    const redacted = redactDesiredScript(desired('a'));
    expect(JSON.stringify(redacted)).not.toContain(CANARY);
    expect(redacted.params.map((p) => p.value.value)).toEqual(['db.internal', REDACTED]);
    expect(redacted.params[1]?.value).toMatchObject({ variable: 'DB_PASSWORD' });
  });
});

describe('scrubSecrets', () => {
  it.each([
    { name: 'no secrets', text: 'abc', secrets: [], expected: 'abc' },
    {
      name: 'every occurrence',
      text: 'x=S3cr y=S3cr',
      secrets: ['S3cr'],
      expected: `x=${REDACTED} y=${REDACTED}`,
    },
    { name: 'too short to scrub from words', text: 'examples', secrets: ['x'], expected: 'examples' },
    { name: 'longest first', text: 'token-long', secrets: ['token', 'token-long'], expected: REDACTED },
    { name: 'empty secret ignored', text: 'abc', secrets: [''], expected: 'abc' },
  ])('$name', ({ text, secrets, expected }) => {
    expect(scrubSecrets(text, secrets)).toBe(expected);
  });

  it('collects the sensitive values of the plan', () => {
    expect(collectSecrets(planOutcome())).toEqual([CANARY]);
  });
});
