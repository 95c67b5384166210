import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/server.js';
import { startTestEmulator } from '../support/emulator.js';
import { rawRequest } from './support.js';

/** Published vectors (docs/coc-api.md §9), verified by an emulator whose clock is their X-Sdk-Date. */
describe('published signing vectors', () => {
  const AK = 'HPUAEXAMPLEAK0000001';
  const SK = 'exampleSecretKey0123456789abcdefEXAMPLE0';
  const UUID = 'SC2023110211155901a700000';
  const SIGNED = 'content-type;host;x-language;x-project-id;x-sdk-date';
  const headers = {
    'Content-Type': 'application/json',
    'X-Project-Id': '0123456789abcdef0123456789abcdef',
    'X-Language': 'en-us',
    'X-Sdk-Date': '20251124T093000Z',
    Host: 'coc.myhuaweicloud.com',
  };
  const authorization = (signature: string, signed = SIGNED, ak = AK): string =>
    `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signed}, Signature=${signature}`;
  const body92 =
    '{"description":"Nightly backup / 夜间备份","content":"#!/bin/bash\\necho \\"${db_host}\\"\\n","properties":{"risk_level":"HIGH","version":"1.2.0","reviewers":[{"reviewer_name":"alice","reviewer_id":"1994a3ed905a47ad82c6000000000000"}],"protocol":"EMAIL"},"script_params":[{"param_name":"db_host","param_value":"db.internal","param_description":"database host","param_order":1,"sensitive":false},{"param_name":"db_password","param_value":"S3cret=+@x","param_description":"database password","param_order":2,"sensitive":true}]}';
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({
      now: () => Date.UTC(2025, 10, 24, 9, 30, 0),
      credentials: [
        { accessKey: AK, secretKey: SK },
        { accessKey: 'A', secretKey: 'S' },
        { accessKey: 'TEMPAK', secretKey: SK, securityToken: 'EXAMPLE-SECURITY-TOKEN' },
      ],
    });
  });
  beforeEach(() => {
    emulator.reset();
    emulator.seed([
      {
        name: 'backup_db',
        type: 'SHELL',
        description: 'd',
        content: 'c',
        script_uuid: UUID,
        properties: { risk_level: 'LOW', version: '1.0.0' },
      },
    ]);
  });
  afterAll(() => emulator.close());

  it('9.1 GET list with a non-ASCII name_like', async () => {
    const path =
      '/v1/job/scripts?limit=100&marker=6229&name_like=%E5%A4%87%E4%BB%BD_db&enterprise_project_id=0';
    const signature = 'b2163bd577a0588dcdf72132785444cc8477ef570b6f032c0c97d04932546683';
    const answer = await rawRequest(emulator.url, 'GET', path, {
      ...headers,
      Authorization: authorization(signature),
    });
    expect(answer.status).toBe(200);
    expect(emulator.requests()[0]).toMatchObject({
      authMethod: 'aksk',
      status: 200,
      query: { name_like: '备份_db' },
    });
  });

  it('9.2 PUT with the 525-byte JSON body', async () => {
    expect(Buffer.byteLength(body92)).toBe(525);
    const signature = 'b5b050a1a90c319f6c55cfe9ce27569fe2bc895c6403315411e178a8d0388075';
    const answer = await rawRequest(
      emulator.url,
      'PUT',
      `/v1/job/scripts/${UUID}`,
      { ...headers, Authorization: authorization(signature) },
      body92,
    );
    expect(answer).toEqual({ status: 200, body: `{"data":"${UUID}"}` });
    expect(emulator.scripts()[0]?.description).toBe('Nightly backup / 夜间备份');
  });

  it('9.2 with one body byte changed fails', async () => {
    const signature = 'b5b050a1a90c319f6c55cfe9ce27569fe2bc895c6403315411e178a8d0388075';
    const tampered = body92.replace('db.internal', 'db.externa');
    const answer = await rawRequest(
      emulator.url,
      'PUT',
      `/v1/job/scripts/${UUID}`,
      { ...headers, Authorization: authorization(signature) },
      tampered,
    );
    expect(answer.status).toBe(401);
    expect(emulator.scripts()[0]?.description).toBe('d');
  });

  it('9.3 DELETE', async () => {
    const signature = '17b78ce3c4517f29c29838713608f176672e5902dbb9034e1cc82cd2b6b41b11';
    const answer = await rawRequest(emulator.url, 'DELETE', `/v1/job/scripts/${UUID}`, {
      ...headers,
      Authorization: authorization(signature),
    });
    expect(answer.status).toBe(200);
    expect(emulator.scripts()).toEqual([]);
  });

  it.each([
    { name: 'with the security token', token: 'EXAMPLE-SECURITY-TOKEN', status: 200 },
    { name: 'with another security token', token: 'OTHER', status: 401 },
  ])('9.4 DELETE with temporary credentials $name → $status', async ({ token, status }) => {
    const signature = '94115629d787f42f400232db6cd8e01082431fb51448fe3d699a6c818fb57020';
    const signed = `${SIGNED};x-security-token`;
    // Access is not part of the signature: the example SK is known as temporary under TEMPAK.
    const answer = await rawRequest(emulator.url, 'DELETE', `/v1/job/scripts/${UUID}`, {
      ...headers,
      'X-Security-Token': token,
      Authorization: authorization(signature, signed, 'TEMPAK'),
    });
    expect(answer.status).toBe(status);
  });

  it('9.4 signature with a temporary AK but no X-Security-Token fails', async () => {
    const signature = '17b78ce3c4517f29c29838713608f176672e5902dbb9034e1cc82cd2b6b41b11';
    const answer = await rawRequest(emulator.url, 'DELETE', `/v1/job/scripts/${UUID}`, {
      ...headers,
      Authorization: authorization(signature, SIGNED, 'TEMPAK'),
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'APIGW.0301' });
  });

  it.each([
    {
      name: 'the vector signature passes auth (then fails on the missing limit)',
      signature: '42a2db1fde50cce580eaf59a411d41449f117f2e94ff43e9c6aa8b9b1d1a3f4f',
      status: 400,
    },
    {
      name: 'one changed hex digit fails',
      signature: '42a2db1fde50cce580eaf59a411d41449f117f2e94ff43e9c6aa8b9b1d1a3f4e',
      status: 401,
    },
    {
      name: 'upper-case hex of the right signature passes',
      signature: '42A2DB1FDE50CCE580EAF59A411D41449F117F2E94FF43E9C6AA8B9B1D1A3F4F',
      status: 400,
    },
  ])('9.5 minimal loopback vector: $name', async ({ signature, status }) => {
    const answer = await rawRequest(emulator.url, 'GET', '/v1/job/scripts', {
      Host: '127.0.0.1:8080',
      'X-Sdk-Date': '20251124T093000Z',
      Authorization: authorization(signature, 'host;x-sdk-date', 'A'),
    });
    expect(answer.status).toBe(status);
  });
});
