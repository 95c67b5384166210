import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PARAM_VALUE_CHARSET,
  SCRIPT_NAME_CHARSET,
  explainSecretValue,
  explainText,
} from '../../src/load/schema.js';
import { closestWord, codePointLength, describeChar, ownCopy } from '../../src/common/text.js';

describe('explainText', () => {
  it.each([
    { name: 'a valid name', value: 'backup_db', rule: undefined },
    { name: 'a CJK name', value: '清理缓存_01', rule: undefined },
    { name: 'the last CJK code point', value: '\u9FA5', rule: undefined },
    { name: 'a CJK code point past the range', value: '\u9FA6', rule: "contains '\u9FA6' (U+9FA6)" },
    { name: 'a hyphen', value: 'a-b', rule: "contains '-'" },
    { name: 'an empty name', value: '', rule: 'must not be empty' },
    { name: '65 characters', value: 'a'.repeat(65), rule: 'is too long: 65 characters, at most 64 allowed' },
  ])('script name: $name', ({ value, rule }) => {
    const explained = explainText(value, 1, 64, SCRIPT_NAME_CHARSET);
    if (rule === undefined) expect(explained).toBeUndefined();
    else expect(explained).toContain(rule);
  });

  it.each([
    { name: 'every allowed character', value: 'aZ09 _-/.*?:",=+@[]{}', rule: undefined },
    { name: '#', value: 'a#b', rule: "contains '#', which COC does not allow" },
    { name: 'a backslash', value: 'a\\b', rule: "contains '\\', which COC does not allow" },
    { name: "a quote '", value: "it's", rule: "contains ''', which COC does not allow" },
    { name: 'a tab', value: 'a\tb', rule: 'contains U+0009, which COC does not allow' },
    { name: 'a newline', value: 'a\nb', rule: 'contains U+000A' },
    { name: 'non-ASCII', value: 'ü', rule: "contains 'ü' (U+00FC)" },
    { name: 'an emoji', value: '😀', rule: "contains '😀' (U+1F600)" },
    { name: '..', value: 'a/../b', rule: "contains '..', which COC does not allow" },
    { name: 'a single dot', value: './a.b', rule: undefined },
    { name: '1024 characters', value: 'v'.repeat(1024), rule: undefined },
    { name: '1025 characters', value: 'v'.repeat(1025), rule: 'is too long: 1025 characters' },
  ])('param value: $name', ({ value, rule }) => {
    const explained = explainText(value, 1, 1024, PARAM_VALUE_CHARSET);
    if (rule === undefined) expect(explained).toBeUndefined();
    else expect(explained).toContain(rule);
  });

  it.each([
    { name: 'empty', value: '' },
    { name: 'ASCII', value: 'abc' },
    { name: 'emoji pairs', value: '😀a😀' },
    { name: 'a lone high surrogate at the end', value: 'a\uD83D' },
    { name: 'a lone high surrogate before text', value: '\uD83Dab' },
    { name: 'a lone low surrogate', value: '\uDE00a' },
    { name: 'two high surrogates then a low one', value: '\uD83D\uD83D\uDE00' },
  ])('counts code points like string iteration: $name', ({ value }) => {
    expect(codePointLength(value)).toBe([...value].length);
  });

  it('counts code points like string iteration for any UTF-16 text, lone surrogates included', () => {
    // Code units around the surrogate range, so pairs and lone halves are both common.
    const unit = fc.integer({ min: 0xd7fe, max: 0xe001 }).map((code) => String.fromCharCode(code));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit }));
    fc.assert(fc.property(text, (value) => codePointLength(value) === [...value].length));
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('😀😀')).toBe(2);
    expect(explainText('😀'.repeat(4096), 1, 4096)).toBeUndefined();
    expect(explainText('😀'.repeat(4097), 1, 4096)).toContain('4097 characters');
  });
});

describe('explainSecretValue', () => {
  it.each([
    { name: 'a valid value', value: 'p@ss word', rule: undefined },
    { name: 'a rejected character', value: 'pa#ss', rule: 'contains a character COC does not allow' },
    { name: '..', value: 'a..b', rule: "contains '..'" },
    { name: 'a long value', value: 'x'.repeat(1025), rule: 'is too long' },
  ])('$name', ({ value, rule }) => {
    const explained = explainSecretValue(value);
    if (rule === undefined) expect(explained).toBeUndefined();
    else expect(explained).toContain(rule);
    expect(explained ?? '').not.toContain('#');
  });
});

describe('text helpers', () => {
  it.each([
    { char: '#', shown: "'#'" },
    { char: '\u0000', shown: 'U+0000' },
    { char: '\u007f', shown: 'U+007F' },
    { char: 'é', shown: "'é' (U+00E9)" },
  ])('describeChar($shown)', ({ char, shown }) => {
    expect(describeChar(char)).toBe(shown);
  });

  it.each([
    { word: 'contnet', best: 'content' },
    { word: 'Risk_Level', best: 'risk_level' },
    { word: 'descripton', best: 'description' },
    { word: 'banana', best: undefined },
  ])('closestWord($word)', ({ word, best }) => {
    expect(closestWord(word, ['content', 'risk_level', 'description', 'name'])).toBe(best);
  });
});

describe('ownCopy', () => {
  it('returns every code unit unchanged, lone surrogates and all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        expect(ownCopy(text)).toBe(text);
      }),
    );
    const lone = 'description \uD800 with a lone surrogate \uDFFF';
    expect(ownCopy(lone)).toBe(lone);
  });
});
