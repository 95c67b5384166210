/**
 * The tags API of the emulator over HTTP: tags in list items and details, the tags update with
 * replace semantics and the TMS rules, tags in the seed format, and the tags-failure fault.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { call, createScript, dataOf, seedScript } from './support.js';

const emulator = useEmulator();

const tagsPath = (uuid: string) => `/v1/script/coc:script/${uuid}/tags/update`;
const tag = (key: string, value = 'v') => ({ key, value });

async function listedTags(base: string, name: string): Promise<unknown> {
  const answer = await call(base, 'GET', '/v1/job/scripts?limit=100');
  const items = (dataOf(answer)['data'] as { name: string; resource_tags: unknown }[]) ?? [];
  return items.find((item) => item.name === name)?.resource_tags;
}

async function detailTags(base: string, uuid: string): Promise<unknown> {
  return dataOf(await call(base, 'GET', `/v1/job/scripts/${uuid}`))['resource_tags'];
}

describe('tags in reads and seeds', () => {
  it('lists and details carry resource_tags: [] for a new script, the seeded tags otherwise', async () => {
    const base = emulator.current.url;
    const fresh = await createScript(base);
    const [seeded] = emulator.current.seed([
      seedScript('tagged', {
        resource_tags: [tag('team', 'sre'), tag('managed-by-coc-script-sync', 'o/r:p')],
      }),
    ]);
    expect(await detailTags(base, fresh)).toEqual([]);
    expect(await listedTags(base, 'backup_db')).toEqual([]);
    const expected = [tag('team', 'sre'), tag('managed-by-coc-script-sync', 'o/r:p')];
    expect(await detailTags(base, seeded?.script_uuid ?? '')).toEqual(expected);
    expect(await listedTags(base, 'tagged')).toEqual(expected);
  });

  it('refuses seeds whose resource_tags are not {key, value} strings', async () => {
    const answer = await call(emulator.current.url, 'POST', '/_emulator/seed', {
      body: [{ ...seedScript('bad'), resource_tags: [{ key: 'team' }] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json['error']).toContain('resource_tags');
  });
});

describe('POST /v1/script/coc:script/{uuid}/tags/update', () => {
  it('replaces the whole set, [] and null remove every tag, and the review status stays', async () => {
    const base = emulator.current.url;
    const [script] = emulator.current.seed([
      seedScript('s', { status: 'PENDING_APPROVE', resource_tags: [tag('key', 'foo')] }),
    ]);
    const uuid = script?.script_uuid ?? '';
    const first = await call(base, 'POST', tagsPath(uuid), {
      body: { tags: [tag('key2', 'foo2'), tag('b', '')] },
    });
    expect(first.status).toBe(200);
    expect(await detailTags(base, uuid)).toEqual([tag('key2', 'foo2'), tag('b', '')]);
    expect(emulator.current.scripts()[0]?.status).toBe('PENDING_APPROVE');
    expect((await call(base, 'POST', tagsPath(uuid), { body: { tags: [] } })).status).toBe(200);
    expect(await detailTags(base, uuid)).toEqual([]);
    await call(base, 'POST', tagsPath(uuid), { body: { tags: [tag('x')] } });
    expect((await call(base, 'POST', tagsPath(uuid), { body: { tags: null } })).status).toBe(200);
    expect(await detailTags(base, uuid)).toEqual([]);
  });

  it.each([
    { name: 'letters of any script, digits, space and _.:=+-@', tags: [tag('équipe Ω_1.a:b=c+d-e@f', 'x')] },
    { name: 'a / in a value', tags: [tag('path', 'ops/db:1')] },
    { name: '128-character key, 255-character value', tags: [tag('k'.repeat(128), 'v'.repeat(255))] },
    { name: 'twenty tags', tags: Array.from({ length: 20 }, (_, i) => tag(`k${i}`)) },
    { name: 'a value left out (read as "")', tags: [{ key: 'flag' }] },
  ])('accepts $name', async ({ tags }) => {
    const uuid = await createScript(emulator.current.url);
    const answer = await call(emulator.current.url, 'POST', tagsPath(uuid), { body: { tags } });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  });

  it.each([
    { name: 'more than 20 tags', tags: Array.from({ length: 21 }, (_, i) => tag(`k${i}`)), field: 'tags' },
    { name: 'an empty key', tags: [tag('')], field: 'tags[0].key' },
    { name: 'a 129-character key', tags: [tag('k'.repeat(129))], field: 'tags[0].key' },
    { name: 'a _sys_ key', tags: [tag('_sys_x')], field: 'tags[0].key' },
    { name: 'a key with a leading space', tags: [tag(' team')], field: 'tags[0].key' },
    { name: 'a / in a key', tags: [tag('a/b')], field: 'tags[0].key' },
    { name: 'a # in a value', tags: [tag('team', 'a#b')], field: 'tags[0].value' },
    { name: 'a 256-character value', tags: [tag('team', 'v'.repeat(256))], field: 'tags[0].value' },
    { name: 'a duplicate key', tags: [tag('a'), tag('a')], field: 'tags[1].key' },
    { name: 'a number as value', tags: [{ key: 'n', value: 1 }], field: 'tags[0].value' },
    { name: 'tags that are not a list', tags: { team: 'sre' }, field: 'tags' },
  ])('refuses $name with 400 COC.00040601 naming $field, and keeps the old tags', async ({ tags, field }) => {
    const [script] = emulator.current.seed([seedScript('s', { resource_tags: [tag('keep', 'me')] })]);
    const uuid = script?.script_uuid ?? '';
    const answer = await call(emulator.current.url, 'POST', tagsPath(uuid), { body: { tags } });
    expect(answer.status).toBe(400);
    expect(answer.json['error_code']).toBe('COC.00040601');
    expect(answer.json['error_msg']).toContain(`${field}:`);
    expect(await detailTags(emulator.current.url, uuid)).toEqual([tag('keep', 'me')]);
  });

  it('answers an unknown script as not found, a missing body as invalid, GET as no such API', async () => {
    const base = emulator.current.url;
    const missing = await call(base, 'POST', tagsPath('SC20250101000000abcdef012'), { body: { tags: [] } });
    expect([missing.status, missing.json['error_code']]).toEqual([400, 'COC.00040604']);
    const uuid = await createScript(base);
    const noTags = await call(base, 'POST', tagsPath(uuid), { body: {} });
    expect([noTags.status, noTags.json['error_code']]).toEqual([400, 'COC.00040601']);
    expect((await call(base, 'GET', tagsPath(uuid))).status).toBe(404);
    expect((await call(base, 'POST', tagsPath(uuid), { body: { tags: [] }, token: null })).status).toBe(401);
  });

  it('fails the next N tags updates with COC.00040701 under failTagsUpdates, acting on nothing', async () => {
    const base = emulator.current.url;
    const uuid = await createScript(base);
    emulator.current.setFaults({ failTagsUpdates: 1 });
    const failed = await call(base, 'POST', tagsPath(uuid), { body: { tags: [tag('a')] } });
    expect([failed.status, failed.json['error_code']]).toEqual([400, 'COC.00040701']);
    expect(await detailTags(base, uuid)).toEqual([]);
    expect(emulator.current.faults().failTagsUpdates).toBe(0);
    expect((await call(base, 'POST', tagsPath(uuid), { body: { tags: [tag('a')] } })).status).toBe(200);
    const logged = emulator.current.requests().filter((r) => r.path === tagsPath(uuid));
    expect(logged.map((r) => [r.status, r.fault])).toEqual([
      [400, 'tags-failure'],
      [200, undefined],
    ]);
  });
});
