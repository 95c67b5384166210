/**
 * Small GitHub-flavoured Markdown helpers. Text from definitions, the API or errors is escaped
 * so that it cannot break a table, open HTML, or end a code fence early.
 */

/** Escapes the three characters that could start or end HTML. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text safe inside one table cell: HTML escaped, pipes escaped, line breaks as `<br>`. */
export function cell(text: string): string {
  return escapeHtml(text).replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/** Inline code that survives tables and backticks in the text (HTML `<code>`, escaped). */
export function code(text: string): string {
  return `<code>${cell(text)}</code>`;
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

/** `n thing` / `n things`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
