import { describe, expect, it } from 'vitest';
import { createLimiter, mapWithConcurrency } from '../../src/apply/pool.js';

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

describe('createLimiter', () => {
  it('never exceeds its limit, even when tasks arrive while one finishes', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
    };
    const first = Array.from({ length: 5 }, () => limiter.run(task));
    await tick();
    const second = Array.from({ length: 5 }, () => limiter.run(task));
    await Promise.all([...first, ...second]);
    expect(peak).toBe(2);
  });

  it('frees its slot when a task fails', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
