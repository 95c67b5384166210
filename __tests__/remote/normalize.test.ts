import { describe, expect, it } from 'vitest';
import type { ScriptDetail } from '../../src/coc/api.js';
import { SENSITIVE_MASK } from '../../src/model.js';
import { normalizeParam, normalizeScript } from '../../src/remote/normalize.js';
import { detail } from './fake-api.js';

describe('normalizeParam', () => {
  const param = { param_name: 'p', param_description: 'd', param_order: 1 };
  it.each([
    { name: 'mask on a sensitive param', value: SENSITIVE_MASK, sensitive: true, masked: true },
    { name: 'real value on a sensitive param', value: 'abc', sensitive: true, masked: false },
    {
      name: 'asterisks on a plain param are a value',
      value: SENSITIVE_MASK,
      sensitive: false,
      masked: false,
    },
    { name: '16 asterisks are not the mask', value: '*'.repeat(16), sensitive: true, masked: false },
  ])('$name', ({ value, sensitive, masked }) => {
    expect(normalizeParam({ ...param, param_value: value, sensitive })).toEqual({
      name: 'p',
      value,
      masked,
      description: 'd',
      sensitive,
    });
  });
});

describe('normalizeScript', () => {
  it('maps the documented detail, keeping CRLF and param order', () => {
    const wire: ScriptDetail = detail('SC1', 'backup_db', {
      content: 'a\r\nb\r\n',
      status: 'PENDING_APPROVE',
      properties: {
        risk_level: 'HIGH',
        version: '1.2.0',
        protocol: 'EMAIL',
        reviewers: [{ reviewer_name: 'alice', reviewer_id: 'id-a' }],
      },
      script_params: [
        { param_name: 'z', param_value: '1', param_description: '', param_order: 2, sensitive: false },
        {
          param_name: 'a',
          param_value: SENSITIVE_MASK,
          param_description: 'pw',
          param_order: 1,
          sensitive: true,
        },
      ],
    });
    expect(normalizeScript(wire)).toEqual({
      uuid: 'SC1',
      name: 'backup_db',
      type: 'SHELL',
      description: 'backup_db script',
      content: 'a\r\nb\r\n',
      status: 'PENDING_APPROVE',
      riskLevel: 'HIGH',
      version: '1.2.0',
      reviewers: [{ name: 'alice', id: 'id-a' }],
      protocol: 'EMAIL',
      params: [
        { name: 'z', value: '1', masked: false, description: '', sensitive: false },
        { name: 'a', value: SENSITIVE_MASK, masked: true, description: 'pw', sensitive: true },
      ],
      tags: [],
    });
  });

  it.each([
    { name: 'undefined protocol', protocol: undefined },
    { name: 'empty protocol', protocol: '' },
  ])('treats $name as unknown (write-only)', ({ protocol }) => {
    const wire = detail('SC1', 'x', {
      properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [], protocol },
    });
    expect(normalizeScript(wire).protocol).toBeUndefined();
  });
});
