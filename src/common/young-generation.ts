/**
 * Keeps V8's young generation (the new space every object is first allocated in) at the size it
 * has once the bundle has loaded. V8 doubles it, up to 32 MB, whenever many of its objects survive
 * a collection — which is what a run does: it keeps every definition it loads and every script it
 * reads. Measured on the benchmark's plan of 1,000 scripts, the young generation was about 28 of
 * the 150 MB of peak resident memory; held where it is when the front end starts (4 MB: loading
 * the bundle's modules grows it from 2 MB once), the run takes the same time. Held at 2 MB from
 * the first line instead, the load of 1,000 files spends about 25 ms more in collections.
 *
 * An action cannot pass V8 flags to the `node` the runner starts, and `--max-semi-space-size` is
 * read only when the heap is set up; `--semi-space-growth-factor` is read each time the young
 * generation grows, so setting it to 1 while running stops the growth (docs/architecture.md,
 * "Memory and the process").
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The young generation's current size in bytes (V8's `new_space`). */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Stops the young generation of this process (all its threads) growing from its current size.
 * Called once by each front end, after its imports have loaded and before the run.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
