/**
 * Tags compared as a map (order never matters), one change per key added, removed or changed.
 * The ownership tag is not the user's to manage and never shows here: the plan lists scripts
 * that will be marked as owned once, on their own.
 */
import { compareStrings } from '../common/compare.js';
import { userTags } from '../common/tags.js';
import type { FieldChange, Tag } from '../model.js';

/** `tags.<key>` changes from the remote tags to the definition's; omitted `tags` keeps the remote. */
export function diffTags(remote: readonly Tag[], desired: readonly Tag[] | undefined): FieldChange[] {
  if (desired === undefined) return [];
  const before = new Map(userTags(remote).map((tag) => [tag.key, tag.value]));
  const after = new Map(userTags(desired).map((tag) => [tag.key, tag.value]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  return keys.flatMap((key): FieldChange[] => {
    const [was, now] = [before.get(key), after.get(key)];
    if (was === now) return [];
    return [
      {
        field: tagField(key),
        ...(was === undefined ? {} : { before: renderTagValue(was) }),
        ...(now === undefined ? {} : { after: renderTagValue(now) }),
      },
    ];
  });
}

/** Tag changes of a create: every tag of the definition is new. */
export function describeNewTags(tags: readonly Tag[] | undefined): FieldChange[] {
  return diffTags([], tags ?? []);
}

/** True when the change is about one tag (`tags.<key>`). */
export function isTagChange(change: FieldChange): boolean {
  return change.field.startsWith('tags.');
}

function tagField(key: string): string {
  return `tags.${key}`;
}

/** A tag value for people: an empty value is shown as `""` so that it does not read as absent. */
function renderTagValue(value: string): string {
  return value === '' ? '""' : value;
}
