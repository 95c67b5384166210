import { describe, expect, it } from 'vitest';
import { checkSeeds } from '../../emulator/control.js';
import { NO_FAULTS } from '../../emulator/faults.js';
import type { SeedScript } from '../../emulator/server.js';
import { useEmulator } from '../support/emulator.js';
import { anyNumber, anyString, call, containing, NO_REVIEW } from './support.js';

const emulator = useEmulator();

async function control(method: string, path: string, body?: unknown) {
  return call(emulator.current.url, method, `/_emulator/${path}`, { token: null, body });
}

const script: SeedScript = {
  name: 'seeded',
  type: 'SHELL',
  description: 'd',
  content: 'c',
  properties: NO_REVIEW,
};

describe('control endpoints', () => {
  it('seeds scripts, shows them in state and through the COC API', async () => {
    const seeded = await control('POST', 'seed', [
      script,
      { ...script, name: 'pending', status: 'PENDING_APPROVE', script_uuid: 'SC20250101000000abcdef123' },
    ]);
    expect(seeded.status).toBe(200);
    const records = seeded.json['scripts'] as { id: number; script_uuid: string }[];
    expect(records.map((r) => r.id)).toEqual([1001, 1002]);
    expect(records[1]?.script_uuid).toBe('SC20250101000000abcdef123');
    const state = await control('GET', 'state');
    expect(state.json).toEqual({ scripts: emulator.current.scripts(), faults: NO_FAULTS });
    const detail = await call(emulator.current.url, 'GET', '/v1/job/scripts/SC20250101000000abcdef123');
    expect(detail.json).toMatchObject({ data: { name: 'pending', status: 'PENDING_APPROVE' } });
  });

  it('reads and clears the request log, which leaves control calls out', async () => {
    await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=2');
    const log = await control('GET', 'requests');
    expect(log.json).toEqual({
      requests: [
        {
          method: 'GET',
          path: '/v1/job/scripts',
          query: { limit: '2' },
          status: 200,
          authMethod: 'token',
          at: anyNumber,
          answeredAt: anyNumber,
        },
      ],
    });
    const [entry] = emulator.current.requests();
    expect(entry?.answeredAt).toBeGreaterThanOrEqual(entry?.at ?? Infinity);
    expect((await control('DELETE', 'requests')).status).toBe(200);
    expect(emulator.current.requests()).toEqual([]);
  });

  it('changes faults, ignoring unknown keys, and rejects bad values', async () => {
    const answer = await control('PUT', 'faults', { error503Rate: 1, retryAfterSeconds: 3, bogus: true });
    expect(answer.json).toEqual({ faults: { ...NO_FAULTS, error503Rate: 1, retryAfterSeconds: 3 } });
    expect((await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=1')).status).toBe(503);
    expect((await control('PUT', 'faults', { dropBeforeRate: 'often' })).status).toBe(400);
    expect((await control('PUT', 'faults', [1])).status).toBe(400);
  });

  it('resets store, log and faults', async () => {
    emulator.current.seed([script]);
    emulator.current.setFaults({ latencyMs: 5 });
    await call(emulator.current.url, 'GET', '/v1/job/scripts?limit=1');
    expect((await control('POST', 'reset')).status).toBe(200);
    expect(emulator.current.scripts()).toEqual([]);
    expect(emulator.current.requests()).toEqual([]);
    expect(emulator.current.faults()).toEqual(NO_FAULTS);
    expect(emulator.current.seed([script])[0]?.id).toBe(1001);
  });

  it.each([
    { name: 'an unknown control path', method: 'GET', path: 'nothing', body: undefined, status: 404 },
    { name: 'seeds that are not a list', method: 'POST', path: 'seed', body: { name: 'x' }, status: 400 },
    {
      name: 'a seed without content',
      method: 'POST',
      path: 'seed',
      body: [{ ...script, content: undefined }],
      status: 400,
    },
  ])('answers $name with $status', async ({ method, path, body, status }) => {
    const answer = await control(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.json['error']).toEqual(anyString);
  });
});

describe('checkSeeds', () => {
  it.each([
    { name: 'a valid list', seeds: [script], problem: undefined },
    { name: 'an object', seeds: {}, problem: 'the body must be a JSON array of scripts' },
    {
      name: 'missing properties',
      seeds: [{ ...script, properties: undefined }],
      problem: containing('script 0'),
    },
    {
      name: 'script_params not a list',
      seeds: [{ ...script, script_params: {} }],
      problem: containing('script_params'),
    },
  ])('$name', ({ seeds, problem }) => {
    expect(checkSeeds(seeds)).toEqual(problem);
  });
});
