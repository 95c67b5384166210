/**
 * Small GitHub-flavoured Markdown helpers. Text from definitions, the API or errors goes through
 * `prose` or `code` (names, paths, values), which make it inert: it cannot break a table,
 * open HTML, end a code fence early, or render as a link, an image, an @mention, a team mention,
 * an issue reference or a math block. Entities are used where possible (they render as the plain
 * character and copy as it); @ and # in prose also get an invisible word joiner, because GitHub
 * finds mentions and references in the rendered text, after entities are decoded.
 */

/**
 * Characters that start HTML, links, images, code, emphasis, tables or math, as numeric entities
 * (without `[` no link or image can start; `_` stays: GFM does not emphasise inside words, and
 * names are full of it).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  '[': '&#91;',
  ']': '&#93;',
  '~': '&#126;',
  '|': '&#124;',
  $: '&#36;',
};
const SYNTAX = /[&<>\\`*[\]~|$]/gu;
/** U+2060 WORD JOINER: invisible, not whitespace, and breaks `@name` and `#12`. */
const JOINER = '\u2060';

/**
 * Prose keeps backticks: a code span is inert (nothing in it is a link or a mention), and our own
 * messages quote input names and commands in them.
 */
const PROSE_SYNTAX = /[&<>\\*[\]~|$]/gu;

function entities(text: string, syntax: RegExp = SYNTAX): string {
  // Bare URLs (`https://…`, `www.…`) become links without any of the characters above.
  return text
    .replace(syntax, (char) => ENTITIES[char] ?? char)
    .replaceAll('://', '&#58;//')
    .replace(/(www)\./giu, '$1&#46;');
}

function lineBreaks(text: string): string {
  return text.replace(/\r\n|\r|\n/gu, '<br>');
}

/** Outside text as inert inline prose (also safe inside a table cell); line breaks as `<br>`. */
export function prose(value: string): string {
  return lineBreaks(
    entities(
      value.replace(/[@#]/gu, (char) => `${char}${JOINER}`),
      PROSE_SYNTAX,
    ),
  );
}

/** Escapes the three characters that could start or end HTML (for our own HTML attributes). */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Outside text for one table cell: the same as `prose`. */
export function cell(value: string): string {
  return prose(value);
}

/**
 * Inline code (HTML `<code>`, so it survives tables and backticks in the value). GitHub links no
 * mention or reference inside code; the entities keep links, images and emphasis out.
 */
export function code(value: string): string {
  return `<code>${lineBreaks(entities(value))}</code>`;
}

/** One table row from cells that are already escaped. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

/** A table header (names and separator line). */
export function tableHead(names: readonly string[]): string {
  return row(names) + row(names.map(() => '---'));
}

/** A fenced code block whose fence is longer than any backtick run inside the text. */
export function fence(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${marks}${language}\n${body}${marks}\n`;
}

/** A collapsible section; the summary line is HTML, the body Markdown. */
export function details(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n</details>\n`;
}
