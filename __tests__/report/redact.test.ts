import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/common/scrub.js';
import {
  collectSecrets,
  displayParamValue,
  redactDesiredScript,
  redactParam,
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

describe('collectSecrets', () => {
  it('collects the sensitive values of the plan', () => {
    expect(collectSecrets(planOutcome())).toEqual([CANARY]);
  });
});
