import { describe, expect, it } from 'vitest';
import { excerpt, inertJson, inertLine, inertLines } from '../../src/common/inert.js';

describe('inertLine', () => {
  it.each([
    { name: 'plain text stays', input: 'Retrying listing scripts', expected: 'Retrying listing scripts' },
    { name: 'LF and CR are escaped', input: 'a\n::add-mask::x\r\nb', expected: 'a\\n::add-mask::x\\r\\nb' },
    {
      name: 'a leading command is defused',
      input: '::stop-commands::tok',
      expected: '\\::stop-commands::tok',
    },
    { name: 'after leading spaces too', input: '  ::error::forged', expected: '  \\::error::forged' },
    { name: 'legacy ##[ anywhere', input: 'x ##[error]forged', expected: 'x ##\\[error]forged' },
    { name: 'terminal escapes', input: 'a\u001b]0;title\u0007b', expected: 'a\\u001b]0;title\\u0007b' },
    { name: 'separators and bidi overrides', input: 'a\u2028b\u202ec', expected: 'a\\u2028b\\u202ec' },
    { name: 'tab stays', input: 'a\tb', expected: 'a\tb' },
  ])('$name', ({ input, expected }) => {
    const line = inertLine(input);
    expect(line).toBe(expected);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line.trimStart().startsWith('::')).toBe(false);
  });

  it('keeps colours only when asked, and only colours', () => {
    const painted = '\u001b[31mred\u001b[39m \u001b]52;c;x\u0007';
    expect(inertLine(painted, { keepColor: true })).toBe('\u001b[31mred\u001b[39m \\u001b]52;c;x\\u0007');
    expect(inertLine(painted)).not.toContain('\u001b');
  });
});

describe('inertLines and inertJson', () => {
  it('keeps lines and defuses each of them', () => {
    expect(inertLines('+ a\n ::add-mask::x\n-##[warning]y\r')).toBe(
      '+ a\n \\::add-mask::x\n-##\\[warning]y\\r',
    );
  });

  it('keeps JSON valid', () => {
    const json = JSON.stringify({ name: '##[error]x\u2028', n: '::add-mask::y' }, null, 2);
    const inert = inertJson(json);
    expect(inert).not.toContain('##[');
    expect(JSON.parse(inert)).toEqual(JSON.parse(json));
  });
});

describe('excerpt', () => {
  it.each([
    { name: 'short stays', value: 'short', expected: 'short' },
    { name: 'long is cut at 40', value: 'x'.repeat(100), expected: `${'x'.repeat(40)}…` },
    { name: 'counts code points', value: '😀'.repeat(40), expected: '😀'.repeat(40) },
    { name: 'cuts code points', value: '😀'.repeat(41), expected: `${'😀'.repeat(40)}…` },
  ])('$name', ({ value, expected }) => {
    expect(excerpt(value)).toBe(expected);
  });
});
