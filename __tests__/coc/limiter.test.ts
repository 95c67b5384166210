import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/coc/limiter.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('never runs more than its size and grants slots in arrival order', async () => {
    const limiter = createLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.active()).toBe(2);
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(limiter.peak()).toBe(2);
    expect(limiter.active()).toBe(0);
  });

  it('releases the slot when a task throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(() => Promise.resolve('ok'))).toBe('ok');
    expect(limiter.active()).toBe(0);
  });

  it.each([0, -3, 0.5])('treats size %s as one slot', async (size) => {
    const limiter = createLimiter(size);
    await Promise.all([limiter.run(() => Promise.resolve()), limiter.run(() => Promise.resolve())]);
    expect(limiter.peak()).toBe(1);
  });

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
});
