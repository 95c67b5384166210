/**
 * The plan: what apply would do, item by item, in a deterministic order, with counts, pending
 * approvals and the hash that binds a reviewed plan to its application. Pure.
 */
import type { SyncSensitive } from '../config/config.js';
import { OWNERSHIP_TAG_KEY } from '../common/tags.js';
import type {
  Definition,
  KeptScript,
  Plan,
  PlanAction,
  PlanCounts,
  PlanItem,
  RemoteState,
} from '../model.js';
import { bindDefinitions } from '../resolve/bind.js';
import { findPruneCandidates } from '../resolve/ownership.js';
import type { OwnershipSettings } from '../resolve/ownership-tag.js';
import { splitByOwnership } from '../resolve/ownership-tag.js';
import { compareStrings } from '../common/compare.js';
import { matchingGlob } from '../common/globs.js';
import { computePlanHash, type ContentDigests } from './hash.js';
import { ALREADY_ABSENT, itemForBinding, pruneItem, unreadableItem, type PreparedItems } from './items.js';

export interface BuildPlanInput {
  readonly definitions: readonly Definition[];
  readonly remote: RemoteState;
  readonly prune: readonly string[];
  readonly syncSensitive: SyncSensitive;
  readonly ownership: OwnershipSettings;
  /** False when the folder holds no definition file: such a folder never prunes. */
  readonly hasDefinitionFiles: boolean;
  /** Content digests computed while the network was busy (plan/hash.ts); absent: computed here. */
  readonly digests?: ContentDigests;
  /** Update items prepared while the network was busy (plan/items.ts); missing ones are computed here. */
  readonly prepared?: PreparedItems;
}

/** The order items appear in (and the order people read them): problems first, no-ops last. */
export const ACTION_ORDER: readonly PlanAction[] = [
  'unreadable',
  'blocked',
  'create',
  'update',
  'delete',
  'noop',
];

/** Builds the plan from validated definitions and the fetched remote state. */
export function buildPlan(input: BuildPlanInput): Plan {
  const settings = { syncSensitive: input.syncSensitive, ownership: input.ownership };
  const items = bindDefinitions(input.definitions, input.remote, input.ownership).map((b) =>
    itemForBinding(b, settings, input.prepared),
  );
  const pruned = pruneItems(input);
  items.push(...pruned.items);
  items.sort(compareItems);
  const { mode, owner } = input.ownership;
  return {
    items,
    counts: countItems(items),
    hash: computePlanHash(input),
    ownership: { mode, key: OWNERSHIP_TAG_KEY, ...(owner === undefined ? {} : { owner }), kept: pruned.kept },
    pendingApprovals: findPendingApprovals(items),
  };
}

/**
 * Prune deletions. An empty or mis-typed `path` must not wipe an account, so a folder with no
 * definitions never prunes, whatever the globs say.
 */
function pruneItems(input: BuildPlanInput): { items: PlanItem[]; kept: KeptScript[] } {
  const summaries = input.remote.summaries;
  const none = { items: [], kept: [] };
  if (input.prune.length === 0 || summaries === undefined) return none;
  if (!input.hasDefinitionFiles || input.definitions.length === 0) return none;
  const candidates = findPruneCandidates(summaries, input.definitions, input.prune);
  // With `ownership: tag`, only scripts carrying this folder's ownership tag may go.
  const { owned, kept } = splitByOwnership(candidates, input.ownership);
  const items = owned.map((s) => {
    // An owned script whose GET failed is never pruned on a guess.
    const error = input.remote.unreadable.get(s.uuid);
    if (error !== undefined) return unreadableItem({ name: s.name }, s.uuid, error);
    return pruneItem(s, matchingGlob(input.prune, s.name));
  });
  return {
    items,
    kept: kept.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.uuid, b.uuid)),
  };
}

/** Action order, then name, uuid and file in code-point order: stable across machines. */
export function compareItems(a: PlanItem, b: PlanItem): number {
  return (
    ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.uuid ?? '', b.uuid ?? '') ||
    compareStrings(a.file ?? '', b.file ?? '')
  );
}

/** Counts per action. */
export function countItems(items: readonly PlanItem[]): PlanCounts {
  const count = (action: PlanAction) => items.filter((i) => i.action === action).length;
  return {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    noop: count('noop'),
    blocked: count('blocked'),
    unreadable: count('unreadable'),
  };
}

/** Items that differ from the account: creates, updates, deletes and blocked items. */
export function changeCount(plan: Plan | undefined): number {
  if (!plan) return 0;
  const { counts } = plan;
  return counts.create + counts.update + counts.delete + counts.blocked;
}

/** True when the plan holds a create, update, delete or blocked item (the `has-changes` output). */
export function hasChanges(plan: Plan | undefined): boolean {
  return changeCount(plan) > 0;
}

/** Scripts this folder keeps (update or no-op) that wait for review or were rejected. */
function findPendingApprovals(items: readonly PlanItem[]): Plan['pendingApprovals'] {
  return items
    .filter((i) => i.action === 'update' || i.action === 'noop')
    .flatMap((i) =>
      i.uuid !== undefined && (i.remoteStatus === 'PENDING_APPROVE' || i.remoteStatus === 'REJECTED')
        ? [{ name: i.name, uuid: i.uuid, status: i.remoteStatus }]
        : [],
    )
    .sort((a, b) => compareStrings(a.name, b.name));
}

/**
 * Present definitions equal to their remote script: the no-op items, less the tombstones whose
 * script is already gone (the `unchanged` output).
 */
export function unchangedCount(plan: Plan): number {
  return plan.items.filter((item) => item.action === 'noop' && item.reason !== ALREADY_ABSENT).length;
}
