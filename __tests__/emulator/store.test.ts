import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import {
  anyNumber,
  call,
  createBody,
  dataOf,
  modifyBody,
  NO_REVIEW,
  param,
  createScript,
  seedScript,
} from './support.js';

const emulator = useEmulator();
const base = (): string => emulator.current.url;

const create = (overrides: Record<string, unknown> = {}): Promise<string> => createScript(base(), overrides);

describe('list', () => {
  it('answers the documented shape without content, description or params', async () => {
    emulator.current.seed([seedScript('a_one'), seedScript('b_two', { status: 'REJECTED' })]);
    const answer = await call(base(), 'GET', '/v1/job/scripts?limit=100');
    expect(answer.status).toBe(200);
    const data = dataOf(answer);
    expect(data['total']).toBe(2);
    const items = data['data'] as Record<string, unknown>[];
    expect(items.map((item) => item['name'])).toEqual(['b_two', 'a_one']);
    expect(items[0]).toMatchObject({ status: 'REJECTED', properties: { reviewers: [], protocol: null } });
    for (const item of items) {
      expect(item).not.toHaveProperty('content');
      expect(item).not.toHaveProperty('description');
      expect(item).not.toHaveProperty('script_params');
      expect(typeof item['id']).toBe('number');
    }
  });

  it('pages by the numeric id marker across more than 100 scripts, newest id first', async () => {
    const seeded = emulator.current.seed(
      Array.from({ length: 230 }, (_, i) => seedScript(`script_${String(i).padStart(3, '0')}`)),
    );
    const seen: number[] = [];
    let marker: number | undefined;
    for (let page = 0; page < 5; page++) {
      const query = marker === undefined ? 'limit=100' : `limit=100&marker=${marker}`;
      const items = dataOf(await call(base(), 'GET', `/v1/job/scripts?${query}`))['data'] as { id: number }[];
      if (items.length === 0) break;
      seen.push(...items.map((item) => item.id));
      marker = items.at(-1)?.id;
    }
    expect(seen).toHaveLength(230);
    expect(seen).toEqual(seeded.map((record) => record.id).sort((a, b) => b - a));
  });

  it.each([
    { name: 'name_like is a substring match', query: 'name_like=ack', expected: ['backup_db'] },
    { name: 'name_like ignores case', query: 'name_like=BACKUP', expected: ['backup_db'] },
    { name: 'type filters', query: 'type=PYTHON', expected: ['rotate_logs'] },
    { name: 'risk_level filters', query: 'risk_level=HIGH', expected: ['backup_db'] },
    { name: 'creator filters', query: 'creator=ops_bot', expected: ['rotate_logs'] },
    { name: 'enterprise_project_id filters', query: 'enterprise_project_id=7', expected: ['rotate_logs'] },
    {
      name: 'a CJK name_like matches',
      query: `name_like=${encodeURIComponent('备份')}`,
      expected: ['备份_db'],
    },
  ])('$name', async ({ query, expected }) => {
    emulator.current.seed([
      seedScript('backup_db', { properties: { risk_level: 'HIGH', version: '1.0.0' } }),
      seedScript('rotate_logs', { type: 'PYTHON', creator: 'ops_bot', enterprise_project_id: '7' }),
      seedScript('备份_db'),
    ]);
    const answer = await call(base(), 'GET', `/v1/job/scripts?limit=10&${query}`);
    const items = dataOf(answer)['data'] as { name: string }[];
    expect(items.map((item) => item.name)).toEqual(expected);
  });

  it.each([
    { name: 'a missing limit', query: '' },
    { name: 'limit 0', query: 'limit=0' },
    { name: 'limit 101', query: 'limit=101' },
    { name: 'a non-numeric marker', query: 'limit=10&marker=SC2023' },
    { name: 'name_like over 32 characters', query: `limit=10&name_like=${'a'.repeat(33)}` },
    { name: 'an unknown risk level', query: 'limit=10&risk_level=SEVERE' },
    { name: 'an unknown type', query: 'limit=10&type=PERL' },
  ])('rejects $name with 400 COC.00040601', async ({ query }) => {
    const answer = await call(base(), 'GET', `/v1/job/scripts?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json['error_code']).toBe('COC.00040601');
  });
});

describe('modify, delete and review', () => {
  it('applies a modify, keeps name and type, sets gmt_modified and re-enters review', async () => {
    const uuid = await create();
    expect(
      await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, { body: { status: 'APPROVED' } }),
    ).toMatchObject({
      status: 200,
      json: { data: true },
    });
    const body = modifyBody({ name: 'renamed', type: 'BAT', description: 'changed', content: 'echo 2' });
    const answer = await call(base(), 'PUT', `/v1/job/scripts/${uuid}`, { body });
    expect(answer.json).toEqual({ data: uuid });
    const [record] = emulator.current.scripts();
    expect(record).toMatchObject({
      name: 'backup_db',
      type: 'SHELL',
      description: 'changed',
      content: 'echo 2',
    });
    expect(record?.status).toBe('PENDING_APPROVE');
    expect(record?.gmt_modified).toEqual(anyNumber);
    expect(record?.operator).toBe('emulator_user');
  });

  it.each([
    { name: 'reviewers kept', properties: createBody()['properties'], status: 'PENDING_APPROVE' },
    { name: 'reviewers removed', properties: NO_REVIEW, status: 'APPROVED' },
    { name: 'properties omitted (old reviewers stay)', properties: undefined, status: 'PENDING_APPROVE' },
  ])('reviewer rule: $name → $status', async ({ properties, status }) => {
    const uuid = await create();
    await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, {
      body: { status: 'REJECTED', comments: 'no' },
    });
    const body = modifyBody({ properties });
    expect((await call(base(), 'PUT', `/v1/job/scripts/${uuid}`, { body })).status).toBe(200);
    expect(emulator.current.scripts()[0]?.status).toBe(status);
  });

  it.each([
    { name: 'omitted script_params keep the old list', params: undefined, expected: 2 },
    { name: 'null script_params keep the old list', params: null, expected: 2 },
    { name: 'an empty list clears them', params: [], expected: 0 },
    { name: 'a new list replaces them', params: [param('only', 'x')], expected: 1 },
  ])('$name', async ({ params, expected }) => {
    const uuid = await create();
    await call(base(), 'PUT', `/v1/job/scripts/${uuid}`, { body: modifyBody({ script_params: params }) });
    expect(emulator.current.scripts()[0]?.script_params).toHaveLength(expected);
  });

  it('answers 400 COC.00040604 when modifying an unknown script', async () => {
    const answer = await call(base(), 'PUT', '/v1/job/scripts/SC2023110211155901a700000', {
      body: modifyBody(),
    });
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'COC.00040604' } });
  });

  it('deletes a script once, then answers not found', async () => {
    const uuid = await create();
    expect((await call(base(), 'DELETE', `/v1/job/scripts/${uuid}`)).json).toEqual({ data: uuid });
    expect(emulator.current.scripts()).toEqual([]);
    const again = await call(base(), 'DELETE', `/v1/job/scripts/${uuid}`);
    expect(again).toMatchObject({ status: 400, json: { error_code: 'COC.00040604' } });
  });

  it.each([
    { name: 'approve', status: 'APPROVED' },
    { name: 'reject', status: 'REJECTED' },
  ])('$name moves a pending script to $status, and only once', async ({ status }) => {
    const uuid = await create();
    const first = await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, { body: { status } });
    expect(first).toMatchObject({ status: 200, json: { data: true } });
    expect(emulator.current.scripts()[0]?.status).toBe(status);
    const second = await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, { body: { status } });
    expect(second).toMatchObject({ status: 400, json: { error_code: 'COC.00040601' } });
  });

  it.each([
    { name: 'an approved script', properties: NO_REVIEW, body: { status: 'APPROVED' }, code: 'COC.00040601' },
    { name: 'an unknown status', properties: undefined, body: { status: 'DONE' }, code: 'COC.00040601' },
    {
      name: 'over-long comments',
      properties: undefined,
      body: { status: 'APPROVED', comments: 'c'.repeat(257) },
      code: 'COC.00040601',
    },
  ])('action on $name is rejected', async ({ properties, body, code }) => {
    const uuid = await create(properties ? { properties } : {});
    const answer = await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, { body });
    expect(answer).toMatchObject({ status: 400, json: { error_code: code } });
  });
});
