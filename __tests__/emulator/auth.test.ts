import { describe, expect, it } from 'vitest';
import { parseSdkDateMs } from '../../emulator/auth.js';
import { EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, useEmulator } from '../support/emulator.js';
import { call, containing, createBody, matching, testSign } from './support.js';

describe('live requests', () => {
  const emulator = useEmulator();
  const AGE_MINUTES = 60_000;

  async function signedCall(
    method: string,
    path: string,
    options: { body?: string; ageMs?: number; sk?: string; ak?: string } = {},
  ) {
    const url = `${emulator.current.url}${path}`;
    const headers = testSign({
      method,
      url,
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': '0123456789abcdef0123456789abcdef' },
      body: options.body ?? '',
      accessKey: options.ak ?? EMULATOR_ACCESS_KEY,
      secretKey: options.sk ?? EMULATOR_SECRET_KEY,
      date: new Date(Date.now() - (options.ageMs ?? 0)),
    });
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = options.body;
    const response = await fetch(url, init);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('accepts a signed create and logs the auth method', async () => {
    const answer = await signedCall('POST', '/v1/job/scripts', { body: JSON.stringify(createBody()) });
    expect(answer.status).toBe(200);
    expect(emulator.current.requests()).toMatchObject([{ method: 'POST', authMethod: 'aksk', status: 200 }]);
  });

  it.each([
    { name: 'a wrong secret key', options: { sk: 'wrong' }, code: 'APIGW.0301' },
    { name: 'an unknown access key', options: { ak: 'NOSUCHAK' }, code: 'APIGW.0301' },
    { name: 'a date 16 minutes old', options: { ageMs: 16 * AGE_MINUTES }, code: 'APIGW.0303' },
    { name: 'a date 16 minutes ahead', options: { ageMs: -16 * AGE_MINUTES }, code: 'APIGW.0303' },
  ])('rejects $name with 401 $code', async ({ options, code }) => {
    const answer = await signedCall('GET', '/v1/job/scripts?limit=1', options);
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({
      error_code: code,
      request_id: matching(/^[0-9a-f]{32}$/),
    });
    expect(emulator.current.requests()[0]?.authMethod).toBe('aksk');
  });

  it.each([
    {
      name: 'a non-ASCII query',
      method: 'GET',
      path: `/v1/job/scripts?name_like=${encodeURIComponent('备份 db')}&limit=5`,
      body: undefined,
    },
    {
      name: 'a CJK JSON body',
      method: 'POST',
      path: '/v1/job/scripts',
      body: JSON.stringify(createBody({ name: '备份_db', description: '夜间备份' })),
    },
  ])('accepts a signature over $name', async ({ method, path, body }) => {
    const answer = await signedCall(method, path, body === undefined ? {} : { body });
    expect(answer.status).toBe(200);
  });

  it('accepts a date 14 minutes old', async () => {
    expect((await signedCall('GET', '/v1/job/scripts?limit=1', { ageMs: 14 * AGE_MINUTES })).status).toBe(
      200,
    );
  });

  it.each([
    { name: 'host is not signed', signed: 'x-sdk-date' },
    { name: 'x-sdk-date is not signed', signed: 'host' },
    { name: 'a signed header is missing', signed: 'host;x-project-id;x-sdk-date' },
  ])('rejects a signature where $name', async ({ signed }) => {
    const answer = await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=1', {
      token: null,
      headers: {
        'X-Sdk-Date': '20251124T093000Z',
        Authorization: `SDK-HMAC-SHA256 Access=${EMULATOR_ACCESS_KEY}, SignedHeaders=${signed}, Signature=${'0'.repeat(64)}`,
      },
    });
    expect(answer).toMatchObject({ status: 401, json: { error_code: 'APIGW.0301' } });
  });

  it.each([
    { name: 'no credentials at all', token: null, headers: {} },
    { name: 'an unknown token', token: 'nope', headers: {} },
    { name: 'a malformed Authorization header', token: null, headers: { Authorization: 'Bearer abc' } },
  ])('rejects $name with 401 APIGW.0301 and a request_id', async ({ token, headers }) => {
    const answer = await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=1', { token, headers });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({
      error_code: 'APIGW.0301',
      error_msg: containing('Incorrect IAM authentication information'),
      request_id: answer.headers.get('x-request-id'),
    });
  });

  it('accepts the configured token and logs it', async () => {
    expect((await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=1')).status).toBe(200);
    expect(emulator.current.requests()).toMatchObject([{ authMethod: 'token', status: 200 }]);
  });
});

describe('parseSdkDateMs', () => {
  it.each([
    { value: '20251124T093000Z', ms: Date.UTC(2025, 10, 24, 9, 30, 0) },
    { value: '20251324T093000Z', ms: undefined },
    { value: '2025-11-24T09:30:00Z', ms: undefined },
    { value: '20251124T093000', ms: undefined },
  ])('$value → $ms', ({ value, ms }) => {
    expect(parseSdkDateMs(value)).toBe(ms);
  });
});

describe('testSign (the tests’ own signer)', () => {
  it('reproduces the minimal vector of docs/coc-api.md §9.5', () => {
    const headers = testSign({
      method: 'GET',
      url: 'http://127.0.0.1:8080/v1/job/scripts',
      headers: {},
      body: '',
      accessKey: 'A',
      secretKey: 'S',
      date: new Date(Date.UTC(2025, 10, 24, 9, 30, 0)),
    });
    expect(headers['Authorization']).toBe(
      'SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-sdk-date, Signature=42a2db1fde50cce580eaf59a411d41449f117f2e94ff43e9c6aa8b9b1d1a3f4f',
    );
  });
});
