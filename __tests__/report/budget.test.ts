import { describe, expect, it } from 'vitest';
import { fitSections, hardCut, utf16Units, utf8Bytes, type Section } from '../../src/report/budget.js';

const section = (heading: string, entries: string[]): Section => ({
  heading,
  entries,
  footer: '\n',
  omittedNote: (omitted, total) => `(${omitted}/${total} omitted)`,
});

describe('fitSections', () => {
  it('keeps everything that fits, in order', () => {
    const result = fitSections([section('A\n', ['a1\n', 'a2\n']), section('B\n', ['b1\n'])], 100, utf16Units);
    expect(result).toEqual({ text: 'A\na1\na2\n\nB\nb1\n\n', omitted: 0 });
  });

  it('skips empty sections entirely', () => {
    expect(fitSections([section('A\n', [])], 100, utf16Units).text).toBe('');
  });

  it('cuts entries from the first that does not fit and says how many', () => {
    const result = fitSections(
      [section('A\n', ['1234\n', '5678\n', 'x\n']), section('B\n', ['b\n'])],
      9,
      utf16Units,
    );
    expect(result.text).toBe('A\n1234\n\n(2/3 omitted)\n\nB\n\n(1/1 omitted)\n\n');
    expect(result.omitted).toBe(3);
  });

  it('measures bytes when asked', () => {
    expect(utf8Bytes('中')).toBe(3);
    expect(utf16Units('中')).toBe(1);
    const result = fitSections([section('', ['中中\n'])], 6, utf8Bytes);
    expect(result.omitted).toBe(1);
  });
});

describe('hardCut', () => {
  it.each([
    { name: 'short text untouched', text: 'abc', limit: 10, expected: 'abc' },
    {
      name: 'cut at a line with note',
      text: 'line one\nline two\nline three\n',
      limit: 20,
      expected: 'line one\n\n[cut]',
    },
  ])('$name', ({ text, limit, expected }) => {
    const result = hardCut(text, limit, utf16Units, '[cut]');
    expect(result).toBe(expected);
    expect(result.length).toBeLessThan(limit);
  });

  it('stays within a byte limit for multi-byte text', () => {
    const text = '中文\n'.repeat(10_000);
    const result = hardCut(text, 1_000, utf8Bytes, '[cut]');
    expect(utf8Bytes(result)).toBeLessThan(1_000);
    expect(result.endsWith('[cut]')).toBe(true);
  });
});
