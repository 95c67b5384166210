import { describe, expect, it } from 'vitest';
import { closeMatches } from '../../src/cli/suggest.js';

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
