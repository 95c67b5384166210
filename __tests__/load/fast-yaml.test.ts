/**
 * The fast path must be indistinguishable from the `yaml` package on every file it accepts: same
 * data, same positions for every field (and for missing ones), same source text and block
 * literal lines. Generated files mix the shapes it accepts with the ones it must leave alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LineCounter } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastDocument } from '../../src/load/fast-yaml.js';
import type { ParsedYaml, PathSegment } from '../../src/load/parse.js';
import { parseYaml, parseYamlFully } from '../../src/load/parse.js';
import { makeSpecs, toDefinitionYaml } from '../support/generate.js';

function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [prefix, [...prefix, 'zz_missing']];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
    paths.push([...prefix, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

function view(parsed: ParsedYaml, paths: readonly PathSegment[][]) {
  return {
    data: parsed.data,
    problems: parsed.problems,
    at: paths.map((path) => ({
      path,
      value: parsed.locate(path, 'value'),
      key: parsed.locate(path, 'key'),
      source: parsed.sourceOf(path),
      block: parsed.blockLiteralAt(path),
    })),
  };
}

/** Compares the two parsers on `text`; says whether the fast path took it. */
function compare(text: string): boolean {
  const taken = fastDocument(text, new LineCounter()) !== undefined;
  const full = parseYamlFully(text);
  const paths = pathsOf(full.data);
  expect(view(parseYaml(text), paths), JSON.stringify(text)).toEqual(view(full, paths));
  return taken;
}

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
/** Mostly fragments the fast path accepts, sometimes one it must leave to the full parser. */
const mixed = <T>(good: readonly T[], bad: readonly T[]) =>
  fc.oneof({ arbitrary: pick(good), weight: 24 }, { arbitrary: pick(bad), weight: 1 });
const plainValues = [
  [
    'hello world',
    'a#b',
    'a #b',
    '2.0.1',
    'café ü',
    '清理缓存',
    "it's",
    'a  # c',
    'true',
    'False',
    'yes',
    '[]',
    '{}',
    '[] # c',
    '"q"',
    "'q'",
    "'a''b'",
    "'x' # c",
    '"a" # c',
    'http://x.y/z',
    'a:b',
    'trailing   ',
    'a, b',
    'x [y]',
    '=x',
  ],
  [
    'x: y',
    'x:',
    '1.0',
    '10',
    '-1',
    '0x1F',
    '0o17',
    '.inf',
    '.NaN',
    '1e3',
    'null',
    '~',
    'NULL',
    'a\tb',
    '[a]',
    '{a: 1}',
    '- x',
    '-x',
    '?x',
    '&a x',
    '*a',
    '!!str 1',
    '|',
    '|2',
    '>',
    '@x',
    '%x',
    '"a\\"b"',
    '"a"#c',
    "'x'#c",
    "'open",
    '"open',
    '  ',
    '',
  ],
] as const;
const keys = [
  ['name', 'type', 'description', 'version', 'risk_level', 'uuid', 'state', 'x-y', '_k', 'Key2', 'name'],
  ['true', 'null', '__proto__', '9k', 'a b', '"quoted"', '? k'],
] as const;
const blockLines = [
  [
    '',
    '  ',
    'echo hi',
    '  indented',
    '# comment',
    'a: b',
    "it's",
    '#!/bin/bash',
    'if true; then',
    'fi',
    '   x',
    '清理',
    'tab\tinside',
    '  - item',
  ],
  ['    ', ' ', '\tx'],
] as const;

const scalar = mixed(...plainValues);
const block = fc.record({
  header: mixed(['|', '|-', '|+', '| # c', '|  '], ['|2', '>', '|#c', '|-2']),
  indent: mixed([2, 4, 1], [0]),
  lines: fc.array(mixed(...blockLines), { minLength: 0, maxLength: 6 }),
  tail: mixed(['', '# out', ' # out'], ['  # out', ' x']),
});
type Entry =
  | { key: string; kind: 'scalar'; value: string }
  | { key: string; kind: 'block'; value: { header: string; indent: number; lines: string[]; tail: string } }
  | { key: string; kind: 'map'; value: [string, string][] }
  | { key: string; kind: 'seq'; value: [string, string][][]; dashIndent: number };
const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ key: mixed(...keys), kind: fc.constant('scalar' as const), value: scalar }),
  fc.record({ key: mixed(...keys), kind: fc.constant('block' as const), value: block }),
  fc.record({
    key: mixed(...keys),
    kind: fc.constant('map' as const),
    value: fc.array(fc.tuple(mixed(...keys), scalar), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key: mixed(...keys),
    kind: fc.constant('seq' as const),
    value: fc.array(fc.array(fc.tuple(mixed(...keys), scalar), { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
    dashIndent: mixed([2, 4], [0, 3]),
  }),
);

function render(
  entries: readonly Entry[],
  extras: { comment: string; blank: string; end: string; crlf: boolean },
): string {
  const out: string[] = [];
  for (const item of entries) {
    if (item.kind === 'scalar') out.push(`${item.key}: ${item.value}`);
    else if (item.kind === 'block') {
      out.push(`${item.key}: ${item.value.header}`);
      for (const line of item.value.lines) out.push(line === '' ? '' : ' '.repeat(item.value.indent) + line);
      if (item.value.tail) out.push(item.value.tail);
    } else if (item.kind === 'map') {
      out.push(`${item.key}:`);
      for (const [key, value] of item.value) out.push(`  ${key}: ${value}`);
    } else {
      out.push(`${item.key}:${extras.comment === '' ? '' : ' # list'}`);
      const pad = ' '.repeat(item.dashIndent);
      for (const map of item.value)
        map.forEach(([key, value], index) => out.push(`${pad}${index === 0 ? '- ' : '  '}${key}: ${value}`));
    }
    if (extras.blank) out.push(extras.blank);
    if (extras.comment) out.push(extras.comment);
  }
  const text = out.join('\n') + extras.end;
  return extras.crlf ? text.replaceAll('\n', '\r\n') : text;
}

describe('fast YAML path', () => {
  it('matches the yaml package on generated files, and takes many of them', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        fc.record({
          comment: mixed(['', '# c', '  # indented comment'], ['    # deep comment']),
          blank: mixed(['', ' '], ['   ']),
          end: mixed(['\n', '\n\n'], ['']),
          crlf: mixed([false], [true]),
        }),
        (entries, extras) => {
          runs += 1;
          if (compare(render(entries, extras))) taken += 1;
        },
      ),
      { numRuns: 4000, seed: 1616 },
    );
    expect(taken / runs).toBeGreaterThan(0.15);
  });

  it('takes the shape of real definitions and matches on every YAML file in the repository', () => {
    const specs = makeSpecs(50, 'fast', 7);
    for (const spec of specs) expect(compare(toDefinitionYaml(spec))).toBe(true);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
        else if (entry.isFile() && /\.ya?ml$/u.test(entry.name)) files.push(path);
      }
    };
    walk('examples');
    walk('__tests__');
    expect(files.length).toBeGreaterThan(50);
    let taken = 0;
    for (const file of files) if (compare(readFileSync(file, 'utf8'))) taken += 1;
    expect(taken).toBeGreaterThan(files.length / 3);
  });
});
