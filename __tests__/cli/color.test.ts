import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/color.js';

describe('useColor', () => {
  it.each([
    { name: 'TTY', isTTY: true, env: {}, flag: false, expected: true },
    { name: 'pipe', isTTY: false, env: {}, flag: false, expected: false },
    { name: 'unknown stream', isTTY: undefined, env: {}, flag: false, expected: false },
    { name: 'NO_COLOR=1', isTTY: true, env: { NO_COLOR: '1' }, flag: false, expected: false },
    { name: 'empty NO_COLOR is unset', isTTY: true, env: { NO_COLOR: '' }, flag: false, expected: true },
    { name: '--no-color', isTTY: true, env: {}, flag: true, expected: false },
  ])('$name', ({ isTTY, env, flag, expected }) => {
    expect(useColor(isTTY, env, flag)).toBe(expected);
  });
});
