import { describe, expect, it } from 'vitest';
import { cell, code, details, escapeHtml, fence, plural, tableHead } from '../../src/report/markdown.js';

describe('markdown helpers', () => {
  it.each([
    { name: 'html', fn: escapeHtml, input: '<b>&', expected: '&lt;b&gt;&amp;' },
    { name: 'cell pipes and newlines', fn: cell, input: 'a|b\r\nc', expected: 'a\\|b<br>c' },
    { name: 'code', fn: code, input: 'x|<y>', expected: '<code>x\\|&lt;y&gt;</code>' },
  ])('$name', ({ fn, input, expected }) => {
    expect(fn(input)).toBe(expected);
  });

  it.each([
    { name: 'plain', text: 'a\n', expected: '```diff\na\n```\n' },
    { name: 'adds final newline', text: 'a', expected: '```diff\na\n```\n' },
    { name: 'outlasts backtick runs', text: 'x ```` y', expected: '`````diff\nx ```` y\n`````\n' },
  ])('fence: $name', ({ text, expected }) => {
    expect(fence(text, 'diff')).toBe(expected);
  });

  it('builds tables, details and plurals', () => {
    expect(tableHead(['a', 'b'])).toBe('| a | b |\n| --- | --- |\n');
    expect(details('<b>s</b>', 'body')).toBe('<details><summary><b>s</b></summary>\n\nbody\n</details>\n');
    expect([plural(1, 'file'), plural(2, 'file'), plural(0, 'entry', 'entries')]).toEqual([
      '1 file',
      '2 files',
      '0 entries',
    ]);
  });
});
