/**
 * Character-level helpers shared by the definition schema, the content reader, the env-value rule
 * and the tag rules (which config/ uses for the `owner` input too, hence common/). Lengths are
 * counted in code points because COC counts characters, not UTF-16 units.
 */
import { editDistance } from '../common/edit-distance.js';

/**
 * Number of Unicode code points in `text` (a lone surrogate counts as one, as string iteration
 * does). Counts surrogate pairs with charCodeAt: it runs over every script's content, and the
 * string iterator is several times slower on 4,096 characters.
 */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count -= 1;
      index += 1;
    }
  }
  return count;
}

/** Renders one character for a message: `'#'`, or `'é' (U+00E9)` when it is not plain ASCII. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f) return hex;
  return code < 0x80 ? `'${char}'` : `'${char}' (${hex})`;
}

/** The first character of `text` that `allowed` (a one-character test) rejects, if any. */
export function firstRejectedChar(text: string, allowed: RegExp): string | undefined {
  for (const char of text) {
    if (!allowed.test(char)) return char;
  }
  return undefined;
}

/** `"1 character"` / `"5 characters"`. */
export function characters(count: number): string {
  return count === 1 ? '1 character' : `${count} characters`;
}

/** The closest of `candidates` to `word` when it is a plausible typo (edit distance ≤ 2). */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `1 script` / `2 scripts`: every count in a message agrees with its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * `text` in storage of its own. The `yaml` package hands out scalars as slices of the file's
 * text, and V8 keeps the whole text alive while any slice of 13 characters or more is; a
 * definition kept for the run would hold its 3 KB file through its description. UTF-16 both
 * ways, so every code unit (a lone surrogate too) comes back unchanged.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}
