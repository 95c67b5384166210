/** Builders for one plan item each: what a binding (or a prune match) means for the plan. */
import type { SyncSensitive } from '../config/config.js';
import type {
  ApiErrorInfo,
  DesiredScript,
  FieldChange,
  PresentDefinition,
  PlanItem,
  RemoteScript,
  RemoteScriptSummary,
} from '../model.js';
import { userTags } from '../common/tags.js';
import type { Binding } from '../resolve/bind.js';
import type { OwnershipSettings } from '../resolve/ownership-tag.js';
import { needsOwnershipMark, tagSetFor } from '../resolve/ownership-tag.js';
import { diffFields, renderParam, renderReviewers } from '../diff/fields.js';
import { describeNewTags, diffTags } from '../diff/tags.js';
import { renderContentDiff } from '../diff/text-diff.js';

/** Reason of the no-op item of a `state: absent` definition whose script is already gone. */
export const ALREADY_ABSENT = 'already absent';

/** Reason of an update that only changes tags: the tags API alone, so the review is kept. */
export const TAGS_ONLY =
  'tags only: sent with the tags API alone (no PUT), so the script keeps its review status';

/** An update sent with the tags API alone: no PUT, so no reviewer reset. */
export function isTagsOnlyUpdate(item: PlanItem): boolean {
  return item.action === 'update' && item.desired === undefined && item.tags !== undefined;
}

/** What every item builder needs besides the binding. */
export interface ItemSettings {
  readonly syncSensitive: SyncSensitive;
  readonly ownership: OwnershipSettings;
}

/**
 * Update items computed ahead of the plan: the engine prepares each script's item as its GET is
 * answered (the field and content diffs are most of a plan's own work), so building the plan
 * after the last answer only picks them up. An item is a pure function of the definition, the
 * remote script and the settings; one not prepared is computed when the plan is built.
 */
export interface PreparedItems {
  readonly settings: ItemSettings;
  /** Computes the item a present definition bound to `remote` would have. */
  prepare(definition: PresentDefinition, remote: RemoteScript): void;
  /** The prepared item for exactly this definition and remote script, if any. */
  get(definition: PresentDefinition, remote: RemoteScript): PlanItem | undefined;
}

/** A memo of prepared update items for one run, for these settings. */
export function createPreparedItems(settings: ItemSettings): PreparedItems {
  const items = new WeakMap<PresentDefinition, { remote: RemoteScript; item: PlanItem }>();
  return {
    settings,
    prepare(definition, remote) {
      if (items.get(definition)?.remote !== remote)
        items.set(definition, { remote, item: updateItem(definition, remote, settings) });
    },
    get(definition, remote) {
      const prepared = items.get(definition);
      return prepared?.remote === remote ? prepared.item : undefined;
    },
  };
}

/** The prepared items, when they were made for the same settings; else none. */
function preparedFor(settings: ItemSettings, prepared: PreparedItems | undefined): PreparedItems | undefined {
  const made = prepared?.settings;
  const same = made?.syncSensitive === settings.syncSensitive && made.ownership === settings.ownership;
  return same ? prepared : undefined;
}

/** The plan item for one binding (an update picked from `prepared` when it holds it). */
export function itemForBinding(binding: Binding, settings: ItemSettings, prepared?: PreparedItems): PlanItem {
  const { definition } = binding;
  const origin = { name: definition.name, file: definition.file, location: definition.location };
  if (binding.kind === 'unreadable') return unreadableItem(origin, binding.uuid, binding.error);
  if (binding.kind === 'blocked') {
    const remote = binding.remote;
    const uuid = remote?.uuid ?? definition.uuid;
    return {
      ...origin,
      action: 'blocked',
      ...(uuid === undefined ? {} : { uuid }),
      reason: binding.reason,
      changes: [],
      reviewerReset: false,
      ...(remote === undefined ? {} : { remoteStatus: remote.status }),
    };
  }
  if (binding.kind === 'unbound') {
    if (definition.state === 'present') return createItem(definition, settings.ownership);
    return { ...origin, action: 'noop', reason: ALREADY_ABSENT, changes: [], reviewerReset: false };
  }
  const remote = binding.remote;
  const bound = { ...origin, uuid: remote.uuid, remoteStatus: remote.status };
  if (definition.state === 'absent') {
    return { ...bound, action: 'delete', reason: 'state: absent', changes: [], reviewerReset: false };
  }
  return preparedFor(settings, prepared)?.get(definition, remote) ?? updateItem(definition, remote, settings);
}

/**
 * A create: everything is new; the content diff is against nothing. The tags (the ownership tag
 * included) follow with a tags update once the script exists.
 */
export function createItem(definition: PresentDefinition, ownership: OwnershipSettings): PlanItem {
  const desired = desiredScript(definition, undefined);
  const contentDiff = renderContentDiff(undefined, definition.content);
  const tags = tagSetFor(definition.tags ?? [], [], ownership);
  return {
    action: 'create',
    name: definition.name,
    file: definition.file,
    location: definition.location,
    changes: [...describeCreate(desired), ...describeNewTags(definition.tags)],
    ...(contentDiff === undefined ? {} : { contentDiff }),
    reviewerReset: false,
    desired,
    ...(tags.length === 0 ? {} : { tags }),
  };
}

/**
 * A bound present definition: a PUT when a script field differs, a tags update when a tag differs
 * or the ownership tag is missing, either or both. The ownership mark alone is no change: the
 * item stays a no-op that apply still marks.
 */
function updateItem(definition: PresentDefinition, remote: RemoteScript, settings: ItemSettings): PlanItem {
  const fieldChanges = diffFields(definition, remote, settings.syncSensitive);
  const tagChanges = diffTags(remote.tags, definition.tags);
  const markOwned = needsOwnershipMark(remote.tags, settings.ownership);
  const tagWrite =
    tagChanges.length > 0 || markOwned
      ? {
          tags: tagSetFor(definition.tags ?? userTags(remote.tags), remote.tags, settings.ownership),
          ...(markOwned ? { markOwned } : {}),
        }
      : {};
  const base = {
    name: definition.name,
    uuid: remote.uuid,
    file: definition.file,
    location: definition.location,
    remoteStatus: remote.status,
    ...tagWrite,
  };
  const changes = [...fieldChanges, ...tagChanges];
  if (changes.length === 0) return { ...base, action: 'noop', changes, reviewerReset: false };
  if (fieldChanges.length === 0)
    return { ...base, action: 'update', reason: TAGS_ONLY, changes, reviewerReset: false };
  const desired = desiredScript(definition, remote);
  const contentDiff = renderContentDiff(remote.content, definition.content);
  return {
    ...base,
    action: 'update',
    changes,
    ...(contentDiff === undefined ? {} : { contentDiff }),
    // Every modify of a script that has reviewers afterwards sends it back to review.
    reviewerReset: desired.reviewers.length > 0,
    desired,
  };
}

/**
 * What a create or modify sends: omitted reviewers keep the remote ones (re-selected), omitted
 * protocol keeps the remote one when GET returned it and is left out of the body otherwise.
 */
export function desiredScript(
  definition: PresentDefinition,
  remote: RemoteScript | undefined,
): DesiredScript {
  const protocol = definition.protocol ?? remote?.protocol;
  return {
    name: definition.name,
    type: definition.type,
    description: definition.description,
    content: definition.content,
    riskLevel: definition.riskLevel,
    version: definition.version,
    reviewers: definition.reviewers ?? remote?.reviewers ?? [],
    ...(protocol === undefined ? {} : { protocol }),
    params: definition.params,
  };
}

function describeCreate(desired: DesiredScript): FieldChange[] {
  const changes: FieldChange[] = [
    { field: 'type', after: desired.type },
    { field: 'description', after: desired.description },
    { field: 'content' },
    { field: 'risk_level', after: desired.riskLevel },
    { field: 'version', after: desired.version },
  ];
  if (desired.protocol !== undefined) changes.push({ field: 'protocol', after: desired.protocol });
  if (desired.reviewers.length > 0)
    changes.push({ field: 'reviewers', after: renderReviewers(desired.reviewers) });
  for (const param of desired.params)
    changes.push({ field: `params.${param.name}`, after: renderParam(param) });
  return changes;
}

/**
 * A script the plan needs but could not read: no action for it this run (not even a prune), its
 * error reported; the run fails at the end and the next one reads it again.
 */
export function unreadableItem(
  origin: Pick<PlanItem, 'name' | 'file' | 'location'>,
  uuid: string,
  error: ApiErrorInfo,
): PlanItem {
  return {
    ...origin,
    action: 'unreadable',
    uuid,
    reason: `could not be read (${error.message}); nothing is planned or written for it in this run — run again.`,
    changes: [],
    reviewerReset: false,
    readError: error,
  };
}

/** A prune deletion: a remote script matching `glob` that no definition refers to. */
export function pruneItem(summary: RemoteScriptSummary, glob: string | undefined): PlanItem {
  return {
    action: 'delete',
    name: summary.name,
    uuid: summary.uuid,
    reason: glob === undefined ? 'prune' : `prune: matches \`${glob}\``,
    changes: [],
    reviewerReset: false,
    remoteStatus: summary.status,
  };
}
