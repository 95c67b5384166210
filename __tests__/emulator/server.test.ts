import { describe, expect, it } from 'vitest';
import { startTestEmulator, useEmulator } from '../support/emulator.js';
import { MASK } from '../../emulator/views.js';
import {
  anyString,
  call,
  createBody,
  dataOf,
  NO_REVIEW,
  param,
  createScript,
  seedScript,
} from './support.js';

const emulator = useEmulator();
const base = (): string => emulator.current.url;

const create = (overrides: Record<string, unknown> = {}): Promise<string> => createScript(base(), overrides);

describe('create and get', () => {
  it('creates a script with a new uuid and answers the detail with masked sensitive values', async () => {
    const uuid = await create();
    expect(uuid).toMatch(/^SC\d{14}[0-9a-f]{9}$/);
    const answer = await call(base(), 'GET', `/v1/job/scripts/${uuid}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const data = dataOf(answer);
    expect(data).toMatchObject({
      script_uuid: uuid,
      name: 'backup_db',
      version: '1.2.0',
      type: 'SHELL',
      status: 'PENDING_APPROVE',
      enterprise_project_id: '0',
      operator: null,
      gmt_modified: null,
      properties: { risk_level: 'HIGH', version: '1.2.0', protocol: 'EMAIL' },
    });
    expect(data['script_params']).toEqual([
      param('db_host', 'db.internal', false, 1),
      { ...param('db_password', 'x', true, 2), param_value: MASK },
    ]);
    expect(MASK).toBe('*'.repeat(17));
    expect(emulator.current.scripts()[0]?.script_params[1]?.param_value).toBe('S3cret=+@x');
  });

  it.each([
    { name: 'without reviewers', properties: NO_REVIEW, status: 'APPROVED' },
    { name: 'with an empty reviewer list', properties: { ...NO_REVIEW, reviewers: [] }, status: 'APPROVED' },
    { name: 'with reviewers', properties: createBody()['properties'], status: 'PENDING_APPROVE' },
  ])('status after create $name is $status', async ({ properties, status }) => {
    await create({ properties });
    expect(emulator.current.scripts()[0]?.status).toBe(status);
  });

  it('rejects a second script with the same name', async () => {
    await create();
    const answer = await call(base(), 'POST', '/v1/job/scripts', { body: createBody() });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error_code: 'COC.00040601',
      error_msg: 'Exist script with same name: backup_db',
    });
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('accepts the number 0 as enterprise_project_id and stores "0"', async () => {
    await create({ enterprise_project_id: 0 });
    expect(emulator.current.scripts()[0]?.enterprise_project_id).toBe('0');
  });

  it.each([
    { name: 'an unknown uuid', uuid: 'SC2023110211155901a700000', code: 'COC.00040604' },
    { name: 'a malformed uuid', uuid: 'not-a-uuid', code: 'COC.00040601' },
  ])('GET and DELETE of $name answer 400 $code', async ({ uuid, code }) => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await call(base(), method, `/v1/job/scripts/${uuid}`);
      expect(answer.status).toBe(400);
      expect(answer.json['error_code']).toBe(code);
    }
  });

  it('leaves protocol out of GET and list answers when omitProtocol is set', async () => {
    const other = await startTestEmulator({ omitProtocol: true });
    try {
      const [record] = other.seed([seedScript('quiet', { properties: { ...NO_REVIEW, protocol: 'EMAIL' } })]);
      const detail = await call(other.url, 'GET', `/v1/job/scripts/${record?.script_uuid ?? ''}`);
      expect(dataOf(detail)['properties']).toEqual({ ...NO_REVIEW, reviewers: [] });
      const list = await call(other.url, 'GET', '/v1/job/scripts?limit=10');
      const items = dataOf(list)['data'] as Record<string, unknown>[];
      expect(items[0]?.['properties']).not.toHaveProperty('protocol');
    } finally {
      await other.close();
    }
  });
});

describe('gateway', () => {
  it.each([
    { method: 'GET', path: '/v1/job/other' },
    { method: 'PATCH', path: '/v1/job/scripts/SC1' },
    { method: 'GET', path: '/v1/job/scripts/SC1/action' },
    { method: 'POST', path: '/v1/job/scripts/SC1/unknown' },
    { method: 'GET', path: '/' },
  ])('$method $path → 404 APIGW.0101 with request_id', async ({ method, path }) => {
    const answer = await call(base(), method, path);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({
      error_code: 'APIGW.0101',
      error_msg: anyString,
      request_id: answer.headers.get('x-request-id'),
    });
  });

  it('answers a malformed JSON body with 400 COC.00040601', async () => {
    const answer = await call(base(), 'POST', '/v1/job/scripts', { body: '{"name":' });
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'COC.00040601' } });
  });
});
