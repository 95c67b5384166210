import { describe, expect, it } from 'vitest';
import type { CocApi, ScriptDetail } from '../../src/coc/api.js';
import { selectScripts } from '../../src/export/select.js';
import type { RemoteScriptSummary } from '../../src/model.js';
import { detail } from './fixtures.js';

/** An in-memory CocApi holding `scripts`; only the read calls work. */
function fakeApi(scripts: readonly ScriptDetail[]): CocApi & { gets: string[] } {
  const gets: string[] = [];
  const summaries: RemoteScriptSummary[] = scripts.map((script, index) => ({
    id: index + 1,
    uuid: script.script_uuid,
    name: script.name,
    type: script.type,
    status: script.status,
    tags: script.resource_tags,
  }));
  const refuse = () => Promise.reject(new Error('read-only fake'));
  return {
    gets,
    listPages: async function* () {
      yield await Promise.resolve(summaries);
    },
    listScripts: () => Promise.resolve(summaries),
    getScript: (uuid) => {
      gets.push(uuid);
      return Promise.resolve(scripts.find((script) => script.script_uuid === uuid));
    },
    createScript: refuse,
    modifyScript: refuse,
    updateTags: refuse,
    deleteScript: refuse,
    approveScript: refuse,
    stats: () => ({ requests: 0, retries: 0 }),
    close: () => Promise.resolve(),
  };
}

const scripts = [
  detail({ name: 'ops_b', script_uuid: 'U1' }),
  detail({ name: 'ops_a', script_uuid: 'U2' }),
  detail({ name: '备份', script_uuid: 'U3' }),
  detail({ name: 'Ops_c', script_uuid: 'U4' }),
];

describe('selectScripts', () => {
  it.each([
    {
      name: 'glob, case-sensitive, sorted by name',
      uuids: [],
      globs: ['ops_*'],
      expected: ['ops_a', 'ops_b'],
    },
    { name: 'CJK glob', uuids: [], globs: ['备*'], expected: ['备份'] },
    {
      name: 'uuid and glob overlap once',
      uuids: ['U1', 'U3'],
      globs: ['ops_b'],
      expected: ['ops_b', '备份'],
    },
    { name: 'uuids only', uuids: ['U4'], globs: [], expected: ['Ops_c'] },
  ])('$name', async ({ uuids, globs, expected }) => {
    const api = fakeApi(scripts);
    const selected = await selectScripts(api, { uuids, nameGlobs: globs }, 2);
    expect(selected.scripts.map((script) => script.name)).toEqual(expected);
    expect(new Set(api.gets).size).toBe(api.gets.length);
  });

  it('reports globs that matched nothing', async () => {
    const selected = await selectScripts(fakeApi(scripts), { uuids: [], nameGlobs: ['ops_a', 'zzz*'] }, 4);
    expect(selected.unmatchedGlobs).toEqual(['zzz*']);
  });

  it('fails on an unknown uuid', async () => {
    await expect(
      selectScripts(fakeApi(scripts), { uuids: ['U1', 'NOPE'], nameGlobs: [] }, 4),
    ).rejects.toThrow('no remote script has uuid NOPE; nothing was exported');
  });

  it('needs a selection', async () => {
    await expect(selectScripts(fakeApi(scripts), { uuids: [], nameGlobs: [] }, 4)).rejects.toThrow(
      /--uuid or --name-glob/,
    );
  });
});
