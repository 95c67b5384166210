/**
 * Making outside text inert in a log. The Actions runner reads every line a step prints: a line
 * that starts with `::` (after leading spaces) is a workflow command (`::add-mask::`,
 * `::stop-commands::`, `::error …::`), and the legacy form `##[command]` is recognised anywhere
 * in a line. Text from a definition file or from a server (COC `error_msg`, script names) must
 * never become one, so it is escaped before it reaches a log line. Markdown has its own helpers
 * (report/markdown.ts). Pure and dependency-free.
 */
import { ELLIPSIS } from './scrub.js';

/** Control characters, line and paragraph separators, and bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A line that cannot be read as a workflow command: `::` at its start and every `##[` defused. */
function defuse(line: string): string {
  const start = line.length - line.trimStart().length;
  const head = line.startsWith('::', start) ? `${line.slice(0, start)}\\${line.slice(start)}` : line;
  return head.replaceAll('##[', '##\\[');
}

/** What a terminal may keep: SGR colour sequences (`ESC[…m`), which the CLI's palette writes. */
// eslint-disable-next-line no-control-regex -- the palette writes exactly these sequences
const SGR = /\u001b\[[0-9;]*m/gu;

export interface InertOptions {
  /** Keep SGR colour sequences (a colour terminal); every other control character is escaped. */
  readonly keepColor?: boolean;
}

function escapeUnsafe(text: string, options: InertOptions): string {
  if (!options.keepColor) return text.replace(UNSAFE, escapeChar);
  let result = '';
  let from = 0;
  for (const match of text.matchAll(SGR)) {
    result += text.slice(from, match.index).replace(UNSAFE, escapeChar) + match[0];
    from = match.index + match[0].length;
  }
  return result + text.slice(from).replace(UNSAFE, escapeChar);
}

/**
 * Any text as ONE inert log line: CR, LF and other control characters escaped (`\r`, `\n`,
 * `\u001b`), a leading `::` prefixed with `\`, and `##[` written `##\[`.
 */
export function inertLine(text: string, options: InertOptions = {}): string {
  return defuse(escapeUnsafe(text, options));
}

/**
 * Text of several lines (a terminal report with diffs) kept as lines, each made inert: only LF
 * separates lines; CR and other control characters are escaped within them.
 */
export function inertLines(text: string, options: InertOptions = {}): string {
  return text
    .split('\n')
    .map((line) => inertLine(line, options))
    .join('\n');
}

/**
 * JSON text (the CLI's --json output) made inert without breaking it: `##[` inside a string
 * becomes `#\u0023[`, and U+2028/U+2029 (which JSON.stringify leaves raw) are escaped. JSON has
 * no raw control characters, and no line of pretty-printed JSON starts with `::`.
 */
export function inertJson(json: string): string {
  return json.replaceAll('##[', '#\\u0023[').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** How much of a file or server value a message may quote. */
export const EXCERPT_LENGTH = 40;

/**
 * At most `max` characters (code points) of a value, for quoting it in a message: longer values
 * end with `…` (the scrubber then also removes a secret that the cut left half-shown).
 */
export function excerpt(value: string, max = EXCERPT_LENGTH): string {
  if (value.length <= max) return value;
  const points = Array.from(value.slice(0, max * 2));
  return points.length <= max && value.length <= max * 2
    ? value
    : `${points.slice(0, max).join('')}${ELLIPSIS}`;
}
