import { describe, expect, it } from 'vitest';
import { bindDefinitions, type Binding } from '../../src/resolve/bind.js';
import { absentDef, BY_NAME, presentDef, remoteOf, stateOf } from '../plan/builders.js';

const existing = remoteOf(presentDef('backup_db'));

function bindOne(...args: Parameters<typeof bindDefinitions>): Binding {
  const [binding] = bindDefinitions(...args);
  if (binding === undefined) throw new Error('no binding');
  return binding;
}

describe('bindDefinitions', () => {
  it.each([
    {
      name: 'by uuid',
      definition: presentDef('backup_db', { uuid: existing.uuid }),
      kind: 'bound',
      by: 'uuid',
    },
    { name: 'by exact name', definition: presentDef('backup_db'), kind: 'bound', by: 'name' },
    { name: 'name is exact (case-sensitive)', definition: presentDef('Backup_db'), kind: 'unbound' },
    { name: 'no remote script: unbound (create)', definition: presentDef('other'), kind: 'unbound' },
    { name: 'absent by name', definition: absentDef('backup_db'), kind: 'bound', by: 'name' },
    { name: 'absent by uuid', definition: absentDef('backup_db', existing.uuid), kind: 'bound', by: 'uuid' },
    { name: 'absent, already gone by name', definition: absentDef('gone'), kind: 'unbound' },
    { name: 'absent, already gone by uuid', definition: absentDef('gone', 'SC_GONE'), kind: 'unbound' },
  ])('$name', ({ definition, kind, by }) => {
    const binding = bindOne([definition], stateOf([existing], { missing: ['SC_GONE'] }), BY_NAME);
    expect(binding.kind).toBe(kind);
    if (binding.kind === 'bound') {
      expect(binding.by).toBe(by);
      expect(binding.remote.uuid).toBe(existing.uuid);
    }
  });

  it.each([
    {
      name: 'uuid deleted remotely',
      definition: presentDef('backup_db', { uuid: 'SC_GONE' }),
      expected: ['deleted remotely', 'remove `uuid` to create it again'],
    },
    {
      name: 'rename through uuid',
      definition: presentDef('backup_database', { uuid: existing.uuid }),
      expected: ['name `backup_db` → `backup_database`', 'remove `uuid`', 'prune', '`state: absent`'],
    },
    {
      name: 'type change through uuid',
      definition: presentDef('backup_db', { uuid: existing.uuid, type: 'PYTHON' }),
      expected: ['type SHELL → PYTHON', 'remove `uuid`', 'new name'],
    },
    {
      name: 'type change by name',
      definition: presentDef('backup_db', { type: 'BAT' }),
      expected: ['type SHELL', 'cannot be changed in place', 'new name'],
    },
    {
      name: 'absent with a uuid of another script',
      definition: absentDef('other_name', existing.uuid),
      expected: ['belongs to the remote script `backup_db`', 'nothing is deleted'],
    },
  ])('blocked: $name', ({ definition, expected }) => {
    const binding = bindOne([definition], stateOf([existing], { missing: ['SC_GONE'] }), BY_NAME);
    expect(binding.kind).toBe('blocked');
    if (binding.kind !== 'blocked') return;
    for (const text of expected) expect(binding.reason).toContain(text);
  });

  it('binds many definitions in input order', () => {
    const second = remoteOf(presentDef('second'));
    const bindings = bindDefinitions(
      [presentDef('new_one'), presentDef('second'), presentDef('backup_db', { uuid: existing.uuid })],
      stateOf([existing, second]),
      BY_NAME,
    );
    expect(bindings.map((b) => [b.definition.name, b.kind])).toEqual([
      ['new_one', 'unbound'],
      ['second', 'bound'],
      ['backup_db', 'bound'],
    ]);
  });
});
