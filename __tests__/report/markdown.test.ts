import { describe, expect, it } from 'vitest';
import { cell, code, details, escapeHtml, fence, prose, tableHead } from '../../src/report/markdown.js';
import { plural } from '../../src/common/text.js';

const HOSTILE =
  '@octocat @acme/admins #1 acme/repo#2 [Approve](https://evil.example/a) ![x](https://evil.example/x.png) ' +
  '[ref]: https://evil.example www.evil.example <img src=x onerror=alert(1)> `code` $x^2$ |cell| ~~s~~';

describe('markdown helpers', () => {
  it.each([
    { name: 'html', fn: escapeHtml, input: '<b>&', expected: '&lt;b&gt;&amp;' },
    { name: 'cell pipes and newlines', fn: cell, input: 'a|b\r\nc', expected: 'a&#124;b<br>c' },
    { name: 'code', fn: code, input: 'x|<y>', expected: '<code>x&#124;&lt;y&gt;</code>' },
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

describe('outside text cannot mention, link or embed', () => {
  it.each([
    { name: 'prose', render: prose, syntax: /[[\]|$~]/u },
    { name: 'code', render: code, syntax: /[[\]|`$~]/u },
  ])('$name', ({ render, syntax }) => {
    const out = render(HOSTILE);
    expect(out).not.toMatch(syntax);
    expect(out).not.toMatch(/<(?!\/?code>)/u);
    expect(out).not.toContain('://');
    expect(out).not.toMatch(/www\./iu);
    // Rendered, the entities read as the original characters.
    const shown = out
      .replace(/<\/?code>/gu, '')
      .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)))
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
      .replaceAll('\u2060', '');
    expect(shown).toBe(HOSTILE);
  });

  it('prose also breaks @mentions and #references, which GitHub finds in the rendered text', () => {
    const out = prose(HOSTILE).replace(/&#\d+;/gu, '');
    expect(out).not.toMatch(/@[a-z]/iu);
    expect(out).not.toMatch(/#\d/u);
  });
});
