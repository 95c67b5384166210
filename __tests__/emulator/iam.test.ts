import { describe, expect, it } from 'vitest';
import { jwtPayload } from '../../emulator/iam.js';
import { EMULATOR_IDP, EMULATOR_USER, startTestEmulator, useEmulator } from '../support/emulator.js';
import { anyString, call, createBody, matching } from './support.js';

const emulator = useEmulator();
const base = (): string => emulator.current.url;

function passwordBody(
  overrides: { name?: string; password?: string; domain?: string; scope?: unknown } = {},
) {
  const user = {
    name: overrides.name ?? EMULATOR_USER.name,
    password: overrides.password ?? EMULATOR_USER.password,
    domain: { name: overrides.domain ?? EMULATOR_USER.domain },
  };
  const scope = overrides.scope ?? { project: { name: 'cn-north-4' } };
  return { auth: { identity: { methods: ['password'], password: { user } }, scope } };
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

function idTokenCall(token: string, idp = EMULATOR_IDP.id, scope?: unknown) {
  const auth = scope === undefined ? { id_token: { id: token } } : { id_token: { id: token }, scope };
  return call(base(), 'POST', '/v3.0/OS-AUTH/id-token/tokens', {
    token: null,
    headers: { 'X-Idp-Id': idp, 'Content-Type': 'application/json;charset=UTF-8' },
    body: { auth },
  });
}

describe('password token', () => {
  it('issues a token in X-Subject-Token that the COC routes accept', async () => {
    const answer = await call(base(), 'POST', '/v3/auth/tokens?nocatalog=true', {
      token: null,
      body: passwordBody(),
    });
    expect(answer.status).toBe(201);
    const token = answer.headers.get('x-subject-token') ?? '';
    expect(token.length).toBeGreaterThan(500);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
    const body = answer.json['token'] as Record<string, unknown>;
    expect(body['expires_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(body).toMatchObject({
      methods: ['password'],
      user: { name: 'ci_user' },
      project: { id: matching(/^[0-9a-f]{32}$/), name: 'cn-north-4' },
    });
    expect((await call(base(), 'POST', '/v1/job/scripts', { token, body: createBody() })).status).toBe(200);
    expect(emulator.current.scripts()[0]?.creator).toBe('ci_user');
    expect(emulator.current.requests().map((r) => [r.path, r.status, r.authMethod])).toEqual([
      ['/v3/auth/tokens', 201, undefined],
      ['/v1/job/scripts', 200, 'token'],
    ]);
  });

  it('uses the scoped project id when one is given', async () => {
    const scope = { project: { id: 'fedcba9876543210fedcba9876543210' } };
    const answer = await call(base(), 'POST', '/v3/auth/tokens', {
      token: null,
      body: passwordBody({ scope }),
    });
    expect(answer.json).toMatchObject({ token: { project: { id: 'fedcba9876543210fedcba9876543210' } } });
  });

  it.each([
    { name: 'a wrong password', body: passwordBody({ password: 'nope' }), status: 401 },
    { name: 'an unknown user', body: passwordBody({ name: 'mallory' }), status: 401 },
    { name: 'a wrong domain', body: passwordBody({ domain: 'other' }), status: 401 },
    { name: 'no password method', body: { auth: { identity: { methods: ['token'] } } }, status: 400 },
  ])('answers $name with $status and IAM error JSON', async ({ body, status }) => {
    const answer = await call(base(), 'POST', '/v3/auth/tokens', { token: null, body });
    expect(answer.status).toBe(status);
    expect(answer.json).toEqual({
      error: { code: status, title: anyString, message: anyString },
    });
    expect(answer.headers.get('x-subject-token')).toBeNull();
  });

  it('stops accepting an issued token after 24 hours', async () => {
    let now = Date.UTC(2025, 10, 24, 9, 30, 0);
    const other = await startTestEmulator({ now: () => now });
    try {
      const issued = await call(other.url, 'POST', '/v3/auth/tokens', { token: null, body: passwordBody() });
      const token = issued.headers.get('x-subject-token') ?? '';
      expect(issued.json).toMatchObject({ token: { expires_at: '2025-11-25T09:30:00.000000Z' } });
      expect((await call(other.url, 'GET', '/v1/job/scripts?limit=1', { token })).status).toBe(200);
      now += 24 * 3600 * 1000;
      expect((await call(other.url, 'GET', '/v1/job/scripts?limit=1', { token })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('OIDC id-token exchange', () => {
  it('exchanges a JWT with the right audience for a token the COC routes accept', async () => {
    const scope = { project: { id: '0123456789abcdef0123456789abcdef' } };
    const answer = await idTokenCall(
      jwt({ aud: 'coc-script-sync', exp: inAnHour(), sub: 'repo:o/r:ref:refs/heads/main' }),
      EMULATOR_IDP.id,
      scope,
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      token: {
        expires_at: anyString,
        methods: ['mapped'],
        project: { id: '0123456789abcdef0123456789abcdef' },
        user: { 'OS-FEDERATION': { identity_provider: { id: 'github-idp' }, protocol: { id: 'oidc' } } },
      },
    });
    const token = answer.headers.get('x-subject-token') ?? '';
    expect((await call(base(), 'GET', '/v1/job/scripts?limit=5', { token })).status).toBe(200);
  });

  it('accepts an audience list that contains the audience', async () => {
    const answer = await idTokenCall(jwt({ aud: ['other', 'coc-script-sync'], exp: inAnHour() }));
    expect(answer.status).toBe(201);
  });

  it.each([
    {
      name: 'a foreign audience',
      token: () => jwt({ aud: 'sts.amazonaws.com', exp: inAnHour() }),
      idp: 'github-idp',
      status: 401,
    },
    {
      name: 'an expired token',
      token: () => jwt({ aud: 'coc-script-sync', exp: Math.floor(Date.now() / 1000) - 1 }),
      idp: 'github-idp',
      status: 401,
    },
    { name: 'no exp claim', token: () => jwt({ aud: 'coc-script-sync' }), idp: 'github-idp', status: 401 },
    {
      name: 'an unknown identity provider',
      token: () => jwt({ aud: 'coc-script-sync', exp: inAnHour() }),
      idp: 'nope',
      status: 400,
    },
    { name: 'a value that is not a JWT', token: () => 'not.a-jwt', idp: 'github-idp', status: 400 },
  ])('rejects $name with $status', async ({ token, idp, status }) => {
    const answer = await idTokenCall(token(), idp);
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ error: { code: status } });
  });
});

describe('jwtPayload', () => {
  it.each([
    { name: 'a well-formed token', token: jwt({ aud: 'x' }), payload: { aud: 'x' } },
    { name: 'two parts', token: 'a.b', payload: undefined },
    { name: 'a payload that is not JSON', token: 'a.bm90IGpzb24.c', payload: undefined },
  ])('decodes $name', ({ token, payload }) => {
    expect(jwtPayload(token)).toEqual(payload);
  });
});
