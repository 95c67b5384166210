import { describe, expect, it } from 'vitest';
import { checkDeleteGuard, comparePlanHash, normalizePlanHash } from '../../src/plan/guards.js';
import { buildPlan } from '../../src/plan/plan.js';
import type { Definition, Plan, RemoteScript } from '../../src/model.js';
import { BY_NAME, presentDef, remoteOf, stateOf } from './builders.js';

function plan(definitions: Definition[], remote: RemoteScript[], prune: string[] = []): Plan {
  return buildPlan({
    definitions,
    remote: stateOf(remote),
    prune,
    syncSensitive: 'changed',
    ownership: BY_NAME,
    hasDefinitionFiles: true,
  });
}

const orphans = ['ops_1', 'ops_2', 'ops_3'].map((n) => remoteOf(presentDef(n)));
const threeDeletes = plan([presentDef('keep')], orphans, ['ops_*']);

describe('checkDeleteGuard', () => {
  it.each([
    { name: 'under the limit', max: 5, refused: false },
    { name: 'at the limit', max: 3, refused: false },
    { name: 'over the limit', max: 2, refused: true },
    { name: 'zero allowed', max: 0, refused: true },
  ])('$name', ({ max, refused }) => {
    const error = checkDeleteGuard(threeDeletes, max);
    expect(error !== undefined).toBe(refused);
    if (error) {
      expect(error.reason).toBe('delete-guard');
      expect(error.message).toContain('deletes 3 scripts, more than `max-deletes`');
      expect(error.message).toContain('set `max-deletes` to at least 3');
      expect(error.message).toContain('ops_1, ops_2, ops_3');
    }
  });

  it('speaks of the flag in the CLI and forecasts in plan; one deletion is "1 script"', () => {
    const cli = checkDeleteGuard(threeDeletes, 2, 'cli', 'plan')?.message ?? '';
    expect(cli).toMatch(
      /^Apply would refuse this plan: it deletes 3 scripts, more than `--max-deletes` \(2\)/,
    );
    expect(cli).toContain('check `--prune`');
    const one = { ...threeDeletes, items: threeDeletes.items.filter((i) => i.name === 'ops_1') };
    expect(checkDeleteGuard(one, 0)?.message).toMatch(/^The plan deletes 1 script, more than/);
  });
});

describe('comparePlanHash', () => {
  const hex = threeDeletes.hash.slice('sha256:'.length);
  it.each([
    { name: 'same hash', expected: threeDeletes.hash, refused: false },
    { name: 'upper case with spaces', expected: `  ${threeDeletes.hash.toUpperCase()} `, refused: false },
    { name: 'bare hex', expected: hex, refused: false },
    { name: 'other hash', expected: `sha256:${'0'.repeat(64)}`, refused: true },
    { name: 'garbage', expected: 'not-a-hash', refused: true },
  ])('$name', ({ expected, refused }) => {
    const error = comparePlanHash(threeDeletes, expected);
    expect(error !== undefined).toBe(refused);
    if (error) {
      expect(error.reason).toBe('plan-changed');
      expect(error.message).toContain(threeDeletes.hash);
    }
  });

  it('normalises hashes', () => {
    expect(normalizePlanHash(hex.toUpperCase())).toBe(threeDeletes.hash);
  });
});
