/**
 * Bounded concurrency for the stages that fan out API calls (apply here; remote/ may share it).
 * The HTTP client bounds its own sockets too; this pool keeps the number of items in flight,
 * and so the number of half-done read-backs, within the configured `concurrency`.
 */

/** Runs tasks with at most `limit` running at a time. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Creates a limiter; `limit` below 1 is treated as 1. */
export function createLimiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit));
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finishing task hands its slot straight to the next waiter, so a newcomer arriving in
  // between cannot overtake it and push the count above the limit.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * Maps `items` through `worker` with at most `limit` calls in flight; results keep the input
 * order. A rejection rejects the whole call, so workers that must not stop the others catch
 * their own errors (apply does).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await worker(items[index] as T, index);
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
