/**
 * Bounded fan-out of items for the stages that work through lists (apply, export, loading).
 * The HTTP client bounds its own requests with coc/limiter.ts; this keeps the number of items in
 * flight, and so the number of half-done read-backs, within the configured `concurrency`.
 */

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
