import { describe, expect, it } from 'vitest';
import { splitAlreadyDefined } from '../../src/export/defined.js';
import { absentDef, presentDef } from '../plan/builders.js';
import { detail } from './fixtures.js';

describe('splitAlreadyDefined', () => {
  const remote = [
    detail({ script_uuid: 'SC1', name: 'by_uuid' }),
    detail({ script_uuid: 'SC2', name: 'by_name' }),
    detail({ script_uuid: 'SC3', name: 'fresh' }),
    detail({ script_uuid: 'SC4', name: 'renamed_remotely' }),
  ];

  it.each([
    {
      name: 'a definition with the uuid (whatever its name), one by name, a tombstone by name',
      definitions: [
        { ...presentDef('old_name', { uuid: 'SC1' }), file: 'defs/a.yaml' },
        { ...presentDef('by_name'), file: 'defs/b.yaml' },
        { ...absentDef('renamed_remotely'), file: 'defs/c.yaml' },
      ],
      exported: ['fresh'],
      skipped: [
        { name: 'by_uuid', uuid: 'SC1', definedIn: 'defs/a.yaml' },
        { name: 'by_name', uuid: 'SC2', definedIn: 'defs/b.yaml' },
        { name: 'renamed_remotely', uuid: 'SC4', definedIn: 'defs/c.yaml' },
      ],
    },
    {
      name: 'a same-name definition bound to another uuid does not claim the name',
      definitions: [{ ...presentDef('by_name', { uuid: 'SC9' }), file: 'defs/x.yaml' }],
      exported: ['by_uuid', 'by_name', 'fresh', 'renamed_remotely'],
      skipped: [],
    },
  ])('$name', ({ definitions, exported, skipped }) => {
    const split = splitAlreadyDefined(remote, definitions);
    expect(split.toExport.map((s) => s.name)).toEqual(exported);
    expect(split.skipped).toEqual(skipped);
  });

  it('keeps a defined script when the caller refreshes it in its own file (--force)', () => {
    const definitions = [{ ...presentDef('fresh'), file: 'defs/fresh.yaml' }];
    const split = splitAlreadyDefined(remote, definitions, (_script, file) => file === 'defs/fresh.yaml');
    expect(split.skipped).toEqual([]);
  });
});
