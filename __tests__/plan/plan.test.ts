import { describe, expect, it } from 'vitest';
import { buildPlan, type BuildPlanInput } from '../../src/plan/plan.js';
import { createPreparedItems, type PreparedItems } from '../../src/plan/items.js';
import type { Definition, PresentDefinition, RemoteScript } from '../../src/model.js';
import {
  absentDef,
  BY_NAME,
  BY_TAG,
  envParam,
  literalParam,
  presentDef,
  remoteOf,
  stateOf,
  uuidFor,
} from '../plan/builders.js';

const alice = { name: 'alice', id: 'id-alice' };

function plan(definitions: Definition[], remote: RemoteScript[], overrides: Partial<BuildPlanInput> = {}) {
  return buildPlan({
    definitions,
    remote: stateOf(remote),
    prune: [],
    syncSensitive: 'changed',
    ownership: BY_NAME,
    hasDefinitionFiles: definitions.length > 0,
    ...overrides,
  });
}

describe('buildPlan actions', () => {
  it.each<{ name: string; definitions: Definition[]; remote: RemoteScript[]; action: string }>([
    { name: 'new definition → create', definitions: [presentDef('a')], remote: [], action: 'create' },
    {
      name: 'equal → noop',
      definitions: [presentDef('a')],
      remote: [remoteOf(presentDef('a'))],
      action: 'noop',
    },
    {
      name: 'drifted → update',
      definitions: [presentDef('a')],
      remote: [remoteOf(presentDef('a'), { description: 'edited in the console' })],
      action: 'update',
    },
    {
      name: 'absent + existing → delete',
      definitions: [absentDef('a')],
      remote: [remoteOf(presentDef('a'))],
      action: 'delete',
    },
    { name: 'absent + already gone → noop', definitions: [absentDef('a')], remote: [], action: 'noop' },
    {
      name: 'rename via uuid → blocked',
      definitions: [presentDef('b', { uuid: remoteOf(presentDef('a')).uuid })],
      remote: [remoteOf(presentDef('a'))],
      action: 'blocked',
    },
  ])('$name', ({ definitions, remote, action }) => {
    const result = plan(definitions, remote);
    expect(result.items.map((i) => i.action)).toEqual([action]);
  });

  it('blocks a uuid deleted remotely and explains the fix', () => {
    const result = buildPlan({
      definitions: [presentDef('a', { uuid: 'SC_GONE' })],
      remote: stateOf([], { listed: false, missing: ['SC_GONE'] }),
      prune: [],
      syncSensitive: 'changed',
      ownership: BY_NAME,
      hasDefinitionFiles: true,
    });
    expect(result.items[0]).toMatchObject({ action: 'blocked', uuid: 'SC_GONE' });
    expect(result.items[0]?.reason).toContain('remove `uuid` to create it again');
    expect(result.counts.blocked).toBe(1);
  });

  it('creates with the definition state; omitted reviewers mean none, omitted protocol is left out', () => {
    const [item] = plan([presentDef('a', { params: [literalParam('p', 'v')] })], []).items;
    expect(item?.desired).toMatchObject({ name: 'a', reviewers: [], params: [literalParam('p', 'v')] });
    expect(item?.desired).not.toHaveProperty('protocol');
    expect(item?.contentDiff).toContain('+echo a');
    expect(item?.reviewerReset).toBe(false);
  });

  it.each([
    {
      name: 'omitted reviewers keep the remote ones (and so reset review)',
      definition: presentDef('a', { version: '2.0.0' }),
      remote: { reviewers: [alice] },
      reviewers: [alice],
      reset: true,
    },
    {
      name: 'reviewers: [] removes them: no reset',
      definition: presentDef('a', { reviewers: [] }),
      remote: { reviewers: [alice] },
      reviewers: [],
      reset: false,
    },
    {
      name: 'new reviewers: reset',
      definition: presentDef('a', { reviewers: [alice] }),
      remote: {},
      reviewers: [alice],
      reset: true,
    },
  ])('update desired state: $name', ({ definition, remote, reviewers, reset }) => {
    const [item] = plan([definition], [remoteOf(presentDef('a'), remote)]).items;
    expect(item?.action).toBe('update');
    expect(item?.desired?.reviewers).toEqual(reviewers);
    expect(item?.reviewerReset).toBe(reset);
  });

  it.each([
    { name: 'defined protocol wins', defined: 'SMS' as const, remote: 'EMAIL', expected: 'SMS' },
    { name: 'omitted keeps the remote protocol', defined: undefined, remote: 'EMAIL', expected: 'EMAIL' },
    {
      name: 'omitted and unknown remotely is left out',
      defined: undefined,
      remote: undefined,
      expected: undefined,
    },
  ])('update protocol: $name', ({ defined, remote, expected }) => {
    const definition = presentDef('a', {
      version: '2.0.0',
      ...(defined === undefined ? {} : { protocol: defined }),
    });
    const [item] = plan([definition], [remoteOf(presentDef('a'), { protocol: remote })]).items;
    expect(item?.desired?.protocol).toBe(expected);
  });

  it('content differing only in line endings is a noop; a real change carries a unified diff', () => {
    const crlf = presentDef('a', { content: 'echo 1\r\necho 2\r\n' });
    const [same] = plan([crlf], [remoteOf(crlf, { content: 'echo 1\necho 2\n' })]).items;
    expect(same?.action).toBe('noop');
    const [changed] = plan([crlf], [remoteOf(crlf, { content: 'echo 1\necho 3\n' })]).items;
    expect(changed?.changes).toEqual([{ field: 'content' }]);
    expect(changed?.contentDiff).toContain('-echo 3');
    expect(changed?.contentDiff).toContain('+echo 2');
  });

  it('sync-sensitive always updates every script with sensitive params, and only those', () => {
    const withSecret = presentDef('s', { params: [envParam('pw', 'PW', 'secret-value')] });
    const plain = presentDef('p');
    const remote = [remoteOf(withSecret), remoteOf(plain)];
    expect(plan([withSecret, plain], remote).counts).toMatchObject({ update: 0, noop: 2 });
    const always = plan([withSecret, plain], remote, { syncSensitive: 'always' });
    expect(always.items.map((i) => [i.name, i.action])).toEqual([
      ['s', 'update'],
      ['p', 'noop'],
    ]);
  });
});

describe('buildPlan prune', () => {
  const owned = remoteOf(presentDef('ops_old'));
  const kept = remoteOf(presentDef('ops_kept'));
  const foreign = remoteOf(presentDef('other_team'));

  it('deletes unmanaged scripts matching prune, with the glob as reason', () => {
    const result = plan([presentDef('ops_kept')], [owned, kept, foreign], { prune: ['ops_*'] });
    const deletes = result.items.filter((i) => i.action === 'delete');
    expect(deletes).toEqual([
      expect.objectContaining({ name: 'ops_old', uuid: owned.uuid, reason: 'prune: matches `ops_*`' }),
    ]);
  });

  it.each([
    { name: 'no definition files', definitions: [], hasDefinitionFiles: false },
    { name: 'files but no definitions', definitions: [], hasDefinitionFiles: true },
  ])('never prunes from a folder with $name', ({ definitions, hasDefinitionFiles }) => {
    const result = plan(definitions, [owned, kept], { prune: ['*'], hasDefinitionFiles });
    expect(result.items).toEqual([]);
    expect(result.counts.delete).toBe(0);
  });

  it('prunes nothing when the list was not read', () => {
    const result = buildPlan({
      definitions: [presentDef('ops_kept', { uuid: kept.uuid })],
      remote: stateOf([kept], { listed: false }),
      prune: ['ops_*'],
      syncSensitive: 'changed',
      ownership: BY_NAME,
      hasDefinitionFiles: true,
    });
    expect(result.counts.delete).toBe(0);
  });
});

describe('buildPlan ordering, counts, pending approvals', () => {
  const definitions: Definition[] = [
    presentDef('zeta_noop'),
    presentDef('b_create'),
    presentDef('a_create'),
    presentDef('m_update', { version: '2.0.0' }),
    absentDef('d_delete'),
    presentDef('c_blocked', { uuid: 'SC_GONE' }),
    presentDef('k_pending'),
  ];
  const remote = [
    remoteOf(presentDef('zeta_noop'), { status: 'REJECTED' }),
    remoteOf(presentDef('m_update'), { status: 'PENDING_APPROVE' }),
    remoteOf(presentDef('d_delete'), { status: 'PENDING_APPROVE' }),
    remoteOf(presentDef('k_pending'), { status: 'PENDING_APPROVE' }),
    remoteOf(presentDef('ops_pruned')),
  ];
  const input: BuildPlanInput = {
    definitions,
    remote: stateOf(remote, { missing: ['SC_GONE'] }),
    prune: ['ops_*'],
    syncSensitive: 'changed',
    ownership: BY_NAME,
    hasDefinitionFiles: true,
  };

  it('orders blocked, create, update, delete, noop, then by name', () => {
    expect(buildPlan(input).items.map((i) => `${i.action}:${i.name}`)).toEqual([
      'blocked:c_blocked',
      'create:a_create',
      'create:b_create',
      'update:m_update',
      'delete:d_delete',
      'delete:ops_pruned',
      'noop:k_pending',
      'noop:zeta_noop',
    ]);
  });

  it('is independent of input order', () => {
    const reversed = buildPlan({ ...input, definitions: [...definitions].reverse() });
    expect(reversed).toEqual(buildPlan(input));
  });

  it('counts per action', () => {
    expect(buildPlan(input).counts).toEqual({
      create: 2,
      update: 1,
      delete: 2,
      noop: 2,
      blocked: 1,
      unreadable: 0,
    });
  });

  it('lists managed scripts waiting for review or rejected, not the ones being deleted', () => {
    expect(buildPlan(input).pendingApprovals).toEqual([
      { name: 'k_pending', uuid: remote[3]?.uuid, status: 'PENDING_APPROVE' },
      { name: 'm_update', uuid: remote[1]?.uuid, status: 'PENDING_APPROVE' },
      { name: 'zeta_noop', uuid: remote[0]?.uuid, status: 'REJECTED' },
    ]);
  });
});

describe('unreadable scripts (a GET that failed after its retries)', () => {
  const error = { message: 'APIGW.0308: throttled (HTTP 429) while reading SC-X' };
  /** Remote state where `unread` is listed but its GET failed. */
  function withUnreadable(readable: RemoteScript[], unread: RemoteScript) {
    const state = stateOf([...readable, unread]);
    const byUuid = new Map([...state.byUuid].filter(([uuid]) => uuid !== unread.uuid));
    return { ...state, byUuid, unreadable: new Map([[unread.uuid, error]]) };
  }

  it.each([
    { name: 'bound by name: not created (it exists)', definition: presentDef('a') },
    { name: 'bound by uuid: not blocked as deleted remotely', definition: presentDef('a', { uuid: 'SC-X' }) },
    { name: 'a tombstone: not deleted, not already absent', definition: absentDef('a') },
  ])('$name', ({ definition }) => {
    const unread = remoteOf(presentDef('a'), { uuid: 'SC-X' });
    const result = plan([definition, presentDef('b')], [], {
      remote: withUnreadable([remoteOf(presentDef('b'))], unread),
    });
    const item = result.items.find((i) => i.name === 'a');
    expect(item).toMatchObject({ action: 'unreadable', uuid: 'SC-X', readError: error });
    expect(item?.reason).toContain('could not be read (APIGW.0308: throttled (HTTP 429) while reading SC-X)');
    expect(result.counts).toMatchObject({ unreadable: 1, create: 0, delete: 0, blocked: 0, noop: 1 });
    expect(result.items[0]?.action).toBe('unreadable');
  });

  it('an owned script matching prune whose GET failed is never pruned', () => {
    const unread = remoteOf(presentDef('ops_old'), { uuid: 'SC-X' });
    const result = plan([presentDef('b')], [], {
      remote: withUnreadable([remoteOf(presentDef('b'))], unread),
      prune: ['ops_*'],
    });
    expect(result.items.map((i) => `${i.action} ${i.name}`)).toEqual(['unreadable ops_old', 'noop b']);
  });

  it('changes the plan hash, so a plan reviewed with the script readable is not applied blind', () => {
    const unread = remoteOf(presentDef('a'), { uuid: 'SC-X' });
    const readable = plan([presentDef('a')], [unread]);
    const failed = plan([presentDef('a')], [], { remote: withUnreadable([], unread) });
    expect(failed.hash).not.toBe(readable.hash);
  });
});

describe('buildPlan with update items prepared as each GET was answered', () => {
  const drifted = presentDef('drifted', {
    content: '#!/bin/bash\necho new\n',
    params: [literalParam('region', 'eu')],
    tags: [{ key: 'team', value: 'ops' }],
  });
  const secret = presentDef('secret', { params: [envParam('token', 'TOKEN', 'value')] });
  const definitions: Definition[] = [
    drifted,
    secret,
    presentDef('same'),
    presentDef('tags', { tags: [{ key: 'team', value: 'new' }] }),
    presentDef('renamed', { uuid: uuidFor('old-name') }),
    presentDef('created'),
    absentDef('gone'),
  ];
  const remote = [
    remoteOf(drifted, { content: '#!/bin/bash\r\necho old\r\n', description: 'edited', params: [] }),
    remoteOf(secret),
    remoteOf(presentDef('same')),
    remoteOf(presentDef('tags'), { tags: [{ key: 'team', value: 'old' }] }),
    remoteOf(presentDef('old-name')),
    remoteOf(presentDef('gone')),
  ];
  const presents = definitions.filter((d): d is PresentDefinition => d.state === 'present');
  const prepareAll = (prepared: PreparedItems, scripts: readonly RemoteScript[], share = 1): void => {
    // Every pair the engine may prepare: same uuid, or same name without a uuid.
    const pairs = presents.flatMap((d) =>
      scripts
        .filter((s) => (d.uuid === undefined ? s.name === d.name : s.uuid === d.uuid))
        .map((s) => [d, s] as const),
    );
    pairs.slice(0, Math.ceil(pairs.length * share)).forEach(([d, s]) => prepared.prepare(d, s));
  };

  it.each([
    { name: 'every item prepared, by name', ownership: BY_NAME, share: 1 },
    { name: 'half prepared, by tag', ownership: BY_TAG, share: 0.5 },
    { name: 'none prepared', ownership: BY_NAME, share: 0 },
  ])('$name: the same plan as computing every item at the end', ({ ownership, share }) => {
    const batch = plan(definitions, remote, { ownership });
    const prepared = createPreparedItems({ syncSensitive: 'changed', ownership });
    prepareAll(prepared, remote, share);
    expect(plan(definitions, remote, { ownership, prepared })).toEqual(batch);
    expect(batch.counts).toMatchObject({ update: 2, noop: 2, create: 1, delete: 1, blocked: 1 });
  });

  it('uses a prepared item only for the same script object and the same settings', () => {
    const batch = plan(definitions, remote, { syncSensitive: 'changed' });
    const otherSettings = createPreparedItems({ syncSensitive: 'always', ownership: BY_NAME });
    prepareAll(otherSettings, remote);
    expect(plan(definitions, remote, { prepared: otherSettings })).toEqual(batch);
    // Prepared from an earlier answer for the same uuid that the final state no longer holds.
    const stale = createPreparedItems({ syncSensitive: 'changed', ownership: BY_NAME });
    prepareAll(
      stale,
      remote.map((s) => ({ ...s, description: 'an older answer' })),
    );
    expect(plan(definitions, remote, { prepared: stale })).toEqual(batch);
    expect(otherSettings.get(secret, remote[1] as RemoteScript)?.action).toBe('update');
  });
});
