import { describe, expect, it } from 'vitest';
import { hasCredentials, resolveCredentials } from '../../src/auth/credentials.js';
import { SyncError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/log.js';
import type { AuthInputs, Config } from '../../src/config/config.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';
import { makeConfig } from '../coc/fixtures.js';

/**
 * SDK variables are folded into Config by parseConfig, the one place that reads them: cases with
 * an environment go through it; the others give the credential material directly.
 */
function configOf(auth: AuthInputs, env: Record<string, string>): Config {
  if (Object.keys(env).length === 0) return makeConfig({ auth });
  return parseConfig(rawInputsFrom({ mode: 'plan', path: '.' }, env));
}

describe('resolveCredentials', () => {
  it.each([
    {
      name: 'token',
      auth: { authToken: 'TOK' },
      env: {},
      expected: { method: 'token', token: 'TOK' },
      masked: ['TOK'],
    },
    {
      name: 'AK/SK',
      auth: { accessKey: 'AK', secretKey: 'SK' },
      env: {},
      expected: { method: 'aksk', accessKey: 'AK', secretKey: 'SK' },
      masked: ['SK'],
    },
    {
      name: 'temporary AK/SK',
      auth: { accessKey: 'AK', secretKey: 'SK', securityToken: 'ST' },
      env: {},
      expected: { method: 'aksk', accessKey: 'AK', secretKey: 'SK', securityToken: 'ST' },
      masked: ['SK', 'ST'],
    },
    {
      name: 'AK/SK from SDK variables',
      auth: {},
      env: { HUAWEICLOUD_SDK_AK: 'EAK', HUAWEICLOUD_SDK_SK: 'ESK', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'EST' },
      expected: { method: 'aksk', accessKey: 'EAK', secretKey: 'ESK', securityToken: 'EST' },
      masked: ['ESK', 'EST'],
    },
    {
      name: 'password',
      auth: { iamUsername: 'u', iamPassword: ' p w ', iamDomainName: 'd' },
      env: {},
      expected: { method: 'password', username: 'u', password: ' p w ', domainName: 'd' },
      masked: [' p w '],
    },
    {
      name: 'OIDC',
      auth: { idpId: 'idp', oidcAudience: 'aud' },
      env: {},
      expected: { method: 'oidc', idpId: 'idp', audience: 'aud' },
      masked: [],
    },
    {
      name: 'OIDC from SDK variables with a token file',
      auth: {},
      env: { HUAWEICLOUD_SDK_IDP_ID: 'idp', HUAWEICLOUD_SDK_ID_TOKEN_FILE: '/tmp/jwt' },
      expected: { method: 'oidc', idpId: 'idp', idTokenFile: '/tmp/jwt' },
      masked: [],
    },
  ])('$name', ({ auth, env, expected, masked }) => {
    const logger = createSilentLogger();
    expect(resolveCredentials(configOf(auth, env), logger)).toEqual(expected);
    expect(logger.secrets.values()).toEqual(masked);
  });

  it.each([
    {
      name: 'nothing',
      auth: {},
      text: /No credentials: plan needs one of the inputs `auth-token`.*secret names/,
    },
    {
      name: 'token and AK/SK',
      auth: { authToken: 'T', accessKey: 'A', secretKey: 'S' },
      text: /Several authentication methods are set \(token, aksk\)/,
    },
    {
      name: 'password and OIDC',
      auth: { iamUsername: 'u', iamPassword: 'p', iamDomainName: 'd', idpId: 'i' },
      text: /\(password, oidc\)/,
    },
    {
      name: 'AK without SK',
      auth: { accessKey: 'A' },
      text: /Incomplete AK\/SK credentials: set `secret-key`/,
    },
    { name: 'security token alone', auth: { securityToken: 'S' }, text: /set `access-key` and `secret-key`/ },
    {
      name: 'password without domain',
      auth: { iamUsername: 'u', iamPassword: 'p' },
      text: /set `iam-domain-name`/,
    },
  ])('$name → auth error', ({ auth, text }) => {
    const logger = createSilentLogger();
    let caught: unknown;
    try {
      resolveCredentials(makeConfig({ auth }), logger);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SyncError);
    expect((caught as SyncError).reason).toBe('auth');
    expect((caught as SyncError).message).toMatch(text);
  });

  it('masks secrets even when the configuration is rejected', () => {
    const logger = createSilentLogger();
    expect(() =>
      resolveCredentials(makeConfig({ auth: { authToken: 'T1', secretKey: 'S1' } }), logger),
    ).toThrow(SyncError);
    expect(logger.secrets.values()).toEqual(['T1', 'S1']);
  });
});

describe('hasCredentials', () => {
  it.each([
    { name: 'nothing (fork PR)', auth: {}, env: {}, idToken: false, expected: false },
    { name: 'token', auth: { authToken: 'T' }, env: {}, idToken: false, expected: true },
    {
      name: 'half AK/SK still counts (to report it)',
      auth: { accessKey: 'A' },
      env: {},
      idToken: false,
      expected: true,
    },
    {
      name: 'OIDC without id-token permission',
      auth: { idpId: 'i' },
      env: {},
      idToken: false,
      expected: false,
    },
    {
      name: 'OIDC on a runner (token source passed in)',
      auth: { idpId: 'i' },
      env: {},
      idToken: true,
      expected: true,
    },
    {
      name: 'OIDC with a token file',
      auth: { idpId: 'i', idTokenFile: '/f' },
      env: {},
      idToken: false,
      expected: true,
    },
    {
      name: 'SDK AK/SK variables',
      auth: {},
      env: { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: 'S' },
      idToken: false,
      expected: true,
    },
  ])('$name → $expected', ({ auth, env, idToken, expected }) => {
    expect(hasCredentials(configOf(auth, env), idToken)).toBe(expected);
  });
});
