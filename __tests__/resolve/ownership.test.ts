import { describe, expect, it } from 'vitest';
import { createPruneMatcher, findPruneCandidates, matchingGlob } from '../../src/resolve/ownership.js';
import { absentDef, presentDef, remoteOf, summaryOf } from '../plan/builders.js';

describe('createPruneMatcher', () => {
  it.each([
    { name: 'star prefix', globs: ['ops_*'], script: 'ops_backup', matches: true },
    { name: 'case-sensitive', globs: ['ops_*'], script: 'OPS_backup', matches: false },
    { name: 'no match', globs: ['ops_*'], script: 'dev_backup', matches: false },
    { name: 'any of several', globs: ['ops_*', 'dev_?'], script: 'dev_1', matches: true },
    { name: 'braces', globs: ['{a,b}_job'], script: 'b_job', matches: true },
    { name: 'CJK names', globs: ['备份_*'], script: '备份_数据库', matches: true },
    { name: 'no globs owns nothing', globs: [], script: 'anything', matches: false },
    { name: 'whole name only', globs: ['ops'], script: 'ops_backup', matches: false },
  ])('$name', ({ globs, script, matches }) => {
    expect(createPruneMatcher(globs)(script)).toBe(matches);
  });

  it('names the first matching glob', () => {
    expect(matchingGlob(['x_*', 'ops_*', '*'], 'ops_a')).toBe('ops_*');
    expect(matchingGlob(['x_*'], 'ops_a')).toBeUndefined();
  });
});

describe('findPruneCandidates', () => {
  const kept = remoteOf(presentDef('ops_kept'));
  const orphan = remoteOf(presentDef('ops_orphan'));
  const tombstoned = remoteOf(presentDef('ops_tombstoned'));
  const renamedAway = remoteOf(presentDef('ops_old_name'));
  const foreign = remoteOf(presentDef('team_b_script'));
  const summaries = [kept, orphan, tombstoned, renamedAway, foreign].map((s, i) => summaryOf(s, i + 1));

  it('returns only matching scripts that no definition names or points at', () => {
    const definitions = [
      presentDef('ops_kept'),
      absentDef('ops_tombstoned'),
      // A (blocked) rename still refers to the old script by uuid: it must not be pruned yet.
      presentDef('ops_new_name', { uuid: renamedAway.uuid }),
    ];
    expect(findPruneCandidates(summaries, definitions, ['ops_*']).map((s) => s.name)).toEqual(['ops_orphan']);
  });

  it('prunes nothing without globs', () => {
    expect(findPruneCandidates(summaries, [presentDef('x')], [])).toEqual([]);
  });
});
