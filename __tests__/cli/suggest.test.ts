import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance } from '../../src/cli/suggest.js';

describe('editDistance', () => {
  it.each([
    { name: 'equal', a: 'plan', b: 'plan', expected: 0 },
    { name: 'one substitution', a: 'plan', b: 'plen', expected: 1 },
    { name: 'swap of neighbours', a: 'paln', b: 'plan', expected: 1 },
    { name: 'insertion', a: 'region', b: 'regions', expected: 1 },
    { name: 'empty', a: '', b: 'abc', expected: 3 },
  ])('$name', ({ a, b, expected }) => {
    expect(editDistance(a, b)).toBe(expected);
  });
});

describe('closeMatches', () => {
  const flags = ['region', 'endpoint', 'iam-endpoint', 'max-deletes', 'json'];
  it.each([
    { name: 'typo', word: 'regoin', expected: ['region'] },
    { name: 'prefix', word: 'max-del', expected: ['max-deletes'] },
    { name: 'closest first', word: 'endpont', expected: ['endpoint'] },
    { name: 'several', word: 'jsoon', expected: ['json'] },
    { name: 'nothing close', word: 'qqqqqqq', expected: [] },
  ])('$name', ({ word, expected }) => {
    expect(closeMatches(word, flags)).toEqual(expected);
  });
});
