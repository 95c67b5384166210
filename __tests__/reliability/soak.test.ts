/**
 * The soak in the suite: apply against a flaky emulator converges to exactly the desired state in
 * at most two runs — no duplicate create, no lost update, no same-name failure — judged from the
 * emulator's real (unmasked) state. The suite runs a representative subset of the 20 fixed seeds
 * of `npm run soak` (SUITE_SEEDS: together they draw every fault of the mix) with the mix
 * exactly, Retry-After 1 s included: those seconds are real waiting, so the 20 seeds live in
 * `npm run soak` and the suite stays within its time budget. The assertions are about behaviour,
 * never timing.
 */
import { describe, expect, it } from 'vitest';
import {
  faultsSeen,
  runSoak,
  runSoakSeeds,
  SOAK_SHAPE,
  SUITE_SEEDS,
  type SoakResult,
} from '../support/soak-run.js';

function expectConverged(soak: SoakResult): void {
  const last = soak.runs.at(-1)?.measured.result;
  const context = `${last?.stdout.slice(-4000) ?? ''}\n${last?.stderr ?? ''}`;
  expect(soak.runs.length).toBeLessThanOrEqual(2);
  expect(last?.code, context).toBe(0);
  expect(soak.finalDiff).toEqual([]);
  expect(soak.runs.flatMap((run) => run.duplicateNameReports)).toEqual([]);
  expect(soak.verifyPlan.result.outputs['has-changes']).toBe('false');
}

describe('reliability soak', () => {
  it(
    `the issue's mix (15% 503, 10% 429 with Retry-After 1, 5% dropped) on seeds ${SUITE_SEEDS.join(', ')}`,
    { timeout: 180_000 },
    async () => {
      const results = await runSoakSeeds(SUITE_SEEDS, SOAK_SHAPE, SUITE_SEEDS.length);
      for (const soak of results.values()) expectConverged(soak);
      const seen = new Set([...results.values()].flatMap((soak) => [...faultsSeen(soak)]));
      for (const fault of ['503', '429', 'drop-before', 'drop-after']) expect([...seen]).toContain(fault);
    },
  );

  it('a quarter of the writes applied but their answer lost', { timeout: 180_000 }, async () => {
    const soak = await runSoak({
      scripts: 20,
      retryAfterSeconds: 0,
      seed: 12,
      concurrency: 8,
      faults: { error503Rate: 0.05, error429Rate: 0.05, dropBeforeRate: 0, dropAfterRate: 0.25 },
    });
    expectConverged(soak);
    expect([...faultsSeen(soak)]).toContain('drop-after');
  });
});
