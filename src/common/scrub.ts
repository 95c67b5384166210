/**
 * The one scrubber. Every output channel — log lines, job summary, PR comment, drift issue, plan
 * file, annotations, outputs, CLI — passes its text through `scrub` of one SecretSet before it
 * leaves the process, and every secret becomes the one marker, REDACTED.
 *
 * A secret is found in the forms it takes when text is re-encoded on its way to us: raw,
 * JSON-escaped (once and twice, `\"` and `\\\"`; non-ASCII as `\uXXXX` too), URL-encoded
 * (`%XX` upper and lower case, `+` for spaces, RFC 3986 strict), HTML-escaped, base64 and
 * base64url (at each of the three byte alignments, as the Actions runner masks them), and split
 * over lines (a line break, `\n` escape or `<br>`, plus a diff or quote sign and indentation,
 * between any two characters).
 * A secret cut short right before an ellipsis (an excerpt of a longer text) is found too.
 *
 * Pure and dependency-free: coc/, github/, report/ and the front ends all import it.
 */

/** What every secret is replaced with, in every channel (and sensitive values in the plan file). */
export const REDACTED = '(sensitive)';

/**
 * Secrets shorter than this are not searched in free text: a value of one to three characters
 * would be "found" inside ordinary words and mangle every report. Such values are never placed
 * in reports in the first place (sensitive values render as REDACTED; messages never quote them).
 */
export const MIN_SECRET_LENGTH = 4;

/** The ellipsis excerpts end with (common/inert.ts): a secret prefix right before it is scrubbed. */
export const ELLIPSIS = '…';

/** A set of secrets and the scrubber built from it. */
export interface SecretSet {
  /** Registers a secret (and its encoded forms); empty and repeated values are ignored. */
  add(value: string): void;
  /** Every registered value, in registration order. */
  values(): readonly string[];
  /** `text` with every form of every registered secret replaced by REDACTED. */
  scrub(text: string): string;
  /** A deep copy of plain data (objects, arrays) with every string scrubbed; other values kept. */
  scrubData<T>(value: T): T;
}

/** Creates a secret set, optionally seeded. */
export function createSecretSet(initial: Iterable<string> = []): SecretSet {
  const registered: string[] = [];
  const seen = new Set<string>();
  const index = createPatternIndex();
  const set: SecretSet = {
    add(value) {
      if (value.length === 0 || seen.has(value)) return;
      seen.add(value);
      registered.push(value);
      for (const form of secretForms(value)) index.add(form);
    },
    values: () => registered,
    scrub: (text) => index.scrub(text),
    scrubData: <T>(value: T): T => mapStrings(value, (text) => index.scrub(text)),
  };
  for (const value of initial) set.add(value);
  return set;
}

/** One-off scrub of `text` against a list of secrets (builds a set; prefer a long-lived one). */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return createSecretSet(secrets).scrub(text);
}

// ---------------------------------------------------------------------------------------------
// The forms of one secret.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function jsonEscapedAscii(value: string): string {
  return jsonEscaped(value).replace(
    /[\u0080-\uffff]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/gu,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The characters of the base64 encoding that depend on the secret alone, for each of the three
 * byte offsets at which it can sit inside a longer encoded text.
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length)) / 6);
    for (const encoding of ['base64', 'base64url'] as const) {
      cores.push(padded.toString(encoding).slice(first, last));
    }
  }
  return cores;
}

/** Every form of `value` that the scrubber searches for (at least MIN_SECRET_LENGTH long). */
export function secretForms(value: string): string[] {
  const url = encodeURIComponent(value);
  const forms = [
    value,
    jsonEscaped(value),
    jsonEscaped(jsonEscaped(value)),
    jsonEscapedAscii(value),
    url,
    url.replace(/%[0-9A-F]{2}/gu, (escape) => escape.toLowerCase()),
    url.replaceAll('%20', '+'),
    rfc3986(value),
    value.replace(/[&<>"']/gu, (char) => HTML_ESCAPES[char] ?? char),
    ...base64Cores(value),
  ];
  return [...new Set(forms.map(withoutBreaks))].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

// ---------------------------------------------------------------------------------------------
// Line breaks: text and forms are searched with breaks removed, so a split secret is found.

/**
 * A line break as it appears in text, JSON or our HTML table cells, then what may start the next
 * line of a diff or a quote, and indentation.
 */
const BREAK = /(?:\r\n|\r|\n|\\r\\n|\\n|\\r|<br\s*\/?>)[-+>]?[ \t]*/gu;
const HAS_BREAK = /[\r\n]|\\[rn]|<br/u;

function withoutBreaks(text: string): string {
  return HAS_BREAK.test(text) ? text.replace(BREAK, '') : text;
}

/**
 * Where the pieces of a flattened text came from: piece k starts at `starts[k]` in the flat text
 * and at `origins[k]` in the original, and runs unbroken to the next piece. Built only for a text
 * in which a secret was found (most texts have none, and the flat text alone is a native replace).
 */
interface PieceMap {
  readonly starts: readonly number[];
  readonly origins: readonly number[];
}

function pieceMap(text: string): PieceMap {
  const starts: number[] = [];
  const origins: number[] = [];
  let kept = 0;
  let from = 0;
  const copy = (end: number): void => {
    if (end <= from) return;
    starts.push(kept);
    origins.push(from);
    kept += end - from;
  };
  for (const match of text.matchAll(BREAK)) {
    copy(match.index);
    from = match.index + match[0].length;
  }
  copy(text.length);
  return { starts, origins };
}

/** The original index of the flat text's character `at` (which exists). */
function originOf({ starts, origins }: PieceMap, at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= at) low = middle;
    else high = middle - 1;
  }
  return (origins[low] ?? 0) + at - (starts[low] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The index: forms bucketed by a hash of their first four characters, so one pass over the text
// finds every form of every secret in time linear in the text (plus the matches).

const KEY_LENGTH = MIN_SECRET_LENGTH;

function keyAt(text: string, at: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + KEY_LENGTH; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

interface PatternIndex {
  add(form: string): void;
  scrub(text: string): string;
}

interface Index {
  readonly buckets: Map<number, string[]>;
  /**
   * The first two characters of every form (low bytes of their codes), one flag per pair: a
   * position whose pair is not flagged starts no form, so most of a text is passed over without
   * hashing its next four characters. A filter only: every flagged position is checked in full.
   */
  readonly pairs: Uint8Array;
  longest: number;
}

function pairAt(text: string, at: number): number {
  return ((text.charCodeAt(at) & 0xff) << 8) | (text.charCodeAt(at + 1) & 0xff);
}

function createPatternIndex(): PatternIndex {
  const index: Index = { buckets: new Map(), pairs: new Uint8Array(0x10000), longest: 0 };
  return {
    add(form) {
      const key = keyAt(form, 0);
      const bucket = index.buckets.get(key);
      if (bucket?.includes(form)) return;
      if (bucket) bucket.push(form);
      else index.buckets.set(key, [form]);
      index.pairs[pairAt(form, 0)] = 1;
      index.longest = Math.max(index.longest, form.length);
    },
    scrub(text) {
      if (index.longest === 0 || text.length < KEY_LENGTH) return text;
      const flat = withoutBreaks(text);
      const ranges = findRanges(flat, index);
      if (flat.includes(ELLIPSIS)) ranges.push(...cutPrefixRanges(flat, index));
      if (ranges.length === 0) return text;
      // withoutBreaks returns `text` itself when there is nothing to remove.
      return replaceRanges(text, flat === text ? ranges : toOriginal(ranges, pieceMap(text)));
    },
  };
}

type Range = [start: number, end: number];

function findRanges(text: string, index: Index): Range[] {
  const { buckets, pairs } = index;
  const ranges: Range[] = [];
  // The pair at `at` is (this, next): each character's code is read once, as `next`.
  let next = text.charCodeAt(0) & 0xff;
  for (let at = 0; at + KEY_LENGTH <= text.length; at += 1) {
    const pair = (next << 8) | (next = text.charCodeAt(at + 1) & 0xff);
    if (pairs[pair] === 0) continue;
    const bucket = buckets.get(keyAt(text, at));
    if (bucket === undefined) continue;
    for (const form of bucket) if (text.startsWith(form, at)) ranges.push([at, at + form.length]);
  }
  return ranges;
}

/**
 * A secret cut short by an excerpt: its first characters (at least four) right before `…`.
 * Each candidate start is looked up by its four-character key, so the cost is the number of
 * ellipses times the longest form, whatever the number of secrets.
 */
function cutPrefixRanges(text: string, index: Index): Range[] {
  const ranges: Range[] = [];
  for (let end = text.indexOf(ELLIPSIS); end >= 0; end = text.indexOf(ELLIPSIS, end + 1)) {
    const longest = Math.min(index.longest - 1, end);
    for (let length = longest; length >= MIN_SECRET_LENGTH; length -= 1) {
      const start = end - length;
      const bucket = index.buckets.get(keyAt(text, start)) ?? [];
      const cut = bucket.some((form) => form.length > length && form.startsWith(text.slice(start, end)));
      if (cut) {
        ranges.push([start, end]);
        break;
      }
    }
  }
  return ranges;
}

function toOriginal(ranges: readonly Range[], pieces: PieceMap): Range[] {
  return ranges.map(([start, end]) => [originOf(pieces, start), originOf(pieces, end - 1) + 1]);
}

function replaceRanges(text: string, ranges: Range[]): string {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let result = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    result += `${text.slice(from, Math.max(from, start))}${start >= from ? REDACTED : ''}`;
    from = end;
  }
  return result + text.slice(from);
}

// ---------------------------------------------------------------------------------------------

function mapStrings<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, scrub)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // Own enumerable keys, as Object.entries gives them, without an array of pairs per object.
  for (const key of Object.keys(value)) out[key] = mapStrings((value as Record<string, unknown>)[key], scrub);
  return out as T;
}
