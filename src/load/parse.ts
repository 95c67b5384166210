/**
 * YAML text -> plain data plus a lookup from a field path (`params[2].value`) to the line and
 * column it stands on. Uses the `yaml` package's document API and LineCounter so positions come
 * from the parser itself, not from searching the text.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { fastDocument } from './fast-yaml.js';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One segment of a field path: a key or a list index. */
export type PathSegment = string | number;

/** Which part of a field an error points at: its key (unknown keys) or its value. */
export type PositionTarget = 'key' | 'value';

/** A problem found while parsing, with its position. */
export interface ParseProblem {
  readonly message: string;
  readonly position: Position;
}

/** The result of parsing one file: data and a locator, or the problems that prevented it. */
export interface ParsedYaml {
  readonly data: unknown;
  readonly problems: readonly ParseProblem[];
  /** Position of the deepest existing node on `path` (the parent when the key is missing). */
  readonly locate: (path: readonly PathSegment[], target?: PositionTarget) => Position;
  /** The source text of the value at `path`, when it is a scalar (for "quote it" hints). */
  readonly sourceOf: (path: readonly PathSegment[]) => string | undefined;
  /** The value at `path` when it is a block literal (`key: |`): where its header stands, and its source. */
  readonly blockLiteralAt: (path: readonly PathSegment[]) => BlockLiteralSource | undefined;
}

/** The source of a block literal scalar: the header (`|`, `|2-`, …) and the lines after it. */
export interface BlockLiteralSource {
  /** 1-based line of the header; the first content line is the next one. */
  readonly headerLine: number;
  /** The source lines after the header, up to the end of the scalar, line breaks removed (CR too). */
  readonly lines: readonly string[];
}

const START: Position = { line: 1, column: 1 };

/** Deepest nesting of collections a definition may have (a real one needs 4). */
export const MAX_NESTING = 64;
/** Most mapping keys one definition file may hold (a real one has well under 200). */
export const MAX_KEYS = 10_000;

/**
 * The offset where flow collections (`[`, `{`) nest deeper than MAX_NESTING, found in one pass
 * before the parser (whose recursion such a file would overflow) sees the text.
 */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/u.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_NESTING) return i;
    } else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return undefined;
}

/**
 * Walks the document once (an explicit stack, no recursion): too deep, too many keys, or a key
 * repeated in one mapping, each with where it is. Linear in the file, unlike the parser's own
 * unique-key check, which compares every key with every other (80,000 keys took minutes).
 */
function structureProblems(contents: Node, at: (offset: number) => Position): ParseProblem[] {
  const stack: { node: Node; depth: number }[] = [{ node: contents, depth: 1 }];
  let keys = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, depth } = next;
    const position = at(node.range?.[0] ?? 0);
    if (depth > MAX_NESTING)
      return [
        { message: `the file nests deeper than ${MAX_NESTING} levels; a definition needs 4`, position },
      ];
    if (isSeq(node)) {
      for (const item of node.items) if (asNode(item)) stack.push({ node: item as Node, depth: depth + 1 });
      continue;
    }
    if (!isMap(node)) continue;
    keys += node.items.length;
    if (keys > MAX_KEYS)
      return [
        {
          message: `the file holds more than ${MAX_KEYS.toLocaleString('en-US')} keys; a definition needs a few dozen`,
          position,
        },
      ];
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = keyText(pair.key) ?? '';
      const keyNode = asNode(pair.key);
      if (seen.has(key))
        return [{ message: 'Map keys must be unique', position: at(keyNode?.range?.[0] ?? 0) }];
      seen.add(key);
      const value = asNode(pair.value);
      if (value) stack.push({ node: value, depth: depth + 1 });
    }
  }
  return [];
}

/**
 * Parses one definition file. Never throws: every problem becomes a ParseProblem. Files of the
 * plain shape take the fast path (fast-yaml.ts); everything else, and every file with a problem,
 * goes through the `yaml` package.
 */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const fast = fastDocument(text, lineCounter);
  if (fast === undefined) return parseYamlFully(text, lineCounter);
  const at = positionsOf(lineCounter);
  const structure = structureProblems(fast.contents, at);
  return structure.length > 0 ? failed(structure) : parsedFrom(text, fast.contents, fast.data, at);
}

function positionsOf(lineCounter: LineCounter): (offset: number) => Position {
  return (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** Parses with the `yaml` package alone (the reference the fast path is tested against). */
export function parseYamlFully(text: string, lineCounter = new LineCounter()): ParsedYaml {
  const at = positionsOf(lineCounter);
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < deep; i = text.indexOf('\n', i + 1))
      lineCounter.addNewLine(i + 1);
    const message = `the file nests deeper than ${MAX_NESTING} levels; a definition needs 4`;
    return failed([{ message, position: at(deep) }]);
  }
  // logLevel 'error': yaml would otherwise print process warnings (e.g. collection keys) to stderr.
  // uniqueKeys: checked in structureProblems, in linear time.
  const options = { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, options);
  } catch (error) {
    // Block nesting can still exhaust the parser's stack: reported, not thrown.
    const message = error instanceof RangeError ? 'the file nests too deeply to be read' : 'unreadable YAML';
    return failed([{ message, position: START }]);
  }
  const [document, ...others] = parsed;
  // parseAllDocuments returns an empty list for text with no document at all.
  if (document === undefined) return failed([{ message: EMPTY_FILE, position: START }]);
  const problems = documentProblems(document, others, at);
  if (problems.length > 0) return failed(problems);
  const contents = document.contents;
  if (contents === null || isEmptyContents(contents))
    return failed([{ message: EMPTY_FILE, position: START }]);
  const structure = structureProblems(contents, at);
  if (structure.length > 0) return failed(structure);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Excessive aliases (a "billion laughs" file) and similar are reported, not thrown.
    const reason = error instanceof Error ? error.message : 'unreadable YAML';
    return failed([{ message: firstLine(reason), position: at(contents.range?.[0] ?? 0) }]);
  }
  return parsedFrom(text, contents, data, at);
}

/** The parse result for a document without problems. */
function parsedFrom(
  text: string,
  contents: Node,
  data: unknown,
  at: (offset: number) => Position,
): ParsedYaml {
  return {
    data,
    problems: [],
    locate: (path, target = 'value') => at(offsetOf(contents, path, target)),
    sourceOf: (path) => {
      const node = nodeAt(contents, path)?.node;
      return node && isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
    blockLiteralAt: (path) => {
      const found = nodeAt(contents, path);
      return found?.complete ? blockLiteralIn(text, found.node, at) : undefined;
    },
  };
}

function failed(problems: ParseProblem[]): ParsedYaml {
  return {
    data: undefined,
    problems,
    locate: () => START,
    sourceOf: () => undefined,
    blockLiteralAt: () => undefined,
  };
}

function blockLiteralIn(
  text: string,
  node: Node | null | undefined,
  at: (offset: number) => Position,
): BlockLiteralSource | undefined {
  if (!node || !isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range) return undefined;
  const [start, end] = node.range;
  const source = text.slice(start, end);
  const headerEnd = source.indexOf('\n');
  if (headerEnd === -1) return { headerLine: at(start).line, lines: [] };
  const lines = source
    .slice(headerEnd + 1)
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  return { headerLine: at(start).line, lines };
}

/** Syntax errors and warnings of the first document; a second document with content. */
function documentProblems(
  document: Document.Parsed,
  others: readonly Document.Parsed[],
  at: (offset: number) => Position,
) {
  const problems = [...document.errors, ...document.warnings].map((error) => ({
    message: firstLine(error.message),
    position: at(error.pos[0]),
  }));
  // A trailing `---` with nothing after it is harmless; a second document with content is not.
  const second = others.find((other) => !isEmptyContents(other.contents));
  if (second !== undefined) {
    const offset = second.contents?.range?.[0] ?? second.range[0];
    problems.push({
      message: 'the file holds several YAML documents; use one file per script',
      position: at(offset),
    });
  }
  return problems;
}

/** A bare `---` yields an empty scalar rather than no contents: both mean "nothing here". */
function isEmptyContents(contents: Node | null): boolean {
  return contents === null || (isScalar(contents) && contents.value === null);
}

const EMPTY_FILE =
  'the file is empty; a definition needs at least `name` (see the README, Definition format)';

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

interface Found {
  readonly node: Node | null;
  readonly pair?: Pair<unknown, unknown>;
  readonly complete: boolean;
  readonly parent: Node;
}

/** Walks `path` from `root`; stops at the deepest node that exists. */
function nodeAt(root: Node, path: readonly PathSegment[]): Found | undefined {
  let node: Node = root;
  let pair: Pair<unknown, unknown> | undefined;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (next === undefined) return { node, complete: false, parent: node };
    pair = next.pair;
    if (next.node === null) return { node: null, complete: true, parent: node, ...(pair ? { pair } : {}) };
    node = next.node;
  }
  return { node, complete: true, parent: node, ...(pair ? { pair } : {}) };
}

function childOf(
  node: Node,
  segment: PathSegment,
): { node: Node | null; pair?: Pair<unknown, unknown> } | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { node: asNode(item) };
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find(
    (candidate) => isPair(candidate) && keyText(candidate.key) === String(segment),
  );
  return pair === undefined ? undefined : { node: asNode(pair.value), pair };
}

function asNode(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && 'range' in value ? (value as Node) : null;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function offsetOf(root: Node, path: readonly PathSegment[], target: PositionTarget): number {
  const found = nodeAt(root, path);
  if (found === undefined) return root.range?.[0] ?? 0;
  const key = asNode(found.pair?.key);
  if (found.complete && (target === 'key' || found.node === null) && key?.range) return key.range[0];
  // A key with no value (`name:`) has an empty scalar whose offset sits after the colon; point at the key.
  if (found.complete && found.node && isScalar(found.node) && found.node.value === null && key?.range) {
    return key.range[0];
  }
  return (found.node ?? found.parent).range?.[0] ?? 0;
}
