import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/load/load.js';
import type { Definition, PresentDefinition } from '../../src/model.js';
import { EXAMPLES_DIR, REPO_ROOT, VALID_DIR } from './fixtures.js';

function present(definitions: readonly Definition[], name: string): PresentDefinition {
  const found = definitions.find((definition) => definition.name === name);
  if (found?.state !== 'present') throw new Error(`no present definition ${name}`);
  return found;
}

describe('loadDefinitions over the valid fixtures', async () => {
  const env = { DB_PASSWORD: 'p@ss word', SECRET_VALUE: 'from-env', LOG_DIR: '/srv/staging/logs' };
  const result = await loadDefinitions(VALID_DIR, env, REPO_ROOT);
  const definitions = result.definitions;

  it('finds every definition and no problem, skipping dot and underscore names and other files', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toBe(14);
    expect(definitions.map((definition) => definition.file)).not.toContainEqual(
      expect.stringMatching(/\/[._]/u),
    );
  });

  it.each([
    { name: 'inline_shell', content: '#!/bin/bash\necho "hello"\n' },
    { name: 'backup_db', content: '#!/bin/bash\nset -euo pipefail\npg_dump "$1" > /tmp/backup.sql\n' },
    { name: '清理缓存', content: 'print("缓存已清理")\n' },
    { name: 'windows_report', content: '@echo off\r\necho report\r\n' },
    { name: 'crlf_yaml', content: 'echo one\necho two\n' },
    { name: 'every_param_rule', content: 'echo "$@"' },
  ])('keeps the content of $name exactly', ({ name, content }) => {
    expect(present(definitions, name).content).toBe(content);
  });

  it.each([
    {
      name: 'inline_shell',
      origin: { kind: 'block', file: `${VALID_DIR}/inline.yaml`, firstLine: 7, indent: 2 },
    },
    {
      name: 'crlf_yaml',
      origin: { kind: 'block', file: `${VALID_DIR}/crlf_yaml.yml`, firstLine: 7, indent: 2 },
    },
    {
      name: 'every_param_rule',
      origin: { kind: 'value', file: `${VALID_DIR}/params.yaml`, line: 6, column: 10 },
    },
    { name: 'windows_report', origin: { kind: 'file', file: `${VALID_DIR}/scripts/report_crlf.bat` } },
  ])('knows where the content of $name stands in the files the user edits', ({ name, origin }) => {
    expect(present(definitions, name).contentOrigin).toEqual(origin);
  });

  it('counts content length in characters, not UTF-16 units or bytes', () => {
    expect([...present(definitions, 'a'.repeat(64)).content]).toHaveLength(4096);
    expect([...present(definitions, 'astral_file').content]).toHaveLength(4096);
  });

  it('maps every field of a full definition', () => {
    expect(present(definitions, 'backup_db')).toEqual({
      file: `${VALID_DIR}/backup_db.yaml`,
      location: { file: `${VALID_DIR}/backup_db.yaml`, line: 1, column: 7, field: 'name' },
      name: 'backup_db',
      uuid: 'SC2023110211155901a700000',
      state: 'present',
      type: 'SHELL',
      description: 'Nightly database backup',
      content: expect.any(String) as unknown,
      contentFile: 'scripts/backup_db.sh',
      contentOrigin: { kind: 'file', file: `${VALID_DIR}/scripts/backup_db.sh` },
      riskLevel: 'HIGH',
      version: '1.2.0',
      reviewers: [{ name: 'alice', id: '1994a3ed905a47ad82c6' }],
      protocol: 'EMAIL',
      params: [
        {
          name: 'db_host',
          value: { source: 'literal', value: 'db.internal' },
          description: 'database host',
          sensitive: false,
          location: { file: `${VALID_DIR}/backup_db.yaml`, line: 14, column: 12, field: 'params[0].value' },
        },
        {
          name: 'db_password',
          value: { source: 'env', variable: 'DB_PASSWORD', value: 'p@ss word' },
          description: 'database password',
          sensitive: true,
          // Messages about an unset variable point here, not at `name:`.
          location: {
            file: `${VALID_DIR}/backup_db.yaml`,
            line: 17,
            column: 21,
            field: 'params[1].value_from_env',
          },
        },
      ],
    });
  });

  it('tells an omitted reviewers key from an empty list', () => {
    expect('reviewers' in present(definitions, 'inline_shell')).toBe(false);
    expect('protocol' in present(definitions, 'inline_shell')).toBe(false);
    expect(present(definitions, 'no_reviewers').reviewers).toEqual([]);
    expect(present(definitions, 'five_reviewers').reviewers).toHaveLength(5);
  });

  it('reads parameters with defaults, env values and unset env variables', () => {
    const params = present(definitions, 'every_param_rule').params;
    expect(params.map((param) => param.value)).toEqual([
      { source: 'literal', value: 'Az09 _-/.*?:",=+@[]{}' },
      { source: 'literal', value: 'http://127.0.0.1:8080/healthz' },
      { source: 'literal', value: '8080' },
      { source: 'env', variable: 'SECRET_VALUE', value: 'from-env' },
      { source: 'literal', value: 'hunter2' },
      { source: 'env', variable: 'NOT_SET_ANYWHERE', value: undefined },
      // value_from_env without sensitive: a per-environment value, shown and compared.
      { source: 'env', variable: 'LOG_DIR', value: '/srv/staging/logs' },
    ]);
    expect(params.map((param) => param.description)).toEqual([
      '',
      '',
      '',
      '',
      '',
      '',
      'not a secret; differs per GitHub Environment',
    ]);
    expect(params.map((param) => param.sensitive)).toEqual([false, false, false, true, true, true, false]);
    expect(present(definitions, 'twenty_params').params).toHaveLength(20);
  });

  it('loads tags as a map in key order; an omitted tags key stays undefined (keep the remote tags)', () => {
    expect(present(definitions, 'tagged').tags).toEqual([
      { key: 'cost-center', value: 'ops/42' },
      { key: 'empty', value: '' },
      { key: 'team', value: 'sre' },
      { key: 'équipe', value: 'données' },
    ]);
    expect(present(definitions, 'inline_shell').tags).toBeUndefined();
  });

  it('counts the ownership tag towards the 20 tags only with ownership: tag', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'coc-load-tags-'));
    const tags = Array.from({ length: 20 }, (_, index) => `  k${index}: v\n`).join('');
    await mkdir(join(cwd, 'defs'));
    await writeFile(
      join(cwd, 'defs', 'many.yaml'),
      `name: many\ntype: SHELL\ndescription: d\ncontent: x\nrisk_level: LOW\nversion: 1.0.0\ntags:\n${tags}`,
    );
    const byTag = await loadDefinitions('defs', {}, cwd, cwd, { reservedTags: 1 });
    expect(byTag.diagnostics.map((d) => d.message)).toEqual([
      'tags has 20 entries; at most 19 are allowed (COC allows 20 per script and the ownership tag managed-by-coc-script-sync takes one; ownership: name frees it)',
    ]);
    const byName = await loadDefinitions('defs', {}, cwd, cwd, { reservedTags: 0 });
    expect(byName.diagnostics).toEqual([]);
    expect(present(byName.definitions, 'many').tags).toHaveLength(20);
  });

  it('loads tombstones with only a name, or with extra valid keys', () => {
    const tombstones = definitions.filter((definition) => definition.state === 'absent');
    expect(tombstones.map((definition) => [definition.name, definition.uuid])).toEqual([
      ['retired_script', undefined],
      ['retired_with_details', 'SC2023110211155901a7000aa'],
    ]);
  });

  it('is deterministic', async () => {
    const again = await loadDefinitions(VALID_DIR, env, REPO_ROOT);
    expect(again).toEqual(result);
  });
});

describe('loadDefinitions over examples/coc-scripts', () => {
  it('validates every example', async () => {
    const result = await loadDefinitions(EXAMPLES_DIR, {}, REPO_ROOT);
    expect(result.diagnostics).toEqual([]);
    expect(result.definitions.map((definition) => definition.name).sort()).toEqual(
      ['backup_db', 'disk_report', 'legacy_cleanup', 'restart_service', 'rotate_logs', '清理缓存'].sort(),
    );
    expect(present(result.definitions, 'disk_report').content).toContain('\r\n');
  });
});

describe('loadDefinitions on folders', () => {
  let folder = '';
  afterEach(async () => {
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  });
  const makeFolder = async (): Promise<string> => {
    folder = await mkdtemp(join(tmpdir(), 'load-'));
    return folder;
  };

  it('reports a missing path as an error', async () => {
    const cwd = await makeFolder();
    const result = await loadDefinitions('coc-scripts', {}, cwd);
    expect(result).toEqual({
      definitions: [],
      files: 0,
      diagnostics: [
        {
          severity: 'error',
          message: expect.stringContaining("path 'coc-scripts' does not exist") as unknown,
        },
      ],
    });
  });

  it('reports a path that is a file as an error', async () => {
    const cwd = await makeFolder();
    await writeFile(join(cwd, 'defs.yaml'), 'name: x\n');
    const result = await loadDefinitions('defs.yaml', {}, cwd);
    expect(result.diagnostics).toEqual([
      { severity: 'error', message: expect.stringContaining("path 'defs.yaml' is not a folder") as unknown },
    ]);
  });

  it('warns about a folder without definitions', async () => {
    const cwd = await makeFolder();
    await mkdir(join(cwd, 'coc-scripts/_drafts'), { recursive: true });
    await writeFile(join(cwd, 'coc-scripts/_drafts/x.yaml'), 'name: x\n');
    const result = await loadDefinitions('coc-scripts', {}, cwd);
    expect(result.definitions).toEqual([]);
    expect(result.files).toBe(0);
    expect(result.diagnostics).toEqual([
      { severity: 'warning', message: expect.stringContaining('no definition files') as unknown },
    ]);
  });

  it('loads more files than it reads at once, in discovery order, with every diagnostic', async () => {
    const cwd = await makeFolder();
    const count = 60;
    const nameOf = (index: number): string => `s_${String(index).padStart(2, '0')}`;
    // Every 7th file is invalid (bad version); every 5th reads its content from a file.
    const invalid = (index: number): boolean => index % 7 === 3;
    await writeFile(join(cwd, 'shared.sh'), 'echo shared\n');
    for (let index = 0; index < count; index += 1) {
      const yaml = [
        `name: ${nameOf(index)}`,
        index % 5 === 0 ? 'content_file: shared.sh' : `content: echo ${index}`,
        'type: SHELL',
        'description: d',
        'risk_level: LOW',
        invalid(index) ? 'version: one' : 'version: 1.0.0',
      ].join('\n');
      await writeFile(join(cwd, `${nameOf(index)}.yaml`), yaml);
    }
    const indexes = Array.from({ length: count }, (_, index) => index);
    const result = await loadDefinitions('.', {}, cwd);
    expect(result.files).toBe(count);
    expect(result.definitions.map((definition) => definition.name)).toEqual(
      indexes.filter((index) => !invalid(index)).map(nameOf),
    );
    expect(result.diagnostics.map((diagnostic) => diagnostic.location?.file)).toEqual(
      indexes.filter(invalid).map((index) => `${nameOf(index)}.yaml`),
    );
    expect(present(result.definitions, 's_05').content).toBe('echo shared\n');
    expect(present(result.definitions, 's_06').content).toBe('echo 6');
  });

  it('reports file paths relative to cwd with /, also for an absolute root', async () => {
    const cwd = await makeFolder();
    await mkdir(join(cwd, 'a/b'), { recursive: true });
    await writeFile(join(cwd, 'a/b/s.yaml'), 'name: s\nstate: absent\n');
    const fromRelative = await loadDefinitions('a', {}, cwd);
    const fromAbsolute = await loadDefinitions(join(cwd, 'a'), {}, cwd);
    expect(fromRelative.definitions[0]?.file).toBe('a/b/s.yaml');
    expect(fromAbsolute.definitions[0]?.file).toBe('a/b/s.yaml');
    // Outside the workspace only when the caller allows it (the CLI's --allow-outside).
    const fromElsewhere = await loadDefinitions(join(cwd, 'a'), {}, REPO_ROOT, REPO_ROOT, {
      reservedTags: 1,
      boundary: false,
    });
    expect(fromElsewhere.definitions[0]?.file).toBe(relative(REPO_ROOT, join(cwd, 'a/b/s.yaml')));
    const refused = await loadDefinitions(join(cwd, 'a'), {}, REPO_ROOT);
    expect(refused.diagnostics[0]?.message).toMatch(/leads outside the workspace/u);
  });

  it('checks env-sourced values against the COC rules without echoing them', async () => {
    const cwd = await makeFolder();
    const yaml = [
      'name: s',
      'type: SHELL',
      'description: d',
      'content: echo',
      'risk_level: LOW',
      'version: 1.0.0',
      'params:',
      '  - name: pw',
      '    value_from_env: PW',
      '    sensitive: true',
    ].join('\n');
    await writeFile(join(cwd, 's.yaml'), yaml);
    const result = await loadDefinitions('.', { PW: 'secret#value' }, cwd);
    expect(result.definitions).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        message: expect.stringContaining(
          'the value of environment variable PW (params[0].value_from_env) contains a character',
        ) as unknown,
        location: { file: 's.yaml', line: 9, column: 21, field: 'params[0].value_from_env' },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('secret#value');
    const empty = await loadDefinitions('.', { PW: '' }, cwd);
    expect(empty.diagnostics).toEqual([]);
  });
});
