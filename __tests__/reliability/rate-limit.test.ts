/**
 * Rate limit (issue 7 item 5): with the emulator limited to N requests per second (above it:
 * 429 APIGW.0308 with Retry-After), an apply completes without failures and, once COC has told
 * the client to slow down, the rate at which its requests arrive — refused ones included, since a
 * refused request still costs the account its quota — stays at or below N plus 10%. Before that
 * first refusal the client cannot know the limit: the busiest second may hold the N requests COC
 * accepted plus at most the `concurrency` requests already in flight when the refusal came.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDefinitions } from '../support/generate.js';
import { measureRun } from '../support/measure.js';
import { averageRate, peakWindowCount } from '../support/requests.js';
import { SOAK_SECRET, soakWorkload } from '../support/soak-run.js';
import { stateDiff } from '../support/state.js';
import { useEmulator } from '../support/emulator.js';

const LIMIT = 20;
const CONCURRENCY = 8;
const RETRY_AFTER_SECONDS = 1;
const workload = soakWorkload({
  scripts: 20,
  retryAfterSeconds: RETRY_AFTER_SECONDS,
  seed: 5,
  concurrency: CONCURRENCY,
});

describe('rate limit', () => {
  const emulator = useEmulator({ seed: workload.seeds, faults: { requestsPerSecond: LIMIT } });
  let dir = '';
  beforeAll(async () => {
    dir = await writeDefinitions(workload.specs, 'rate-limit');
  });
  afterAll(async () => {
    await rm(dirname(dir), { recursive: true, force: true });
  });

  it(
    `stays within ${LIMIT} requests/s (+10%) and completes without failures`,
    { timeout: 120_000 },
    async () => {
      const run = await measureRun(
        emulator.current,
        { mode: 'apply', path: 'coc-scripts', 'max-deletes': '0' },
        { latencyMs: 0, concurrency: CONCURRENCY },
        { cwd: dirname(dir), env: { SOAK_API_KEY: SOAK_SECRET } },
      );
      await rm(run.result.tempDir, { recursive: true, force: true });
      const entries = emulator.current.requests();
      // The client has been told once the first refusal's Retry-After has passed.
      const firstRefusal = entries.find((entry) => entry.fault === 'rps');
      const told = (firstRefusal?.at ?? 0) + RETRY_AFTER_SECONDS * 1000;
      const afterwards = entries.filter((entry) => entry.at >= told);
      const rate = averageRate(afterwards);
      const busiest = peakWindowCount(entries);
      const context = `rate ${rate.toFixed(1)}/s over the last ${afterwards.length} of ${entries.length} requests (${run.counts.byFault['rps'] ?? 0} refused by the limit, busiest second ${busiest})\n${run.result.stdout.slice(-3000)}`;
      expect(firstRefusal, 'the limit was never reached: the test proves nothing').toBeDefined();
      expect(run.result.code, context).toBe(0);
      expect(run.result.outputs['failed']).toBe('0');
      expect(stateDiff(emulator.current.scripts(), workload.specs)).toEqual([]);
      expect(afterwards.length, context).toBeGreaterThanOrEqual(LIMIT);
      expect(rate, context).toBeLessThanOrEqual(LIMIT * 1.1);
      expect(busiest, context).toBeLessThanOrEqual(LIMIT + CONCURRENCY);
    },
  );
});
