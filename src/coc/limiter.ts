/**
 * Bounded concurrency for every request of one client. A slot is held only while an HTTP attempt
 * is in flight: a request waiting in backoff gives its slot to others.
 */

export interface Limiter {
  /** Runs `task` once a slot is free; slots are granted in arrival order. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Attempts in flight now. */
  active(): number;
  /** Most attempts ever in flight at once (for tests and benchmarks). */
  peak(): number;
}

/** Creates a FIFO limiter with `size` slots (at least one). */
export function createLimiter(size: number): Limiter {
  const slots = Math.max(1, Math.floor(size));
  const waiting: (() => void)[] = [];
  let active = 0;
  let peak = 0;

  const acquire = async (): Promise<void> => {
    if (active < slots) {
      active += 1;
    } else {
      // The releasing task hands its slot over directly, so `active` stays unchanged.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    peak = Math.max(peak, active);
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => active,
    peak: () => peak,
  };
}
