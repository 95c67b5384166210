/**
 * The tags update of custom scripts (docs/coc-api.md §4.7): `POST /v1/script/coc:script/{uuid}/tags/update`
 * with `{"tags": [{key, value}, …]}`, which replaces the whole set. COC documents no limits, so
 * the emulator enforces Huawei Cloud's common tag rules (TMS), written here from the reference
 * and not shared with the client: at most 20 tags, unique keys of 1–128 characters (letters of
 * any script, digits, space, `_ . : = + - @`; no leading or trailing space; no `_sys_` prefix)
 * and values of 0–255 characters (the same set plus `/`).
 */
import { asObject, attempt, charLength, fail, type Checked } from './validate.js';
import type { SeedTag } from './types.js';

/** Path prefix of the tags API (a path of its own, outside /v1/job). */
export const TAGS_BASE = '/v1/script/coc:script';

const MAX_TAGS = 20;
const KEY = /^[\p{L}\p{M}\p{N} _.:=+\-@]+$/u;
const VALUE = /^[\p{L}\p{M}\p{N} _.:/=+\-@]*$/u;

function checkKey(value: unknown, field: string): string {
  if (typeof value !== 'string') fail('tags', field, 'must be a string');
  const length = charLength(value);
  if (length < 1 || length > 128) fail('tags', field, 'length must be 1 to 128 characters');
  if (value.startsWith('_sys_')) fail('tags', field, 'must not start with _sys_');
  if (value.trim() !== value) fail('tags', field, 'must not start or end with a space');
  if (!KEY.test(value)) fail('tags', field, 'allowed: letters, digits, space and _.:=+-@');
  return value;
}

function checkValue(value: unknown, field: string): string {
  // Terraform leaves an empty value out; read it as "".
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail('tags', field, 'must be a string');
  if (charLength(value) > 255) fail('tags', field, 'length must be 0 to 255 characters');
  if (!VALUE.test(value)) fail('tags', field, 'allowed: letters, digits, space and _.:/=+-@');
  return value;
}

/** The body of a tags update; `tags: null` (what Terraform sends to clear) reads as `[]`. */
export function checkTagsUpdate(body: unknown): Checked<SeedTag[]> {
  return attempt(() => {
    const input = asObject(body) ?? fail('request body', 'body', 'must be a JSON object');
    const list = input['tags'];
    if (list === undefined) fail('tags', 'tags', 'is required');
    if (list === null) return [];
    if (!Array.isArray(list)) fail('tags', 'tags', 'must be a list');
    if (list.length > MAX_TAGS) fail('tags', 'tags', `at most ${MAX_TAGS} tags are allowed`);
    const seen = new Set<string>();
    return list.map((item: unknown, index) => {
      const tag = asObject(item) ?? fail('tags', `tags[${index}]`, 'must be an object');
      const key = checkKey(tag['key'], `tags[${index}].key`);
      if (seen.has(key)) fail('tags', `tags[${index}].key`, `duplicate key ${key}`);
      seen.add(key);
      return { key, value: checkValue(tag['value'], `tags[${index}].value`) };
    });
  });
}

/** The uuid of a tags update path, or undefined when `path` is not one. */
export function tagsUpdateUuid(path: string): string | undefined {
  if (!path.startsWith(`${TAGS_BASE}/`)) return undefined;
  const rest = path.slice(TAGS_BASE.length + 1).split('/');
  return rest.length === 3 && rest[1] === 'tags' && rest[2] === 'update' && rest[0] !== ''
    ? rest[0]
    : undefined;
}
