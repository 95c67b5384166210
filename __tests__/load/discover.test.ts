import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverDefinitionFiles, readDefinitionText } from '../../src/load/discover.js';

describe('discoverDefinitionFiles', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'discover-'));
    const files = [
      'b.yaml',
      'a.yml',
      'UPPER.YAML',
      'z/inner.yaml',
      'z/deep/er.yml',
      '.hidden.yaml',
      '_draft.yaml',
      '.git/config.yaml',
      '_templates/t.yaml',
      'z/_partial.yaml',
      'notes.md',
      'script.sh',
      'yaml',
    ];
    for (const file of files) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await writeFile(join(root, file), 'name: x\n');
    }
    await mkdir(join(root, 'folder.yaml'));
    await symlink(join(root, 'b.yaml'), join(root, 'linked.yaml'));
    await symlink(join(root, 'z'), join(root, 'linked-folder'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds *.yaml and *.yml recursively in a stable order, skipping . and _ names', async () => {
    const discovery = await discoverDefinitionFiles(root);
    expect(discovery.kind).toBe('found');
    const files = discovery.kind === 'found' ? discovery.files.map((file) => relative(root, file)) : [];
    expect(files).toEqual(['UPPER.YAML', 'a.yml', 'b.yaml', 'linked.yaml', 'z/deep/er.yml', 'z/inner.yaml']);
  });

  it.each([
    { name: 'a missing folder', path: 'missing', kind: 'missing' },
    { name: 'a file', path: 'b.yaml', kind: 'not-a-folder' },
  ])('tells $name apart', async ({ path, kind }) => {
    expect((await discoverDefinitionFiles(join(root, path))).kind).toBe(kind);
  });

  it('reads UTF-8 text and refuses other bytes', async () => {
    await writeFile(join(root, 'bytes.bin'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(readDefinitionText(join(root, 'b.yaml'))).toEqual({ ok: true, text: 'name: x\n' });
    expect(readDefinitionText(join(root, 'bytes.bin'))).toEqual({
      ok: false,
      message: 'the file is not valid UTF-8 text',
    });
    expect(readDefinitionText(join(root, 'nope.yaml'))).toEqual({
      ok: false,
      message: 'the file cannot be read: ENOENT',
    });
  });
});
