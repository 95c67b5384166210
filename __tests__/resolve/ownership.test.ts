import { describe, expect, it } from 'vitest';
import { findPruneCandidates } from '../../src/resolve/ownership.js';
import { absentDef, presentDef, remoteOf, summaryOf } from '../plan/builders.js';

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
