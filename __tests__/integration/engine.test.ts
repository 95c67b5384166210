/**
 * The engine against the emulator over real HTTP through the real client: plan → apply → replan,
 * failures, sensitive rotation, reviewer resets, prune with its guard, blocked renames.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CocApi } from '../../src/coc/api.js';
import type { PresentDefinition } from '../../src/model.js';
import { useEmulator } from '../support/emulator.js';
import {
  applyAgainst,
  comparableDefinition,
  comparableRecord,
  connectTestClient,
  planAgainst,
  seedOf,
} from './engine-harness.js';
import { absentDef, envParam, literalParam, presentDef } from '../plan/builders.js';

const emulator = useEmulator();
let api: CocApi;

beforeEach(async () => {
  api = await connectTestClient(emulator.current.url);
});
afterEach(async () => {
  await api.close();
});

const writes = () => emulator.current.requests().filter((r) => r.method !== 'GET');
const alice = { name: 'alice', id: '1994a3ed905a47ad82c6000000000000' };

const folder: PresentDefinition[] = [
  presentDef('backup_db', {
    description: 'Nightly database backup',
    content: '#!/bin/bash\r\npg_dump app > /tmp/app.sql\r\n',
    riskLevel: 'HIGH',
    version: '1.2.0',
    reviewers: [alice],
    protocol: 'EMAIL',
    params: [
      literalParam('db_host', 'db.internal', { description: 'database host' }),
      envParam('db_password', 'DB_PASSWORD', 'Secret-1', 'database password'),
    ],
  }),
  presentDef('rotate_logs', { type: 'PYTHON', content: 'print("rotate")\n' }),
  presentDef('清理_日志', { description: '清理', content: 'echo cjk\n' }),
];

describe('plan → apply → replan', () => {
  it('creates everything, then plans zero changes, and a second apply sends no write', async () => {
    emulator.current.seed([
      seedOf(presentDef('rotate_logs', { type: 'PYTHON' }), {
        properties: { risk_level: 'LOW', version: '0.9.0' },
      }),
    ]);
    const first = await applyAgainst(api, folder);
    expect(first.plan.counts).toMatchObject({ create: 2, update: 1, blocked: 0 });
    expect(first.results?.every((r) => r.outcome === 'applied')).toBe(true);
    expect(first.results?.find((r) => r.item.name === 'backup_db')?.readBackStatus).toBe('PENDING_APPROVE');

    const stored = new Map(emulator.current.scripts().map((r) => [r.name, comparableRecord(r)]));
    for (const definition of folder)
      expect(stored.get(definition.name)).toEqual(comparableDefinition(definition));
    // CRLF content is sent as written.
    expect(emulator.current.scripts().find((r) => r.name === 'backup_db')?.content).toContain('\r\n');

    emulator.current.clearRequests();
    const replan = await planAgainst(api, folder);
    expect(replan.counts).toEqual({ create: 0, update: 0, delete: 0, blocked: 0, noop: 3, unreadable: 0 });
    const second = await applyAgainst(api, folder);
    expect(second.results?.every((r) => r.outcome === 'unchanged')).toBe(true);
    expect(writes()).toEqual([]);
    expect(second.plan.hash).toBe(replan.hash);
  });

  it('a plan sends nothing but GETs (list and detail reads)', async () => {
    emulator.current.seed([seedOf(presentDef('rotate_logs')), seedOf(presentDef('ops_orphan'))]);
    const plan = await planAgainst(api, [...folder, absentDef('ops_gone')], { prune: ['ops_*'] });
    expect(plan.counts.create + plan.counts.update + plan.counts.delete).toBeGreaterThan(0);
    const requests = emulator.current.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
    expect(requests.filter((r) => r.path === '/v1/job/scripts')).toHaveLength(1);
  });
});

describe('failures', () => {
  it('isolates one item the API rejects; a rerun after the fix converges', async () => {
    const bad = presentDef('bad_param', { params: [literalParam('p', 'has#hash')] });
    const run = await applyAgainst(api, [...folder, bad]);
    const failed = run.results?.filter((r) => r.outcome === 'failed') ?? [];
    expect(failed.map((r) => r.item.name)).toEqual(['bad_param']);
    expect(failed[0]?.error?.code).toBe('COC.00040601');
    expect(failed[0]?.error?.httpStatus).toBe(400);
    expect(failed[0]?.error?.message).toContain('bad_param');
    expect(run.results?.filter((r) => r.outcome === 'applied')).toHaveLength(3);

    const fixed = presentDef('bad_param', { params: [literalParam('p', 'no-hash')] });
    const rerun = await applyAgainst(api, [...folder, fixed]);
    expect(rerun.plan.counts).toMatchObject({ create: 1, noop: 3 });
    expect((await planAgainst(api, [...folder, fixed])).counts.noop).toBe(4);
  });

  it('refuses before any write when a value_from_env variable is unset', async () => {
    const unset = presentDef('needs_env', { params: [envParam('pw', 'NOT_SET', undefined)] });
    const run = await applyAgainst(api, [unset, presentDef('fine')]);
    expect(run.refusal).toContain('`NOT_SET` is not set');
    expect(writes()).toEqual([]);
  });
});

describe('sensitive parameters', () => {
  const secretDef = (value: string) =>
    presentDef('uses_secret', { params: [envParam('token', 'API_TOKEN', value, 'api token')] });

  it('never updates for a masked value alone; sync-sensitive always rotates it', async () => {
    emulator.current.seed([seedOf(secretDef('old-secret'))]);
    const quiet = await applyAgainst(api, [secretDef('new-secret')]);
    expect(quiet.plan.counts).toMatchObject({ update: 0, noop: 1 });
    expect(writes()).toEqual([]);

    const rotated = await applyAgainst(api, [secretDef('new-secret')], { syncSensitive: 'always' });
    expect(rotated.plan.counts.update).toBe(1);
    expect(rotated.results?.[0]?.outcome).toBe('applied');
    expect(emulator.current.scripts()[0]?.script_params[0]?.param_value).toBe('new-secret');
  });
});

describe('reviewer resets', () => {
  it('marks and reports the read-back PENDING_APPROVE of a modified script with reviewers', async () => {
    const reviewed = presentDef('reviewed', { reviewers: [alice] });
    emulator.current.seed([seedOf(reviewed, { status: 'APPROVED' })]);
    // Reviewers omitted: the remote ones are kept and re-selected, so review restarts.
    const { reviewers: _kept, ...withoutReviewers } = reviewed;
    const run = await applyAgainst(api, [{ ...withoutReviewers, version: '2.0.0' }]);
    const [result] = run.results ?? [];
    expect(result?.item.reviewerReset).toBe(true);
    expect(result?.readBackStatus).toBe('PENDING_APPROVE');
    expect(emulator.current.scripts()[0]?.properties.reviewers).toEqual([
      { reviewer_name: alice.name, reviewer_id: alice.id },
    ]);
  });

  it('reviewers: [] removes them, with no reset', async () => {
    const reviewed = presentDef('reviewed', { reviewers: [alice] });
    emulator.current.seed([seedOf(reviewed, { status: 'PENDING_APPROVE' })]);
    const run = await applyAgainst(api, [{ ...reviewed, reviewers: [] }]);
    expect(run.results?.[0]?.item.reviewerReset).toBe(false);
    expect(run.results?.[0]?.readBackStatus).toBe('APPROVED');
  });
});

describe('prune and the delete guard', () => {
  const orphans = Array.from({ length: 6 }, (_, i) => seedOf(presentDef(`ops_old_${i}`)));
  const kept = presentDef('ops_kept');

  it('refuses the whole plan when deletions exceed max-deletes: nothing is sent', async () => {
    emulator.current.seed([...orphans, seedOf(presentDef('other_team'))]);
    const run = await applyAgainst(api, [kept], { prune: ['ops_*'], maxDeletes: 5 });
    expect(run.plan.counts).toMatchObject({ delete: 6, create: 1 });
    expect(run.refusal).toContain('deletes 6 scripts, more than `max-deletes` (5)');
    expect(writes()).toEqual([]);
    expect(emulator.current.scripts()).toHaveLength(7);
  });

  it('deletes unmanaged matching scripts within the limit, after the writes', async () => {
    emulator.current.seed([...orphans, seedOf(presentDef('other_team'))]);
    const run = await applyAgainst(api, [kept], { prune: ['ops_*'], maxDeletes: 6 });
    expect(run.results?.filter((r) => r.outcome === 'applied')).toHaveLength(7);
    expect(
      emulator.current
        .scripts()
        .map((r) => r.name)
        .sort(),
    ).toEqual(['ops_kept', 'other_team']);
    const methods = writes().map((r) => r.method);
    expect(methods.lastIndexOf('POST')).toBeLessThan(methods.indexOf('DELETE'));
  });

  it('never prunes from a folder with no definitions', async () => {
    emulator.current.seed(orphans);
    const run = await applyAgainst(api, [], { prune: ['*'] });
    expect(run.plan.items).toEqual([]);
    expect(writes()).toEqual([]);
  });
});

describe('blocked items', () => {
  it('blocks a rename through uuid and a uuid deleted remotely, and touches neither', async () => {
    const [record] = emulator.current.seed([seedOf(presentDef('old_name'))]);
    const renamed = presentDef('new_name', { uuid: record?.script_uuid ?? '' });
    const gone = presentDef('vanished', { uuid: 'SC20250101000000deadbeef0' });
    const run = await applyAgainst(api, [renamed, gone]);
    expect(run.plan.items.map((i) => [i.name, i.action])).toEqual([
      ['new_name', 'blocked'],
      ['vanished', 'blocked'],
    ]);
    expect(run.plan.items[0]?.reason).toContain('remove `uuid` from this file so a new script is created');
    expect(run.plan.items[1]?.reason).toContain('deleted remotely; remove `uuid` to create it again');
    expect(writes()).toEqual([]);

    // The documented migration: drop the uuid, let prune remove the old script.
    const { uuid: _dropped, ...migrated } = renamed;
    await applyAgainst(api, [migrated], { prune: ['old_*'] });
    expect(emulator.current.scripts().map((r) => r.name)).toEqual(['new_name']);
  });

  it('deletes by state: absent and treats an already-gone script as unchanged', async () => {
    emulator.current.seed([seedOf(presentDef('to_remove'))]);
    const run = await applyAgainst(api, [absentDef('to_remove'), absentDef('never_existed')]);
    expect(run.results?.map((r) => [r.item.name, r.item.action, r.outcome])).toEqual([
      ['to_remove', 'delete', 'applied'],
      ['never_existed', 'noop', 'unchanged'],
    ]);
    expect(emulator.current.scripts()).toEqual([]);
  });
});

describe('write-only protocol', () => {
  const quiet = useEmulator({ omitProtocol: true });

  it('does not drift when GET leaves protocol out, and leaves it out of the body', async () => {
    const client = await connectTestClient(quiet.current.url);
    try {
      const definition = presentDef('notify', { protocol: 'SMS' });
      quiet.current.seed([seedOf(definition)]);
      expect((await planAgainst(client, [definition])).counts.noop).toBe(1);
      const { protocol: _omitted, ...withoutProtocol } = definition;
      const run = await applyAgainst(client, [{ ...withoutProtocol, version: '3.0.0' }]);
      expect(run.results?.[0]?.item.desired).not.toHaveProperty('protocol');
    } finally {
      await client.close();
    }
  });
});

describe('under faults', () => {
  it('converges within two runs with 503s and connections dropped after writes, creating nothing twice', async () => {
    const many = Array.from({ length: 12 }, (_, i) => presentDef(`job_${i}`, { version: '2.0.0' }));
    emulator.current.seed(many.slice(0, 6).map((d) => seedOf({ ...d, version: '1.0.0' })));
    emulator.current.seed([seedOf(presentDef('ops_stale'))]);
    emulator.current.setFaults({ error503Rate: 0.2, dropAfterRate: 0.15, retryAfterSeconds: 0, seed: 7 });
    const first = await applyAgainst(api, many, { prune: ['ops_*'] });
    if (first.results?.some((r) => r.outcome === 'failed'))
      await applyAgainst(api, many, { prune: ['ops_*'] });
    const faults = new Set(
      emulator.current.requests().flatMap((r) => (r.fault === undefined ? [] : [r.fault])),
    );
    expect(faults).toEqual(new Set(['503', 'drop-after']));
    emulator.current.setFaults({ error503Rate: 0, dropAfterRate: 0 });
    const names = emulator.current.scripts().map((r) => r.name);
    expect(names.sort()).toEqual(many.map((d) => d.name).sort());
    expect((await planAgainst(api, many, { prune: ['ops_*'] })).counts).toMatchObject({
      noop: 12,
      delete: 0,
    });
  });
});
