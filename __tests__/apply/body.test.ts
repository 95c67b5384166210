import { describe, expect, it } from 'vitest';
import { toCreateBody, toModifyBody } from '../../src/apply/body.js';
import type { DesiredScript } from '../../src/model.js';
import { envParam, literalParam } from '../plan/builders.js';

const desired: DesiredScript = {
  name: 'backup_db',
  type: 'SHELL',
  description: 'Nightly',
  content: 'a\r\nb\r\n',
  riskLevel: 'HIGH',
  version: '1.2.0',
  reviewers: [{ name: 'alice', id: 'id-a' }],
  protocol: 'EMAIL',
  params: [literalParam('host', 'db', { description: 'h' }), envParam('pw', 'PW', 'secret-1')],
};

describe('toModifyBody', () => {
  it('sends the complete state with 1-based param_order, never name or type', () => {
    const body = toModifyBody(desired);
    expect(body).toEqual({
      description: 'Nightly',
      content: 'a\r\nb\r\n',
      properties: {
        risk_level: 'HIGH',
        version: '1.2.0',
        reviewers: [{ reviewer_name: 'alice', reviewer_id: 'id-a' }],
        protocol: 'EMAIL',
      },
      script_params: [
        { param_name: 'host', param_value: 'db', param_description: 'h', param_order: 1, sensitive: false },
        { param_name: 'pw', param_value: 'secret-1', param_description: '', param_order: 2, sensitive: true },
      ],
    });
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('type');
  });

  it('leaves an unknown protocol out and sends reviewers [] as []', () => {
    const { protocol: _protocol, ...rest } = desired;
    const body = toModifyBody({ ...rest, reviewers: [] });
    expect('protocol' in body.properties).toBe(false);
    expect(body.properties.reviewers).toEqual([]);
  });

  it('refuses to send a param whose env value is unset', () => {
    expect(() => toModifyBody({ ...desired, params: [envParam('pw', 'PW', undefined)] })).toThrow(
      '`PW` is not set',
    );
  });
});

describe('toCreateBody', () => {
  it('adds name, type and the enterprise project id', () => {
    const body = toCreateBody(desired, '0');
    expect(body).toMatchObject({
      name: 'backup_db',
      type: 'SHELL',
      enterprise_project_id: '0',
      description: 'Nightly',
    });
    expect(body.script_params).toHaveLength(2);
  });
});
