import { describe, expect, it } from 'vitest';
import type { FileIdentity } from '../../src/load/rules.js';
import { duplicateDiagnostics } from '../../src/load/rules.js';

function identity(file: string, name?: string, uuid?: string): FileIdentity {
  const at = (field: string) => ({ file, line: field === 'name' ? 1 : 2, column: 7, field });
  return {
    file,
    ...(name === undefined ? {} : { name: { value: name, location: at('name') } }),
    ...(uuid === undefined ? {} : { uuid: { value: uuid, location: at('uuid') } }),
  };
}

describe('duplicateDiagnostics', () => {
  it('reports nothing when names and uuids are unique', () => {
    expect(
      duplicateDiagnostics([
        identity('a.yaml', 'a', 'U1'),
        identity('b.yaml', 'b', 'U2'),
        identity('c.yaml'),
      ]),
    ).toEqual([]);
  });

  it('reports a duplicate name at every file involved, naming the others', () => {
    const diagnostics = duplicateDiagnostics([
      identity('a.yaml', 'same'),
      identity('b.yaml', 'other'),
      identity('c.yaml', 'same'),
      identity('d/e.yaml', 'same'),
    ]);
    expect(diagnostics.map((diagnostic) => [diagnostic.location?.file, diagnostic.message])).toEqual([
      ['a.yaml', "name 'same' is also used by c.yaml, d/e.yaml; each name must be unique across the folder"],
      ['c.yaml', "name 'same' is also used by a.yaml, d/e.yaml; each name must be unique across the folder"],
      ['d/e.yaml', "name 'same' is also used by a.yaml, c.yaml; each name must be unique across the folder"],
    ]);
  });

  it('reports a duplicate uuid at the uuid line', () => {
    const diagnostics = duplicateDiagnostics([identity('a.yaml', 'a', 'U1'), identity('b.yaml', 'b', 'U1')]);
    expect(diagnostics.map((diagnostic) => diagnostic.location)).toEqual([
      { file: 'a.yaml', line: 2, column: 7, field: 'uuid' },
      { file: 'b.yaml', line: 2, column: 7, field: 'uuid' },
    ]);
  });

  it('compares names exactly (case matters)', () => {
    expect(duplicateDiagnostics([identity('a.yaml', 'Backup'), identity('b.yaml', 'backup')])).toEqual([]);
  });
});
