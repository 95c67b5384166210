import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/common/inert.js';
import { createSecretSet, REDACTED, scrubSecrets, secretForms } from '../../src/common/scrub.js';

const SECRET = 'Tok"en/with spaces+é=1';

describe('scrubSecrets: the forms a secret takes', () => {
  it.each([
    { name: 'raw', text: `a ${SECRET} b` },
    { name: 'JSON-escaped', text: `{"m":${JSON.stringify(`say ${SECRET}`)}}` },
    { name: 'JSON-escaped twice', text: JSON.stringify({ m: JSON.stringify({ v: SECRET }) }) },
    { name: 'JSON with \\u escapes', text: `x ${JSON.stringify(SECRET).replace('é', '\\u00e9')} y` },
    { name: 'URL-encoded', text: `?q=${encodeURIComponent(SECRET)}&x=1` },
    {
      name: 'URL-encoded, lower-case hex',
      text: encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    },
    { name: 'form-encoded', text: `q=${encodeURIComponent(SECRET).replaceAll('%20', '+')}` },
    { name: 'HTML-escaped', text: `<p>${SECRET.replace('"', '&quot;')}</p>` },
    { name: 'split over lines', text: `${SECRET.slice(0, 7)}\n  ${SECRET.slice(7)}` },
    { name: 'split by an escaped newline', text: `${SECRET.slice(0, 5)}\\n${SECRET.slice(5)}` },
    { name: 'split by <br>', text: `${SECRET.slice(0, 9)}<br>${SECRET.slice(9)}` },
  ])('$name', ({ text }) => {
    const scrubbed = scrubSecrets(text, [SECRET]);
    expect(scrubbed).toContain(REDACTED);
    for (const form of secretForms(SECRET)) expect(scrubbed).not.toContain(form);
    expect(scrubbed).not.toContain('with spaces');
  });

  it.each([0, 1, 2, 3, 4, 5])('base64 at byte offset %i, both alphabets', (offset) => {
    const secret = 'CanaryToken_9f2c71d0e4';
    const payload = Buffer.from(`${'x'.repeat(offset)}{"token":"${secret}"}`);
    for (const encoding of ['base64', 'base64url'] as const) {
      const text = `Authorization: ${payload.toString(encoding)}`;
      const scrubbed = scrubSecrets(text, [secret]);
      expect(scrubbed).toContain(REDACTED);
      const decoded = Buffer.from(scrubbed.slice('Authorization: '.length), encoding).toString('latin1');
      expect(decoded).not.toContain(secret.slice(2, -2));
    }
  });

  it('removes a secret cut short by an excerpt', () => {
    const token = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzABCD';
    const quoted = excerpt(`GITHUB_TOKEN=${token}`);
    expect(quoted.endsWith('…')).toBe(true);
    expect(scrubSecrets(`not a mapping: '${quoted}'`, [token])).toBe(
      `not a mapping: 'GITHUB_TOKEN=${REDACTED}…'`,
    );
  });

  it.each([
    { name: 'no secrets', text: 'abc', secrets: [], expected: 'abc' },
    {
      name: 'every occurrence',
      text: 'x=S3cr y=S3cr',
      secrets: ['S3cr'],
      expected: `x=${REDACTED} y=${REDACTED}`,
    },
    { name: 'too short to scrub from words', text: 'examples', secrets: ['x', 'amp'], expected: 'examples' },
    {
      name: 'a secret containing another',
      text: 'token-long',
      secrets: ['token', 'token-long'],
      expected: REDACTED,
    },
    { name: 'overlapping secrets', text: 'abcdefgh', secrets: ['abcdef', 'defgh'], expected: REDACTED },
    { name: 'empty secret ignored', text: 'abc', secrets: [''], expected: 'abc' },
    { name: 'no false cut', text: 'keep…', secrets: ['zzzz1'], expected: 'keep…' },
  ])('$name', ({ text, secrets, expected }) => {
    expect(scrubSecrets(text, secrets)).toBe(expected);
  });
});

describe('createSecretSet', () => {
  it('scrubs secrets added later, and every string of plain data', () => {
    const set = createSecretSet(['first-secret']);
    set.add('later-secret');
    set.add('later-secret');
    expect(set.values()).toEqual(['first-secret', 'later-secret']);
    const data = { a: ['x first-secret', { b: 'later-secret!' }], n: 3, u: undefined, f: false };
    expect(set.scrubData(data)).toEqual({
      a: [`x ${REDACTED}`, { b: `${REDACTED}!` }],
      n: 3,
      u: undefined,
      f: false,
    });
    expect(data.a[0]).toBe('x first-secret');
  });

  it('maps a secret split over many lines back to exactly its own characters', () => {
    const secret = 'éSplit_Secret_42';
    const set = createSecretSet([secret]);
    // Every split point, one and two breaks, at the start, the end and amid other broken lines.
    for (let cut = 1; cut < secret.length; cut += 1) {
      const [head, tail] = [secret.slice(0, cut), secret.slice(cut)];
      const twice = `${head}\n+ ${tail.slice(0, 1)}<br>${tail.slice(1)}`;
      expect(set.scrub(`a\nb\r\nc ${head}\n  ${tail} d\ne`)).toBe(`a\nb\r\nc ${REDACTED} d\ne`);
      expect(set.scrub(`${head}\\n${tail}`)).toBe(REDACTED);
      if (tail.length > 1) expect(set.scrub(`x\n${twice}\ny`)).toBe(`x\n${REDACTED}\ny`);
    }
    // Characters whose codes share the low byte of the secret's first two are no match.
    expect(set.scrub('\u01e9Split_Secret_42\nĩ')).toBe('\u01e9Split_Secret_42\nĩ');
  });

  it('finds every one of many secrets in one pass', () => {
    const secrets = Array.from({ length: 2000 }, (_, i) => `value-${i.toString(36)}-secret`);
    const set = createSecretSet(secrets);
    const text = secrets.filter((_, i) => i % 7 === 0).join(' and ');
    const scrubbed = set.scrub(text);
    expect(scrubbed).not.toMatch(/value-/);
    expect(scrubbed.split(' and ').every((part) => part === REDACTED)).toBe(true);
  });
});
