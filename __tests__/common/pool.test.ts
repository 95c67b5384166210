import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../src/common/pool.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it.each([
    { name: 'limit 1', limit: 1, items: 5 },
    { name: 'limit 3', limit: 3, items: 10 },
    { name: 'limit above item count', limit: 50, items: 4 },
    { name: 'limit 0 acts as 1', limit: 0, items: 3 },
    { name: 'no items', limit: 4, items: 0 },
  ])('$name: keeps order and the bound', async ({ limit, items }) => {
    let active = 0;
    let peak = 0;
    const results = await mapWithConcurrency(
      Array.from({ length: items }, (_, i) => i),
      limit,
      async (n) => {
        active += 1;
        peak = Math.max(peak, active);
        await tick();
        active -= 1;
        return n * 2;
      },
    );
    expect(results).toEqual(Array.from({ length: items }, (_, i) => i * 2));
    expect(peak).toBe(Math.min(Math.max(1, limit), items));
  });
});
