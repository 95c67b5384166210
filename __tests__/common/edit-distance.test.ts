import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/common/edit-distance.js';

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
