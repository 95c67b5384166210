/**
 * Which folder a remote script belongs to, read from its ownership tag (the list API carries
 * tags, so this costs no request), and the tag set a write should leave on it. With
 * `ownership: name` the tag is never written or enforced; a tag already there is left alone.
 */
import { excerpt } from '../common/inert.js';
import { OWNERSHIP_TAG_KEY, TAG_VALUE_MAX, ownerOf, sortTags, userTags } from '../common/tags.js';
import type { Config, Ownership } from '../config/config.js';
import type { KeptScript, RemoteScriptSummary, Tag } from '../model.js';

/** How this run treats ownership: the `ownership` and `owner` inputs. */
export interface OwnershipSettings {
  readonly mode: Ownership;
  /** This folder's owner value; undefined when none is configured or derivable. */
  readonly owner?: string;
}

/** The ownership settings of a configuration. */
export function ownershipSettings(config: Pick<Config, 'ownership' | 'owner'>): OwnershipSettings {
  return { mode: config.ownership, ...(config.owner === undefined ? {} : { owner: config.owner }) };
}

/** A script's ownership as seen from this folder. */
export type ScriptOwnership =
  | { readonly kind: 'mine' }
  | { readonly kind: 'unmarked' }
  | { readonly kind: 'other'; readonly owner: string };

/** Reads the ownership tag of `tags` against this folder's owner value. */
export function ownershipOf(tags: readonly Tag[], settings: OwnershipSettings): ScriptOwnership {
  const owner = ownerOf(tags);
  if (owner === undefined) return { kind: 'unmarked' };
  return owner === settings.owner ? { kind: 'mine' } : { kind: 'other', owner };
}

/**
 * The owner value of another folder that holds the script, when this folder must not touch it
 * (`ownership: tag` only). Without an owner value of its own, every marked script is another's.
 */
export function foreignOwner(tags: readonly Tag[], settings: OwnershipSettings): string | undefined {
  if (settings.mode !== 'tag') return undefined;
  const ownership = ownershipOf(tags, settings);
  return ownership.kind === 'other' ? ownership.owner : undefined;
}

/** True when a write must add this folder's ownership tag (tag mode, owner known, not yet there). */
export function needsOwnershipMark(tags: readonly Tag[], settings: OwnershipSettings): boolean {
  return settings.mode === 'tag' && settings.owner !== undefined && ownerOf(tags) !== settings.owner;
}

/**
 * The complete tag set to leave on a script: the user's tags plus the ownership tag — this
 * folder's in tag mode when known, else whatever ownership tag the script already carries.
 */
export function tagSetFor(user: readonly Tag[], remote: readonly Tag[], settings: OwnershipSettings): Tag[] {
  const owner = settings.mode === 'tag' && settings.owner !== undefined ? settings.owner : ownerOf(remote);
  const ownership = owner === undefined ? [] : [{ key: OWNERSHIP_TAG_KEY, value: owner }];
  return sortTags([...userTags(user), ...ownership]);
}

/**
 * Another folder's owner value as reports quote it: whole when it is a valid tag value (people
 * need the exact value), cut when a server sends something longer.
 */
export function shownOwner(owner: string): string {
  return excerpt(owner, TAG_VALUE_MAX);
}

/** Why a bound definition is blocked by another folder's ownership tag, with the ways out. */
export function foreignOwnerReason(owner: string, settings: OwnershipSettings): string {
  const mine =
    settings.owner === undefined
      ? 'this folder has no owner value (set the `owner` input)'
      : `this folder's owner value is \`${settings.owner}\``;
  return (
    `the remote script is owned by another folder (owner: \`${shownOwner(owner)}\`; ${mine}), and two folders ` +
    `must not fight over one script: nothing is changed. If it should move here, drop it from the ` +
    `other folder (so that folder neither updates nor prunes it) and delete its ` +
    `\`${OWNERSHIP_TAG_KEY}\` tag in the COC console; the next apply here marks it as owned.`
  );
}

/**
 * Prune candidates split into the ones this folder may delete and the ones it keeps: with
 * `ownership: tag` only scripts carrying this folder's owner value are deleted; with
 * `ownership: name` every candidate is.
 */
export function splitByOwnership(
  candidates: readonly RemoteScriptSummary[],
  settings: OwnershipSettings,
): { readonly owned: RemoteScriptSummary[]; readonly kept: KeptScript[] } {
  if (settings.mode === 'name') return { owned: [...candidates], kept: [] };
  const owned: RemoteScriptSummary[] = [];
  const kept: KeptScript[] = [];
  for (const script of candidates) {
    const ownership = ownershipOf(script.tags, settings);
    if (ownership.kind === 'mine') owned.push(script);
    else
      kept.push({
        name: script.name,
        uuid: script.uuid,
        ...(ownership.kind === 'other' ? { owner: shownOwner(ownership.owner) } : {}),
      });
  }
  return { owned, kept };
}

/** Whether a listed script matching `prune` needs its details read: only when it may be deleted. */
export function mayPrune(summary: RemoteScriptSummary, settings: OwnershipSettings): boolean {
  return settings.mode === 'name' || ownershipOf(summary.tags, settings).kind === 'mine';
}
