/**
 * Positions inside a script's text. Checkers count columns differently (mvdan/sh in UTF-8 bytes,
 * Python and ShellCheck in code points); everything is turned into a string index first and then
 * into a 1-based line and a column in UTF-16 units, the unit the YAML positions use.
 */

/** A 1-based line and column inside a script's text. */
export interface ScriptPosition {
  readonly line: number;
  readonly column: number;
}

/** Start index of every line of `text` (lines end at `\n`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/**
 * The position of string index `index`. The end of a text that ends with a line break (where
 * "reached EOF" errors point) is placed at the end of the last line, a line the file really has.
 */
export function positionAt(text: string, index: number): ScriptPosition {
  const starts = lineStarts(text);
  let clamped = Math.max(0, Math.min(index, text.length));
  if (clamped === text.length && text.endsWith('\n') && clamped > 0) clamped -= 1;
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= clamped) line += 1;
  return { line: line + 1, column: clamped - (starts[line] ?? 0) + 1 };
}

/** The string index of UTF-8 byte offset `offset` of `text`. */
export function indexOfByteOffset(text: string, offset: number): number {
  let bytes = 0;
  let index = 0;
  while (index < text.length && bytes < offset) {
    const code = text.codePointAt(index) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/** The string index of a 1-based line and a 1-based column counted in `unit`s of that line. */
export function indexOfLineColumn(
  text: string,
  line: number,
  column: number,
  unit: 'byte' | 'codepoint',
): number {
  const starts = lineStarts(text);
  const start = starts[Math.max(0, Math.min(line, starts.length) - 1)] ?? 0;
  const rest = text.slice(start);
  if (unit === 'byte') return start + indexOfByteOffset(rest, Math.max(0, column - 1));
  let index = 0;
  for (let counted = 1; counted < column && index < rest.length; counted += 1) {
    index += (rest.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return start + index;
}

/** The text of 1-based line `line`, without its line break. */
export function lineText(text: string, line: number): string {
  const starts = lineStarts(text);
  const start = starts[line - 1];
  if (start === undefined) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/u, '');
}
