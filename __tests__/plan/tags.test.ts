/**
 * Tags and ownership in the plan: tags compared as a map, which writes an item needs (PUT, tags
 * update, both), the ownership mark, blocked foreign scripts, and prune by ownership.
 */
import { describe, expect, it } from 'vitest';
import { OWNERSHIP_TAG_KEY } from '../../src/common/tags.js';
import type { Definition, RemoteScript, Tag } from '../../src/model.js';
import { computePlanHash } from '../../src/plan/hash.js';
import { isTagsOnlyUpdate, TAGS_ONLY } from '../../src/plan/items.js';
import { buildPlan } from '../../src/plan/plan.js';
import { parsePlanFile, serializePlan } from '../../src/report/plan-file.js';
import type { OwnershipSettings } from '../../src/resolve/ownership-tag.js';
import { absentDef, BY_NAME, BY_TAG, OWNER, presentDef, remoteOf, stateOf } from './builders.js';

const mine: Tag = { key: OWNERSHIP_TAG_KEY, value: OWNER };
const theirs: Tag = { key: OWNERSHIP_TAG_KEY, value: 'octo/other:scripts' };
const team = (value: string): Tag => ({ key: 'team', value });

function plan(
  definitions: Definition[],
  remote: RemoteScript[],
  ownership: OwnershipSettings = BY_TAG,
  prune: string[] = [],
) {
  const input = {
    definitions,
    remote: stateOf(remote),
    prune,
    syncSensitive: 'changed' as const,
    ownership,
    hasDefinitionFiles: true,
  };
  return buildPlan(input);
}

function only(definitions: Definition[], remote: RemoteScript[], ownership: OwnershipSettings = BY_TAG) {
  const [item] = plan(definitions, remote, ownership).items;
  if (item === undefined) throw new Error('no item');
  return item;
}

describe('tags in the plan', () => {
  it.each([
    {
      name: 'same tags in another order',
      tags: [{ key: 'a', value: '1' }, team('sre')],
      remote: [team('sre'), mine, { key: 'a', value: '1' }],
      changes: [],
    },
    {
      name: 'a changed value',
      tags: [team('ops')],
      remote: [team('sre'), mine],
      changes: [{ field: 'tags.team', before: 'sre', after: 'ops' }],
    },
    {
      name: 'an added and a removed tag',
      tags: [{ key: 'cost', value: '' }],
      remote: [team('sre'), mine],
      changes: [
        { field: 'tags.cost', after: '""' },
        { field: 'tags.team', before: 'sre' },
      ],
    },
    {
      name: 'tags omitted: the remote ones are kept',
      tags: undefined,
      remote: [team('sre'), mine],
      changes: [],
    },
    {
      name: 'tags: {} removes them all, never the ownership tag',
      tags: [],
      remote: [team('sre'), mine],
      changes: [{ field: 'tags.team', before: 'sre' }],
    },
  ])('compares tags as a map: $name', ({ tags, remote, changes }) => {
    const definition = presentDef('a', tags === undefined ? {} : { tags });
    const item = only([definition], [remoteOf(presentDef('a'), { tags: remote })]);
    expect(item.changes).toEqual(changes);
    expect(item.action).toBe(changes.length === 0 ? 'noop' : 'update');
    expect(item.markOwned).toBeUndefined();
  });

  it('a tag-only change is a tags update alone: no PUT, no reviewer reset, and the plan says so', () => {
    const definition = presentDef('a', { tags: [team('ops')], reviewers: [{ name: 'al', id: 'i1' }] });
    const item = only([definition], [remoteOf(definition, { tags: [team('sre'), mine] })]);
    expect(item).toMatchObject({ action: 'update', reviewerReset: false, reason: TAGS_ONLY });
    expect(item.desired).toBeUndefined();
    expect(item.tags).toEqual([mine, team('ops')]);
    expect(isTagsOnlyUpdate(item)).toBe(true);
  });

  it('a modify that also changes tags sends the PUT and then the complete tag set', () => {
    const definition = presentDef('a', { tags: [team('ops')], version: '2.0.0' });
    const item = only([definition], [remoteOf(presentDef('a'), { tags: [team('sre')] })]);
    expect(item.desired?.version).toBe('2.0.0');
    expect(item.tags).toEqual([mine, team('ops')]);
    expect(item.markOwned).toBe(true);
    expect(item.changes.map((c) => c.field)).toEqual(['version', 'tags.team']);
  });

  it('a create lists its tags and then writes them with the ownership tag', () => {
    const item = only([presentDef('new', { tags: [team('sre')] })], []);
    expect(item.action).toBe('create');
    expect(item.changes).toContainEqual({ field: 'tags.team', after: 'sre' });
    expect(item.tags).toEqual([mine, team('sre')]);
  });

  it('ownership: name writes no ownership tag, and a tagless create sends no tags update', () => {
    expect(only([presentDef('new')], [], BY_NAME).tags).toBeUndefined();
    expect(only([presentDef('new', { tags: [team('x')] })], [], BY_NAME).tags).toEqual([team('x')]);
    const remote = remoteOf(presentDef('a'), { tags: [team('sre')] });
    expect(only([presentDef('a')], [remote], BY_NAME).action).toBe('noop');
  });

  it("ownership: name leaves another folder's ownership tag where it is", () => {
    const remote = remoteOf(presentDef('a'), { tags: [theirs, team('sre')] });
    const item = only([presentDef('a', { tags: [] })], [remote], BY_NAME);
    expect(item.tags).toEqual([theirs]);
  });
});

describe('ownership', () => {
  it('adopts a bound script without the tag: a no-op marked once, with the full tag set', () => {
    const definition = presentDef('a', { tags: [team('sre')] });
    const result = plan([definition], [remoteOf(definition, { tags: [team('sre')] })]);
    expect(result.items).toEqual([
      expect.objectContaining({ action: 'noop', markOwned: true, tags: [mine, team('sre')], changes: [] }),
    ]);
    expect(result.counts).toMatchObject({ update: 0, noop: 1 });
    // Already marked: nothing to do at all.
    const again = only([definition], [remoteOf(definition, { tags: [mine, team('sre')] })]);
    expect([again.action, again.tags, again.markOwned]).toEqual(['noop', undefined, undefined]);
  });

  it.each([
    { name: 'by name', definition: presentDef('a') },
    { name: 'by uuid', definition: presentDef('a', { uuid: remoteOf(presentDef('a')).uuid }) },
    { name: 'a tombstone', definition: absentDef('a') },
  ])("blocks a definition bound to another folder's script ($name), naming the owner", ({ definition }) => {
    const item = only([definition], [remoteOf(presentDef('a', { version: '9.9.9' }), { tags: [theirs] })]);
    expect(item.action).toBe('blocked');
    expect(item.reason).toContain('owned by another folder (owner: `octo/other:scripts`');
    expect(item.reason).toContain(`this folder's owner value is \`${OWNER}\``);
  });

  it('blocks every marked script when this folder has no owner value, and marks nothing', () => {
    const ownership: OwnershipSettings = { mode: 'tag' };
    expect(only([presentDef('a')], [remoteOf(presentDef('a'), { tags: [mine] })], ownership).action).toBe(
      'blocked',
    );
    const unmarked = only([presentDef('a')], [remoteOf(presentDef('a'))], ownership);
    expect([unmarked.action, unmarked.tags]).toEqual(['noop', undefined]);
  });

  it('prunes only owned scripts with ownership: tag and lists the others as kept', () => {
    const defs = [presentDef('ops_keep')];
    const remote = [
      remoteOf(presentDef('ops_keep'), { tags: [mine] }),
      remoteOf(presentDef('ops_mine'), { tags: [mine] }),
      remoteOf(presentDef('ops_tmp'), { tags: [team('x')] }),
      remoteOf(presentDef('ops_theirs'), { tags: [theirs] }),
      remoteOf(presentDef('other'), { tags: [mine] }),
    ];
    const result = plan(defs, remote, BY_TAG, ['ops_*']);
    expect(result.items.filter((i) => i.action === 'delete').map((i) => i.name)).toEqual(['ops_mine']);
    expect(result.ownership).toEqual({
      mode: 'tag',
      key: OWNERSHIP_TAG_KEY,
      owner: OWNER,
      kept: [
        { name: 'ops_theirs', uuid: remote[3]?.uuid, owner: 'octo/other:scripts' },
        { name: 'ops_tmp', uuid: remote[2]?.uuid },
      ],
    });
    const byName = plan(defs, remote, BY_NAME, ['ops_*']);
    expect(byName.items.filter((i) => i.action === 'delete').map((i) => i.name)).toEqual([
      'ops_mine',
      'ops_theirs',
      'ops_tmp',
    ]);
    expect(byName.ownership.kept).toEqual([]);
  });

  it('puts tags, the owner and the mode in the hash', () => {
    const definition = presentDef('a', { tags: [team('sre')] });
    const input = {
      definitions: [definition],
      remote: stateOf([remoteOf(definition)]),
      prune: [],
      syncSensitive: 'changed' as const,
      ownership: BY_TAG,
    };
    const base = computePlanHash(input);
    const variants = [
      { ...input, definitions: [presentDef('a', { tags: [team('ops')] })] },
      { ...input, definitions: [presentDef('a')] },
      { ...input, remote: stateOf([remoteOf(definition, { tags: [mine] })]) },
      { ...input, ownership: BY_NAME },
      { ...input, ownership: { mode: 'tag' as const, owner: 'someone:else' } },
    ];
    const hashes = new Set([base, ...variants.map(computePlanHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('writes tags and ownership to the plan file', () => {
    const defs = [presentDef('a', { tags: [team('sre')] }), presentDef('ops_x')];
    const result = plan(defs, [remoteOf(presentDef('a')), remoteOf(presentDef('ops_t'))], BY_TAG, ['ops_*']);
    const document = JSON.parse(serializePlan(result)) as Record<string, unknown>;
    expect(document['ownership']).toEqual({
      mode: 'tag',
      key: OWNERSHIP_TAG_KEY,
      owner: OWNER,
      kept: [{ name: 'ops_t', uuid: remoteOf(presentDef('ops_t')).uuid }],
      markOwned: ['a'],
    });
    const items = document['items'] as { name: string; tags?: Tag[] }[];
    expect(items.find((i) => i.name === 'a')?.tags).toEqual([mine, team('sre')]);
    expect(parsePlanFile(serializePlan(result))?.items.map((i) => i.name)).toEqual(['ops_x', 'a']);
  });
});
