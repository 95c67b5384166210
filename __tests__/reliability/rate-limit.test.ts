/**
 * Rate limit (issue 7 item 5): with the emulator limited to N requests per second (above it:
 * 429 APIGW.0308 with Retry-After), an apply completes without failures and the rate at which
 * its requests arrive — refused ones included, since a refused request still costs the account
 * its quota — stays at or below N plus 10%.
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
const workload = soakWorkload({ scripts: 20, retryAfterSeconds: 1, seed: 5, concurrency: 8 });

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
        { latencyMs: 0, concurrency: 8 },
        { cwd: dirname(dir), env: { SOAK_API_KEY: SOAK_SECRET } },
      );
      await rm(run.result.tempDir, { recursive: true, force: true });
      const entries = emulator.current.requests();
      const rate = averageRate(entries);
      const context = `rate ${rate.toFixed(1)}/s over ${entries.length} requests (${run.counts.byFault['rps'] ?? 0} refused by the limit, busiest second ${peakWindowCount(entries)})\n${run.result.stdout.slice(-3000)}`;
      expect(run.result.code, context).toBe(0);
      expect(run.result.outputs['failed']).toBe('0');
      expect(stateDiff(emulator.current.scripts(), workload.specs)).toEqual([]);
      expect(rate, context).toBeLessThanOrEqual(LIMIT * 1.1);
    },
  );
});
