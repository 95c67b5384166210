import { mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderExport } from '../../src/export/render.js';
import { exportFiles, writeExport } from '../../src/export/write.js';
import { detail } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'export-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scripts = () => [
  renderExport(detail()),
  renderExport(detail({ name: '备份', script_uuid: 'U2', content: 'x\r\n' })),
];

describe('writeExport', () => {
  it('creates the folder and writes YAML and content files byte for byte', async () => {
    const out = path.join(dir, 'nested', 'out');
    const written = await writeExport(out, scripts(), { force: false });
    expect(written.map((file) => path.basename(file))).toEqual([
      'backup_db.yaml',
      'backup_db.sh',
      '备份.yaml',
      '备份.sh',
    ]);
    expect(await readFile(path.join(out, '备份.sh'), 'utf8')).toBe('x\r\n');
    expect(await readFile(path.join(out, 'backup_db.yaml'), 'utf8')).toBe(scripts()[0]?.yamlText);
  });

  it('refuses when any target exists and writes nothing at all', async () => {
    await writeFile(path.join(dir, '备份.sh'), 'mine');
    await expect(writeExport(dir, scripts(), { force: false })).rejects.toThrow(
      /refusing to overwrite .*备份\.sh \(use --force to overwrite\); nothing was written/,
    );
    await expect(readFile(path.join(dir, 'backup_db.yaml'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(dir, '备份.sh'), 'utf8')).toBe('mine');
  });

  it('overwrites regular files with force', async () => {
    await writeFile(path.join(dir, '备份.sh'), 'mine');
    await writeExport(dir, scripts(), { force: true });
    expect(await readFile(path.join(dir, '备份.sh'), 'utf8')).toBe('x\r\n');
  });

  it.each([
    { name: 'a symlink', make: (target: string) => symlink(path.join(dir, 'elsewhere'), target) },
    { name: 'a folder', make: (target: string) => mkdir(target) },
  ])('refuses to replace $name even with force', async ({ make }) => {
    await make(path.join(dir, 'backup_db.yaml'));
    await expect(writeExport(dir, scripts(), { force: true })).rejects.toThrow(/they are not regular files/);
  });

  it('refuses file names that collide on case-insensitive file systems', async () => {
    const clash = [
      renderExport(detail({ name: 'Job' })),
      renderExport(detail({ name: 'job', script_uuid: 'U3' })),
    ];
    await expect(writeExport(dir, clash, { force: false })).rejects.toThrow(
      /collide: Job\.yaml and job\.yaml/,
    );
  });
});

describe('exportFiles', () => {
  it('pairs each YAML file with its content file', () => {
    expect(exportFiles([renderExport(detail())]).map((file) => file.relativePath)).toEqual([
      'backup_db.yaml',
      'backup_db.sh',
    ]);
  });
});
