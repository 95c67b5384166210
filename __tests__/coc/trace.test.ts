import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/common/scrub.js';
import { redactBody, redactHeaders } from '../../src/coc/trace.js';

describe('redactHeaders', () => {
  it('replaces every credential header, any case', () => {
    const out = redactHeaders({
      Authorization: 'SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=ab',
      'X-Auth-Token': 'tok',
      'x-security-token': 'sec',
      'X-Subject-Token': 'subj',
      'X-Project-Id': 'p1',
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      'X-Auth-Token': REDACTED,
      'x-security-token': REDACTED,
      'X-Subject-Token': REDACTED,
      'X-Project-Id': 'p1',
    });
  });
});

describe('redactBody', () => {
  it.each([
    {
      name: 'sensitive param value',
      body: {
        script_params: [
          { param_name: 'a', param_value: 'CANARY-1', sensitive: true },
          { param_name: 'b', param_value: 'plain', sensitive: false },
        ],
      },
      hidden: ['CANARY-1'],
      kept: ['plain'],
    },
    {
      name: 'IAM password',
      body: { auth: { identity: { password: { user: { name: 'ci_user', password: 'CANARY-2' } } } } },
      hidden: ['CANARY-2'],
      kept: ['ci_user'],
    },
    {
      name: 'OIDC JWT',
      body: { auth: { id_token: { id: 'CANARY-3' }, scope: { project: { id: 'p' } } } },
      hidden: ['CANARY-3'],
      kept: ['"p"'],
    },
    {
      name: 'temporary keys',
      body: { credential: { access: 'AK', secret: 'CANARY-4', securitytoken: 'CANARY-5' } },
      hidden: ['CANARY-4', 'CANARY-5'],
      kept: ['AK'],
    },
  ])('$name', ({ body, hidden, kept }) => {
    const text = redactBody(JSON.stringify(body));
    for (const secret of hidden) expect(text).not.toContain(secret);
    for (const value of kept) expect(text).toContain(value);
  });

  it.each([
    { name: 'no body', body: undefined, expected: '(no body)' },
    { name: 'empty', body: '', expected: '(no body)' },
    { name: 'not JSON', body: 'password=CANARY', expected: '(15 bytes, not JSON)' },
  ])('$name', ({ body, expected }) => {
    expect(redactBody(body)).toBe(expected);
  });

  it('truncates long bodies', () => {
    const text = redactBody(JSON.stringify({ content: 'x'.repeat(10_000) }));
    expect(text.length).toBeLessThan(4100);
    expect(text.endsWith('(truncated)')).toBe(true);
  });
});
