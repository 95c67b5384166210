/** The demo's terminal rendering of report Markdown: what prose() escapes reads as plain text. */
import { describe, expect, it } from 'vitest';
import { prose } from '../../src/report/markdown.js';
import { createStyle, inlineText } from '../../scripts/lib/render.js';

const plain = createStyle(false);

describe('inlineText', () => {
  it('decodes the entities prose() writes, so a glob reads as typed', () => {
    const text = 'prune: matches ops_* | [a] ~x \\y <b> & \'q\' "r"';
    expect(inlineText(prose(text), plain).replaceAll('\u2060', '')).toBe(text);
  });

  it('decodes each entity once and leaves unknown or invalid ones alone', () => {
    expect(inlineText('&amp;#42; &#x2A; &#0; &#1114112; &nbsp;', plain)).toBe(
      '&#42; * &#0; &#1114112; &nbsp;',
    );
  });
});
