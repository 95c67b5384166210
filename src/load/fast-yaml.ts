/**
 * A fast path for the plain shape almost every definition file has: block mappings with simple
 * keys, one-line plain or quoted scalars, block literals (`|`, `|-`, `|+`), block sequences and
 * empty `[]` / `{}`. It builds the same `yaml` nodes (with the same ranges) and the same data as
 * the `yaml` package would, in one pass over the lines, and gives up (returns undefined) on
 * anything else: the caller then parses the file with the `yaml` package, which stays the
 * reference. `__tests__/load/fast-yaml.test.ts` compares the two on generated and real files.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineCounter, Node } from 'yaml';

/** What the fast path produces: the document's root node and its plain data. */
export interface FastDocument {
  readonly contents: Node;
  readonly data: unknown;
}

/** A node read so far, and the offset where its value ends. */
type Read = FastDocument & { readonly end: number };

interface Line {
  readonly start: number;
  /** Leading spaces. */
  readonly indent: number;
  /** The text after the indentation, without the line break. */
  readonly body: string;
}

/** Thrown inside the fast path to give up; never escapes it. */
class GiveUp extends Error {}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/u;
/** Plain scalars the core schema resolves to something other than a string. */
const NOT_A_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/u;
/** Characters a plain scalar may not start with, in this fast path. */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');
const MAX_DEPTH = 8;
const BOOLEANS = new Map<string, boolean>(
  ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((word) => [word, word.toLowerCase() === 'true']),
);

/**
 * Parses `text` when it has the plain shape, and then fills `lineCounter` with its line starts;
 * returns undefined (leaving `lineCounter` untouched) to say "use the full parser".
 */
export function fastDocument(text: string, lineCounter: LineCounter): FastDocument | undefined {
  if (text.length === 0 || !text.endsWith('\n') || text.includes('\r') || text.charCodeAt(0) === 0xfeff)
    return undefined;
  const lines: Line[] = [];
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end);
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent += 1;
    lines.push({ start, indent, body: raw.slice(indent) });
    start = end + 1;
  }
  try {
    const reader = new Reader(text, lines);
    const first = reader.nextSignificant(0);
    if (first === undefined || lines[first]?.indent !== 0) return undefined;
    const { contents, data } = reader.map(first, 0, 0);
    if (reader.nextSignificant(reader.at) !== undefined) return undefined;
    for (const line of lines) lineCounter.addNewLine(line.start);
    return { contents, data };
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw new GiveUp();
}

class Reader {
  /** Index of the next line not yet consumed. */
  at = 0;

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /** The next line from `from` that is neither blank nor a comment. */
  nextSignificant(from: number): number | undefined {
    for (let index = from; index < this.lines.length; index += 1) {
      const line = this.lines[index] as Line;
      if (line.body.includes('\t') && !line.body.startsWith('#')) giveUp();
      if (line.body !== '' && !line.body.startsWith('#')) return index;
    }
    return undefined;
  }

  /** The next entry of a collection at `indent`, or undefined where the collection ends. */
  private sibling(indent: number): number | undefined {
    const next = this.nextSignificant(this.at);
    const line = next === undefined ? undefined : this.lines[next];
    if (line === undefined || line.indent < indent) return undefined;
    if (line.indent > indent) giveUp();
    return next;
  }

  /**
   * A block mapping whose keys stand at `indent`; its first key is on line `index` at column
   * `column` (after `- ` for a mapping inside a sequence item).
   */
  map(index: number, column: number, depth: number): Read {
    if (depth > MAX_DEPTH) giveUp();
    const node = new YAMLMap();
    const data: Record<string, unknown> = {};
    const startOffset = (this.lines[index] as Line).start + column;
    let lineIndex: number | undefined = index;
    let lineColumn = column;
    let end = startOffset;
    while (lineIndex !== undefined) {
      const line = this.lines[lineIndex] as Line;
      const body = lineColumn === line.indent ? line.body : line.body.slice(lineColumn - line.indent);
      const match = KEY.exec(body);
      const key = match?.[1];
      // Keys the core schema reads as null or booleans, `__proto__` and repeats: the full parser's.
      if (key === undefined || key === '__proto__' || NOT_A_STRING.test(key) || Object.hasOwn(data, key))
        giveUp();
      const keyStart = line.start + lineColumn;
      const keyNode = new Scalar(key);
      keyNode.type = 'PLAIN';
      keyNode.range = [keyStart, keyStart + key.length, keyStart + key.length];
      const rest = body.slice(key.length + 1);
      const value = this.value(lineIndex, keyStart + key.length + 1, rest, lineColumn, depth);
      node.items.push(new Pair(keyNode, value.contents));
      data[key] = value.data;
      end = value.end;
      lineIndex = this.sibling(lineColumn);
      lineColumn = lineIndex === undefined ? lineColumn : (this.lines[lineIndex] as Line).indent;
    }
    node.range = [startOffset, end, end];
    return { contents: node, data, end };
  }

  /** A block sequence whose dashes stand at `indent`, the first on line `index`. */
  seq(index: number, indent: number, depth: number): Read {
    if (depth > MAX_DEPTH) giveUp();
    const node = new YAMLSeq();
    const data: unknown[] = [];
    const startOffset = (this.lines[index] as Line).start + indent;
    let lineIndex: number | undefined = index;
    let end = startOffset;
    while (lineIndex !== undefined) {
      const line = this.lines[lineIndex] as Line;
      if (!line.body.startsWith('- ') || line.body.charCodeAt(2) === 32) giveUp();
      const rest = line.body.slice(2);
      const item = KEY.test(rest)
        ? this.map(lineIndex, indent + 2, depth + 1)
        : this.value(lineIndex, line.start + indent + 1, ` ${rest}`, indent, depth);
      node.items.push(item.contents);
      data.push(item.data);
      end = item.end;
      lineIndex = this.sibling(indent);
    }
    node.range = [startOffset, end, end];
    return { contents: node, data, end };
  }

  /**
   * The value after a key's colon (or a dash): `rest` is the line's text after it (empty, or
   * starting with a space), `offset` where `rest` starts, `indent` the indentation of the
   * collection the value belongs to.
   */
  value(lineIndex: number, offset: number, rest: string, indent: number, depth: number): Read {
    this.at = lineIndex + 1;
    let lead = 0;
    while (rest.charCodeAt(lead) === 32) lead += 1;
    const valueText = rest.slice(lead);
    const start = offset + lead;
    if (valueText === '' || valueText.startsWith('#')) {
      const next = this.nextSignificant(this.at);
      const line = next === undefined ? undefined : this.lines[next];
      if (next === undefined || line === undefined || line.indent <= indent) giveUp();
      return line.body.startsWith('-')
        ? this.seq(next, line.indent, depth + 1)
        : this.map(next, line.indent, depth + 1);
    }
    const first = valueText[0] ?? '';
    if (first === '|') return this.blockLiteral(start, valueText, indent);
    if (first === "'") return this.inlineOnly(this.singleQuoted(start, valueText), indent);
    if (first === '"') return this.inlineOnly(this.doubleQuoted(start, valueText), indent);
    if (first === '[' || first === '{') return this.inlineOnly(emptyFlow(start, valueText), indent);
    if (INDICATORS.has(first)) giveUp();
    return this.inlineOnly(plain(start, valueText), indent);
  }

  /** A one-line value: no later line may stand deeper than its collection (a continuation). */
  private inlineOnly(found: Read, indent: number): Read {
    for (let index = this.at; index < this.lines.length; index += 1) {
      const line = this.lines[index] as Line;
      if (line.body === '') continue;
      if (line.indent > indent) giveUp();
      break;
    }
    return found;
  }

  private singleQuoted(start: number, valueText: string): Read {
    let value = '';
    let index = 1;
    for (;;) {
      const close = valueText.indexOf("'", index);
      if (close < 0) giveUp();
      value += valueText.slice(index, close);
      if (valueText[close + 1] === "'") {
        value += "'";
        index = close + 2;
        continue;
      }
      return this.quotedEnd(start, valueText, close + 1, value, 'QUOTE_SINGLE');
    }
  }

  private doubleQuoted(start: number, valueText: string): Read {
    const close = valueText.indexOf('"', 1);
    if (close < 0 || valueText.slice(0, close).includes('\\')) giveUp();
    return this.quotedEnd(start, valueText, close + 1, valueText.slice(1, close), 'QUOTE_DOUBLE');
  }

  private quotedEnd(
    start: number,
    valueText: string,
    length: number,
    value: string,
    type: 'QUOTE_SINGLE' | 'QUOTE_DOUBLE',
  ): Read {
    afterValue(valueText.slice(length));
    const node = new Scalar(value);
    node.type = type;
    node.range = [start, start + length, start + length];
    return { contents: node, data: value, end: start + length };
  }

  /** `|`, `|-` or `|+` and the lines after it, indented deeper than `indent`. */
  private blockLiteral(start: number, valueText: string, indent: number): Read {
    const header = /^\|([-+]?)/u.exec(valueText);
    const chomp = header?.[1] ?? '';
    afterValue(valueText.slice(1 + chomp.length));
    const contentLines: string[] = [];
    let blockIndent: number | undefined;
    let leadingBlank = 0;
    let index = this.at;
    for (; index < this.lines.length; index += 1) {
      const line = this.lines[index] as Line;
      if (line.body === '') {
        if (blockIndent === undefined) leadingBlank = Math.max(leadingBlank, line.indent);
        else if (line.indent > blockIndent) giveUp();
        contentLines.push('');
        continue;
      }
      if (blockIndent === undefined) {
        if (line.indent <= indent || leadingBlank > line.indent) giveUp();
        blockIndent = line.indent;
      }
      if (line.indent < blockIndent) break;
      contentLines.push(
        this.text.slice(line.start + blockIndent, (this.lines[index + 1]?.start ?? this.text.length) - 1),
      );
    }
    if (blockIndent === undefined) giveUp();
    // Blank lines after the last content line belong to the scalar only for `|+`.
    let trailing = 0;
    while (contentLines.length > 0 && contentLines[contentLines.length - 1] === '') {
      contentLines.pop();
      trailing += 1;
    }
    const body = contentLines.join('\n');
    const value = chomp === '-' ? body : chomp === '+' ? `${body}\n${'\n'.repeat(trailing)}` : `${body}\n`;
    // Its source ends after its last content line (`|+`: after the blank lines it keeps), as in the parser.
    const endLine = chomp === '+' ? index : index - trailing;
    const consumedEnd = endLine < this.lines.length ? (this.lines[endLine] as Line).start : this.text.length;
    this.at = index;
    const node = new Scalar(value);
    node.type = 'BLOCK_LITERAL';
    node.range = [start, consumedEnd, consumedEnd];
    return { contents: node, data: value, end: consumedEnd };
  }
}

/** After a quoted scalar or a block header: nothing, or spaces and a comment. */
function afterValue(after: string): void {
  if (after === '') return;
  const trimmed = after.trimStart();
  if (trimmed === '') return;
  if (trimmed.length === after.length || !trimmed.startsWith('#')) giveUp();
}

function emptyFlow(start: number, valueText: string): Read {
  const pair = valueText.slice(0, 2);
  if (pair !== '[]' && pair !== '{}') giveUp();
  afterValue(valueText.slice(2));
  const node = pair === '[]' ? new YAMLSeq() : new YAMLMap();
  node.flow = true;
  node.range = [start, start + 2, start + 2];
  return { contents: node, data: pair === '[]' ? [] : {}, end: start + 2 };
}

function plain(start: number, valueText: string): Read {
  const comment = valueText.indexOf(' #');
  const value = (comment < 0 ? valueText : valueText.slice(0, comment)).trimEnd();
  if (value.includes(': ') || value.endsWith(':')) giveUp();
  const resolved = BOOLEANS.get(value) ?? value;
  if (typeof resolved === 'string' && NOT_A_STRING.test(value)) giveUp();
  const node = new Scalar(resolved);
  node.type = 'PLAIN';
  node.range = [start, start + value.length, start + value.length];
  return { contents: node, data: resolved, end: start + value.length };
}
