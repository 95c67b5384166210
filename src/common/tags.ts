/**
 * Resource tags of COC scripts: the character and length rules, the ownership tag's fixed key,
 * and the order tags are kept in. COC documents no limits of its own; these are Huawei Cloud's
 * common tag rules (TMS), which several services' API references state and which the
 * definition format, the `owner` input and the emulator all enforce (docs/coc-api.md).
 */
import { compareStrings } from './compare.js';
import { characters, codePointLength, describeChar, firstRejectedChar } from './text.js';

/** A resource tag (model.ts's `Tag` has this shape; common/ sits below model.ts). */
interface Tag {
  readonly key: string;
  readonly value: string;
}

/**
 * Key of the tag that says which folder manages a script. Fixed (and documented in the README)
 * so that every repository using this action recognises the others' scripts.
 */
export const OWNERSHIP_TAG_KEY = 'managed-by-coc-script-sync';

/** Tags per script, the ownership tag included. */
export const MAX_TAGS = 20;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 255;

/** Letters of any script (with their combining marks), digits, space and `_ . : = + - @`. */
const KEY_CHAR = /^[\p{L}\p{M}\p{N} _.:=+\-@]$/u;
/** As keys, plus `/`. */
const VALUE_CHAR = /^[\p{L}\p{M}\p{N} _.:/=+\-@]$/u;

export const TAG_KEY_ALLOWED = 'letters, digits, space and _ . : = + - @';
export const TAG_VALUE_ALLOWED = 'letters, digits, space and _ . : / = + - @';

/**
 * JSON Schema patterns: JSON Schema regexes have no Unicode classes everywhere, so these refuse
 * the ASCII characters outside the sets (and control characters); the loader checks the rest.
 */
export const TAG_KEY_PATTERN =
  '^(?!_sys_)(?! )(?!.* $)[^\\u0000-\\u001f\\u007f!"#$%&\'()*,/;<>?\\[\\\\\\]^`{|}~]+$';
export const TAG_VALUE_PATTERN = '^[^\\u0000-\\u001f\\u007f!"#$%&\'()*,;<>?\\[\\\\\\]^`{|}~]*$';

/** The problem with a tag key, as a rule without the field name; undefined when valid. */
export function explainTagKey(key: string): string | undefined {
  const length = codePointLength(key);
  if (length === 0) return 'must not be empty';
  if (length > TAG_KEY_MAX) return `is too long: ${characters(length)}, at most ${TAG_KEY_MAX} allowed`;
  if (key.startsWith('_sys_')) return "must not start with '_sys_' (reserved for system tags)";
  if (key !== key.trim()) return 'must not start or end with a space';
  const rejected = firstRejectedChar(key, KEY_CHAR);
  if (rejected !== undefined) return `contains ${describeChar(rejected)}; use only ${TAG_KEY_ALLOWED}`;
  return undefined;
}

/** The problem with a tag value, as a rule without the field name; undefined when valid. */
export function explainTagValue(value: string): string | undefined {
  const length = codePointLength(value);
  if (length > TAG_VALUE_MAX) return `is too long: ${characters(length)}, at most ${TAG_VALUE_MAX} allowed`;
  const rejected = firstRejectedChar(value, VALUE_CHAR);
  if (rejected !== undefined) return `contains ${describeChar(rejected)}; use only ${TAG_VALUE_ALLOWED}`;
  return undefined;
}

/**
 * Makes any text a valid tag value: every character outside the value set becomes `_`, and the
 * result is cut to 255 characters. Used for the default owner (`<repository>:<path>`), whose path
 * part may hold characters a tag value cannot.
 */
export function fitTagValue(text: string): string {
  const chars = Array.from(text, (char) => (VALUE_CHAR.test(char) ? char : '_'));
  return chars.slice(0, TAG_VALUE_MAX).join('');
}

/** Tags in key order (code points), the one order every stage keeps and compares them in. */
export function sortTags<T extends Tag>(tags: readonly T[]): T[] {
  return [...tags].sort((a, b) => compareStrings(a.key, b.key));
}

/** `team=sre, managed-by-coc-script-sync=org/repo:path`, or `(none)`: tags in one line of text. */
export function renderTags(tags: readonly Tag[]): string {
  return tags.length === 0 ? '(none)' : tags.map((tag) => `${tag.key}=${tag.value}`).join(', ');
}

/** The value of the ownership tag among `tags`, if it is there. */
export function ownerOf(tags: readonly Tag[]): string | undefined {
  return tags.find((tag) => tag.key === OWNERSHIP_TAG_KEY)?.value;
}

/** `tags` without the ownership tag: what definitions manage and diffs compare. */
export function userTags<T extends Tag>(tags: readonly T[]): T[] {
  return tags.filter((tag) => tag.key !== OWNERSHIP_TAG_KEY);
}
