/**
 * The short soak (issue 7 item 3): apply against a flaky emulator converges to exactly the
 * desired state in at most two runs — no duplicate create, no lost update, no same-name failure —
 * judged from the emulator's real (unmasked) state. Retry-After is 0 so the suite stays quick;
 * the assertions are about behaviour, never timing.
 */
import { describe, expect, it } from 'vitest';
import { runSoak, type SoakOptions } from '../support/soak-run.js';

interface SoakCase {
  readonly name: string;
  readonly options: SoakOptions;
  /** Faults that must have acted, so the case tests what it claims to. */
  readonly mustSee: readonly string[];
}

const CASES: readonly SoakCase[] = [
  {
    name: 'the issue mix: 15% 503, 10% 429, 5% dropped connections',
    options: { scripts: 24, retryAfterSeconds: 0, seed: 11, concurrency: 8 },
    mustSee: ['503', '429'],
  },
  {
    name: 'a quarter of the writes applied but their answer lost',
    options: {
      scripts: 20,
      retryAfterSeconds: 0,
      seed: 12,
      concurrency: 8,
      faults: { error503Rate: 0.05, error429Rate: 0.05, dropBeforeRate: 0, dropAfterRate: 0.25 },
    },
    mustSee: ['drop-after'],
  },
];

describe('reliability soak', () => {
  it.each(CASES)(
    '$name: converges in at most two applies',
    { timeout: 180_000 },
    async ({ options, mustSee }) => {
      const soak = await runSoak(options);
      const last = soak.runs.at(-1)?.measured.result;
      const context = `${last?.stdout.slice(-4000) ?? ''}\n${last?.stderr ?? ''}`;
      expect(soak.runs.length).toBeLessThanOrEqual(2);
      expect(last?.code, context).toBe(0);
      expect(soak.finalDiff).toEqual([]);
      expect(soak.runs.flatMap((run) => run.duplicateNameReports)).toEqual([]);
      expect(soak.verifyPlan.result.outputs['has-changes']).toBe('false');
      const seen = new Set(soak.runs.flatMap((run) => Object.keys(run.measured.counts.byFault)));
      for (const fault of mustSee) expect([...seen]).toContain(fault);
    },
  );
});
