/**
 * `export` through the CLI bundle (dist/cli/index.js) into a folder that already defines some of
 * the selected scripts under other file names: those are skipped and listed, the new ones are
 * written with every YAML 1.1-ambiguous value quoted, and a plan afterwards shows zero changes.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SeedScript } from '../../emulator/types.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runCliProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';
const env = { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN };

const seed = (name: string, description: string, extra: Partial<SeedScript> = {}): SeedScript => ({
  name,
  type: 'SHELL',
  description,
  content: `echo ${name}\n`,
  properties: { risk_level: 'LOW', version: '1.0.0' },
  ...extra,
});

const definition = (name: string, description: string, extra: string): string =>
  [
    `name: ${name}`,
    extra,
    'type: SHELL',
    `description: ${description}`,
    'content: |',
    `  echo ${name}`,
    'risk_level: LOW',
    'version: 1.0.0',
    'reviewers: []',
    'tags: {}',
    '',
  ].join('\n');

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-export-'));
  await mkdir(join(workspace, 'coc-scripts'));
});

describe('export into a folder that already defines some scripts', () => {
  it('skips them (by uuid and by name), quotes YAML 1.1 booleans and numbers, and plans zero changes', async () => {
    const [byUuid] = emulator.current.seed([
      seed('bound_by_uuid', 'bound elsewhere'),
      seed('bound_by_name', 'bound by its name'),
      seed('fresh', 'yes'),
      seed('numbers', '1_000'),
    ]);
    const uuid = byUuid?.script_uuid ?? '';
    await writeFile(
      join(workspace, 'coc-scripts', 'legacy-one.yaml'),
      definition('bound_by_uuid', 'bound elsewhere', `uuid: ${uuid}`),
    );
    await writeFile(
      join(workspace, 'coc-scripts', 'legacy-two.yaml'),
      definition('bound_by_name', 'bound by its name', ''),
    );
    const flags = ['--path', 'coc-scripts', '--endpoint', emulator.current.url];
    const exported = await runCliProcess(['export', '--name-glob', '*', ...flags], { cwd: workspace, env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(
      `bound_by_uuid (${uuid}): already defined in coc-scripts/legacy-one.yaml`,
    );
    expect(exported.stdout).toMatch(
      /bound_by_name \(SC\w+\): already defined in coc-scripts\/legacy-two\.yaml/,
    );
    expect(exported.stdout).toContain('Exported 2 scripts to coc-scripts:');
    expect((await readdir(join(workspace, 'coc-scripts'))).sort()).toEqual([
      'fresh.sh',
      'fresh.yaml',
      'legacy-one.yaml',
      'legacy-two.yaml',
      'numbers.sh',
      'numbers.yaml',
    ]);
    const fresh = await readFile(join(workspace, 'coc-scripts', 'fresh.yaml'), 'utf8');
    expect(fresh).toContain('description: "yes"\n');
    // A YAML 1.1 reader (editors, linters) reads it as the same string, not a boolean or number.
    expect(parse(fresh, { version: '1.1' })).toMatchObject({ description: 'yes' });
    const numbers = await readFile(join(workspace, 'coc-scripts', 'numbers.yaml'), 'utf8');
    expect(parse(numbers, { version: '1.1' })).toMatchObject({ description: '1_000' });

    const plan = await runCliProcess(['plan', ...flags], { cwd: workspace, env });
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete, 0 blocked, 4 unchanged.');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    // Everything defined now: a second export writes nothing and says so.
    const again = await runCliProcess(['export', '--name-glob', '*', ...flags], { cwd: workspace, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing new to export to coc-scripts');
    expect(again.stdout).toContain('Skipped 4 scripts already defined in the folder:');
  });
});
