import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentRoot } from '../../src/load/content.js';
import { readContentFile } from '../../src/load/content.js';

describe('readContentFile', () => {
  let base = '';
  let root: ContentRoot;
  let yamlFile = '';

  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'content-')));
    const folder = join(base, 'defs');
    await mkdir(join(folder, 'sub/dir'), { recursive: true });
    await writeFile(join(base, 'outside.sh'), 'echo outside\n');
    await writeFile(join(folder, 'crlf.bat'), '@echo off\r\necho x\r\n');
    await writeFile(join(folder, 'bom.sh'), '\uFEFFecho bom\n');
    await writeFile(join(folder, 'nul.sh'), 'echo\0x\n');
    await writeFile(join(folder, 'big.sh'), 'x'.repeat(4096 * 4 + 1));
    await writeFile(join(folder, 'huge.sh'), 'x'.repeat(64 * 1024 + 1));
    await writeFile(join(folder, 'latin1.sh'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(join(folder, 'sub/inner.sh'), 'echo inner\n');
    await symlink(join(base, 'outside.sh'), join(folder, 'escape.sh'));
    await symlink(join(folder, 'sub/inner.sh'), join(folder, 'inside-link.sh'));
    await symlink(base, join(folder, 'up'));
    await symlink(join(folder, 'missing.sh'), join(folder, 'dangling.sh'));
    root = { path: folder, realPath: folder };
    yamlFile = join(folder, 'sub/script.yaml');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it.each([
    { name: 'a file next to the YAML file', file: 'inner.sh', content: 'echo inner\n' },
    {
      name: 'a `..` path that stays inside the root',
      file: '../crlf.bat',
      content: '@echo off\r\necho x\r\n',
    },
    {
      name: 'a symbolic link that stays inside the root',
      file: '../inside-link.sh',
      content: 'echo inner\n',
    },
    { name: 'a BOM, kept as written', file: '../bom.sh', content: '\uFEFFecho bom\n' },
  ])('reads $name', async ({ file, content }) => {
    expect(await readContentFile(root, yamlFile, file)).toEqual({ ok: true, content });
  });

  it.each([
    { name: 'a `..` escape', file: '../../outside.sh', rule: 'points outside the definitions folder' },
    { name: 'the root itself', file: '..', rule: 'points outside the definitions folder' },
    { name: 'an absolute path', file: '/etc/hostname', rule: 'must be a path relative to the YAML file' },
    { name: 'a symbolic link escape', file: '../escape.sh', rule: 'symbolic link that leads outside' },
    {
      name: 'a file through a linked folder',
      file: '../up/outside.sh',
      rule: 'symbolic link that leads outside',
    },
    { name: 'a dangling link', file: '../dangling.sh', rule: 'does not exist' },
    { name: 'a missing file', file: 'nope.sh', rule: 'does not exist' },
    { name: 'a folder', file: 'dir', rule: 'is a folder, not a file' },
    { name: 'bytes that are not UTF-8', file: '../latin1.sh', rule: 'is not valid UTF-8 text' },
    { name: 'NUL bytes', file: '../nul.sh', rule: 'contains NUL bytes' },
    { name: 'more than 4096 characters', file: '../big.sh', rule: 'has 16385 characters' },
    { name: 'a file over 64 KiB', file: '../huge.sh', rule: 'is larger than 64 KiB' },
  ])('refuses $name', async ({ file, rule }) => {
    const read = await readContentFile(root, yamlFile, file);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.rule).toContain(rule);
  });

  it('checks the real root when the root itself is reached through a link', async () => {
    const linkedRoot = join(base, 'linked-defs');
    await symlink(root.path, linkedRoot);
    const viaLink = { path: linkedRoot, realPath: root.realPath };
    const read = await readContentFile(viaLink, join(linkedRoot, 'x.yaml'), 'crlf.bat');
    expect(read).toEqual({ ok: true, content: '@echo off\r\necho x\r\n' });
  });
});
