/**
 * Plain-text tables for the terminal, aligned by display width (CJK characters take two
 * columns) and never by string length, so names in any script still line up.
 */

// eslint-disable-next-line no-control-regex -- ESC starts every ANSI colour sequence
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes in a terminal (ANSI colours take none, wide characters two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0xfe0f || (code >= 0x300 && code <= 0x36f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff)
  );
}

/** Pads to `width` display columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Right-aligns to `width` display columns (for numbers). */
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Options of `formatTable`. */
export interface TableOptions {
  /** Columns (by index) to right-align. */
  readonly alignRight?: readonly number[];
  /** Prefix of every line. */
  readonly indent?: string;
}

/** A box-drawn table: header, rule, rows. Cells may hold any text without line breaks. */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const columns = Math.max(head.length, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(displayWidth(head[column] ?? ''), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const right = new Set(options.alignRight ?? []);
  const indent = options.indent ?? '';
  const line = (cells: readonly string[]): string =>
    indent +
    widths
      .map((width, column) => (right.has(column) ? padStart : padEnd)(cells[column] ?? '', width))
      .join(' │ ')
      .trimEnd();
  const rule = indent + widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [line(head), rule, ...rows.map(line)].join('\n');
}
