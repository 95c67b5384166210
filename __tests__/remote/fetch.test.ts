import { describe, expect, it } from 'vitest';
import { CocApiError } from '../../src/coc/errors.js';
import { fetchRemoteState } from '../../src/remote/fetch.js';
import { absentDef, presentDef } from '../plan/builders.js';
import { createFakeApi, detail } from './fake-api.js';

const scripts = [
  detail('SC1', 'alpha'),
  detail('SC2', 'beta'),
  detail('SC3', 'ops_old'),
  detail('SC4', 'unrelated'),
  detail('SC5', 'gamma'),
];

describe('fetchRemoteState', () => {
  it('hands each script to onScript as its GET is answered, missing ones not', async () => {
    const api = createFakeApi(scripts);
    const seen: string[] = [];
    const state = await fetchRemoteState(api, [presentDef('alpha'), absentDef('x', 'SC_GONE')], {
      prune: [],
      onScript: (script) => seen.push(script.uuid),
    });
    expect(seen).toEqual(['SC1']);
    expect([...state.byUuid.values()].map((script) => script.uuid)).toEqual(seen);
  });

  it('GETs only the bound uuids and lists nothing when every definition has a uuid and prune is unset', async () => {
    const api = createFakeApi(scripts);
    const state = await fetchRemoteState(
      api,
      [presentDef('alpha', { uuid: 'SC1' }), absentDef('x', 'SC_GONE')],
      {
        prune: [],
      },
    );
    expect(api.calls.map((c) => `${c.op}:${c.arg}`).sort()).toEqual(['get:SC1', 'get:SC_GONE']);
    expect(state.summaries).toBeUndefined();
    expect([...state.byUuid.keys()]).toEqual(['SC1']);
    expect([...state.missingUuids]).toEqual(['SC_GONE']);
  });

  it('lists once and GETs only scripts bound by name or matching prune — never unrelated ones', async () => {
    const api = createFakeApi(scripts);
    const state = await fetchRemoteState(
      api,
      [presentDef('alpha'), presentDef('gamma', { uuid: 'SC5' }), absentDef('beta')],
      {
        prune: ['ops_*'],
      },
    );
    const gets = api.calls.filter((c) => c.op === 'get').map((c) => c.arg);
    expect(gets.sort()).toEqual(['SC1', 'SC2', 'SC3', 'SC5']);
    expect(api.calls.filter((c) => c.op === 'list')).toHaveLength(3);
    expect(state.summaries?.map((s) => s.name)).toEqual(['alpha', 'beta', 'ops_old', 'unrelated', 'gamma']);
    expect(state.byUuid.get('SC1')?.name).toBe('alpha');
    expect(state.byUuid.has('SC4')).toBe(false);
  });

  it('starts GETs of a page before the next page is listed', async () => {
    const api = createFakeApi(scripts, 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    api.beforePage = async (index) => {
      if (index === 1) await held;
    };
    const pending = fetchRemoteState(api, [presentDef('alpha'), presentDef('beta')], {
      prune: [],
    });
    // Let the first page be yielded and its GET run while page 2 is held back.
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(api.calls.map((c) => `${c.op}:${c.arg}`)).toEqual(['list:0', 'list:1', 'get:SC1']);
    release();
    await pending;
  });

  it('bounds GETs in flight with the concurrency option', async () => {
    const many = Array.from({ length: 12 }, (_, i) => detail(`SC${i}`, `s${i}`));
    const api = createFakeApi(many, 100);
    let inFlight = 0;
    let peak = 0;
    const getScript = api.getScript.bind(api);
    api.getScript = async (uuid) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return getScript(uuid);
    };
    const state = await fetchRemoteState(
      api,
      many.map((d) => presentDef(d.name)),
      { prune: [], concurrency: 3 },
    );
    expect(state.byUuid.size).toBe(12);
    expect(peak).toBe(3);
  });

  it('isolates a failed GET: that script is unreadable (not missing), the others are read', async () => {
    const api = createFakeApi(scripts);
    api.failWhen = (call) =>
      call.op === 'get' && (call.arg === 'SC2' || call.arg === 'SC5')
        ? new Error(`boom ${call.arg}`)
        : undefined;
    const state = await fetchRemoteState(
      api,
      [presentDef('alpha'), presentDef('beta'), presentDef('gamma', { uuid: 'SC5' })],
      { prune: [] },
    );
    expect([...state.byUuid.keys()]).toEqual(['SC1']);
    expect([...state.unreadable.entries()].sort()).toEqual([
      ['SC2', { message: 'boom SC2' }],
      ['SC5', { message: 'boom SC5' }],
    ]);
    // Unread is not gone: a uuid-bound script whose GET failed is never "deleted remotely".
    expect([...state.missingUuids]).toEqual([]);
  });

  it('rejects with the stop error when the run stopped (a rejected credential), not per script', async () => {
    const api = createFakeApi(scripts);
    const stop = new CocApiError({
      operation: 'reading',
      kind: 'api',
      httpStatus: 401,
      code: 'APIGW.0301',
      stopsRun: true,
    });
    api.failWhen = (call) => (call.op === 'get' ? stop : undefined);
    await expect(fetchRemoteState(api, [presentDef('alpha', { uuid: 'SC1' })], { prune: [] })).rejects.toBe(
      stop,
    );
  });

  it('rejects when the list fails while GETs are in flight', async () => {
    const api = createFakeApi(scripts, 1);
    api.failWhen = (call) => (call.op === 'list' && call.arg === '2' ? new Error('list down') : undefined);
    await expect(
      fetchRemoteState(api, [presentDef('alpha', { uuid: 'SC1' }), presentDef('beta')], {
        prune: [],
      }),
    ).rejects.toThrow('list down');
  });
});
