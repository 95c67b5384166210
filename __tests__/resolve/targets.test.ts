import { describe, expect, it } from 'vitest';
import { selectTargets } from '../../src/resolve/targets.js';
import { absentDef, presentDef } from '../plan/builders.js';

const folder = [
  presentDef('backup_db'),
  presentDef('backup_logs'),
  presentDef('rotate'),
  absentDef('old_job'),
];

describe('selectTargets', () => {
  it.each([
    { name: 'an exact name', targets: ['rotate'], selected: ['rotate'], unmatched: [] },
    { name: 'a glob', targets: ['backup_*'], selected: ['backup_db', 'backup_logs'], unmatched: [] },
    { name: 'braces', targets: ['backup_{db,x}'], selected: ['backup_db'], unmatched: [] },
    { name: 'a tombstone (its deletion)', targets: ['old_job'], selected: ['old_job'], unmatched: [] },
    { name: 'case-sensitive', targets: ['ROTATE'], selected: [], unmatched: ['ROTATE'] },
    {
      name: 'overlapping globs, one unmatched',
      targets: ['backup_*', '*_db', 'nope'],
      selected: ['backup_db', 'backup_logs'],
      unmatched: ['nope'],
    },
  ])('$name', ({ targets, selected, unmatched }) => {
    const selection = selectTargets(folder, targets);
    expect(selection.definitions.map((d) => d.name)).toEqual(selected);
    expect(selection.unmatched).toEqual(unmatched);
    expect(selection.note).toContain(`Targeting ${selected.length} of 4 definitions`);
    expect(selection.note).toContain('prune is off while targeting');
  });
});
