import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/parse.js';

const text = [
  'name: demo', //                 1
  'params:', //                    2
  '  - name: a', //                3
  '    value: x', //               4
  '  - name: b', //                5
  '    value:', //                 6
  'reviewers: []', //              7
  'empty:', //                     8
].join('\n');

describe('parseYaml', () => {
  const parsed = parseYaml(text);

  it('returns plain data', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.data).toEqual({
      name: 'demo',
      params: [
        { name: 'a', value: 'x' },
        { name: 'b', value: null },
      ],
      reviewers: [],
      empty: null,
    });
  });

  it.each([
    { path: ['name'], target: 'value', line: 1, column: 7 },
    { path: ['name'], target: 'key', line: 1, column: 1 },
    { path: ['params', 0, 'value'], target: 'value', line: 4, column: 12 },
    { path: ['params', 1], target: 'value', line: 5, column: 5 },
    { path: ['params', 1, 'value'], target: 'value', line: 6, column: 5 },
    { path: ['params', 1, 'missing'], target: 'value', line: 5, column: 5 },
    { path: ['params', 7, 'name'], target: 'value', line: 3, column: 3 },
    { path: ['reviewers'], target: 'value', line: 7, column: 12 },
    { path: ['empty'], target: 'value', line: 8, column: 1 },
    { path: ['nowhere'], target: 'key', line: 1, column: 1 },
  ] as const)('locates $path ($target) at $line:$column', ({ path, target, line, column }) => {
    expect(parsed.locate(path, target)).toEqual({ line, column });
  });

  it('keeps the source text of scalars for hints', () => {
    const versions = parseYaml('version: 1.20\n');
    expect(versions.data).toEqual({ version: 1.2 });
    expect(versions.sourceOf(['version'])).toBe('1.20');
  });

  it.each([
    { name: 'empty text', source: '', message: 'the file is empty', line: 1 },
    { name: 'only comments', source: '# nothing\n# here\n', message: 'the file is empty', line: 1 },
    { name: 'a bare document marker', source: '---\n', message: 'the file is empty', line: 1 },
    { name: 'several documents', source: 'a: 1\n---\nb: 2\n', message: 'several YAML documents', line: 3 },
    { name: 'a duplicate key', source: 'a: 1\na: 2\n', message: 'Map keys must be unique', line: 2 },
    { name: 'an unclosed flow list', source: 'a: [1, 2\n', message: 'Flow sequence', line: 2 },
    { name: 'an unknown tag', source: 'a: !custom x\n', message: 'Unresolved tag', line: 1 },
    {
      name: 'an alias bomb',
      source:
        'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      message: 'Excessive alias count',
      line: 1,
    },
  ])('reports $name', ({ source, message, line }) => {
    const result = parseYaml(source);
    expect(result.data).toBeUndefined();
    expect(result.problems[0]?.message).toContain(message);
    expect(result.problems[0]?.position.line).toBe(line);
  });
});

describe('parseYaml edge cases', () => {
  it.each([
    { name: 'a trailing document marker', source: 'name: x\n---\n', data: { name: 'x' } },
    { name: 'a document end marker', source: 'name: x\n...\n', data: { name: 'x' } },
    { name: 'a YAML directive', source: '%YAML 1.2\n---\nname: x\n', data: { name: 'x' } },
    { name: 'a byte order mark', source: '\uFEFFname: x\n', data: { name: 'x' } },
    {
      name: 'a collection key (stringified, no process warning)',
      source: '? [a]\n: 1\n',
      data: { '[ a ]': 1 },
    },
  ])('accepts $name', ({ source, data }) => {
    const result = parseYaml(source);
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual(data);
  });
});
