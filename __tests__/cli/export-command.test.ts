/** `export` against the emulator, and the round trip: export, then plan shows zero changes. */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeedScript } from '../../emulator/server.js';
import { useEmulator } from '../support/emulator.js';
import { emulatorFlags, runCli, seedFor, TOKEN_ENV, useWorkDir } from './cli-helpers.js';

const REVIEWER = { reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' };

const SEED: SeedScript[] = [
  {
    name: '备份_db',
    type: 'SHELL',
    description: '夜间备份: nightly backup',
    content: '#!/bin/bash\r\necho "${db_host}"\r\nexit 0',
    properties: { risk_level: 'HIGH', version: '1.2.0', reviewers: [REVIEWER], protocol: 'EMAIL' },
    script_params: [
      {
        param_name: 'db_host',
        param_value: 'db.internal',
        param_description: 'database host',
        param_order: 1,
        sensitive: false,
      },
      {
        param_name: 'db_password',
        param_value: 'S3cret=+@x',
        param_description: 'password',
        param_order: 2,
        sensitive: true,
      },
    ],
    status: 'APPROVED',
  },
  {
    name: 'rotate_logs',
    type: 'PYTHON',
    description: 'Rotate logs',
    content: 'print("rotate")\n',
    properties: { risk_level: 'LOW', version: '1.0.0' },
  },
  {
    name: 'win_cleanup',
    type: 'BAT',
    description: 'Clean up',
    content: '@echo off\r\ndel /q %TEMP%\\*\r\n',
    properties: { risk_level: 'MEDIUM', version: '2.0.1', reviewers: [REVIEWER] },
    script_params: [
      { param_name: 'api_key', param_value: 'k-1', param_description: '', param_order: 1, sensitive: true },
    ],
  },
];

const emulator = useEmulator({ seed: SEED });
const work = useWorkDir();

function flags(): string[] {
  return emulatorFlags(emulator.current);
}

async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('export', () => {
  it('round trip: export, set the printed variables, plan -> no changes (exit 0)', async () => {
    const exported = await runCli(['export', '--name-glob', '*', '--out', 'defs', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const dir = path.join(work.current, 'defs');
    expect(await listFiles(dir)).toEqual([
      'rotate_logs.py',
      'rotate_logs.yaml',
      'win_cleanup.bat',
      'win_cleanup.yaml',
      '备份_db.sh',
      '备份_db.yaml',
    ]);
    expect(await readFile(path.join(dir, '备份_db.sh'), 'utf8')).toBe(SEED[0]?.content);
    expect(await readFile(path.join(dir, 'win_cleanup.bat'), 'utf8')).toBe(SEED[2]?.content);
    const yaml = await readFile(path.join(dir, '备份_db.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=/);
    expect(yaml).toContain('  - name: alice\n    id: 1994a3ed905a47ad82c6000000000000\nprotocol: EMAIL\n');
    expect(yaml).not.toContain('S3cret');
    const variables = [...exported.stdout.matchAll(/^ {2}(COC_\w+) +/gmu)].map((match) => match[1] ?? '');
    expect(variables).toHaveLength(2);
    expect(variables).toContain('COC_WIN_CLEANUP_API_KEY');
    // CRLF content keeps its bytes; export says how to keep git from normalising it.
    expect(exported.stdout).toContain(
      'CRLF line endings kept (as COC holds them): win_cleanup.bat, 备份_db.sh.',
    );
    expect(exported.stdout).toContain(
      'add to .gitattributes:\n  defs/**/*.bat text eol=crlf\n  defs/备份_db.sh text eol=crlf\n',
    );
    const env = { ...TOKEN_ENV, ...Object.fromEntries(variables.map((name) => [name, 'value-1'])) };

    const plan = await runCli(['plan', '--path', 'defs', ...flags()], { cwd: work.current, env });
    // The only remarks are the content check's: the exported CRLF shell script, and BAT unchecked.
    expect(plan.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^\S*defs\/备份_db\.sh:1:12: warning: SHELL script 备份_db has CRLF/u),
      'note: BAT scripts are not checked (1 in this folder); SHELL and PYTHON scripts are.',
    ]);
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete, 0 blocked, 3 unchanged.');
    expect(plan.code).toBe(0);

    emulator.current.clearRequests();
    const apply = await runCli(['apply', '--auto-approve', '--path', 'defs', ...flags()], {
      cwd: work.current,
      env,
    });
    expect(apply.code).toBe(0);
    const writes = emulator.current.requests().filter((request) => request.method !== 'GET');
    expect(writes).toEqual([]);
  });

  it('exports by uuid (comma list), uuid included, nothing else', async () => {
    const [first, , third] = emulator.current.scripts();
    const run = await runCli(
      ['export', '--uuid', `${first?.script_uuid},${third?.script_uuid}`, '--out', 'x', ...flags()],
      {
        cwd: work.current,
        env: TOKEN_ENV,
      },
    );
    expect(run.code).toBe(0);
    expect(await listFiles(path.join(work.current, 'x'))).toEqual([
      'win_cleanup.bat',
      'win_cleanup.yaml',
      '备份_db.sh',
      '备份_db.yaml',
    ]);
    const yaml = await readFile(path.join(work.current, 'x', 'win_cleanup.yaml'), 'utf8');
    expect(yaml).toContain(`uuid: ${third?.script_uuid}\n`);
  });

  it('defaults --out to --path', async () => {
    const run = await runCli(['export', '--name-glob', 'rotate_*', '--path', 'scripts', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    expect(await listFiles(path.join(work.current, 'scripts'))).toEqual([
      'rotate_logs.py',
      'rotate_logs.yaml',
    ]);
  });

  it('refuses to overwrite, writing nothing, and overwrites with --force', async () => {
    const dir = path.join(work.current, 'coc-scripts');
    const first = await runCli(['export', '--name-glob', 'rotate_*', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(first.code).toBe(0);
    await writeFile(path.join(dir, 'rotate_logs.py'), 'local edit');
    // A stray file where a new script's content would go (not a definition of anything).
    await writeFile(path.join(dir, 'win_cleanup.bat'), 'stray');
    const refused = await runCli(['export', '--name-glob', '*', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to overwrite .*win_cleanup\.bat.*--force/);
    expect(await listFiles(dir)).toEqual(['rotate_logs.py', 'rotate_logs.yaml', 'win_cleanup.bat']);
    expect(await readFile(path.join(dir, 'rotate_logs.py'), 'utf8')).toBe('local edit');
    // --force overwrites, and refreshes rotate_logs in its own file (no second definition).
    const forced = await runCli(['export', '--name-glob', '*', '--force', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(forced.code).toBe(0);
    expect(await readFile(path.join(dir, 'rotate_logs.py'), 'utf8')).toBe('print("rotate")\n');
    expect(await listFiles(dir)).toHaveLength(6);
  });

  it('prints JSON with --json', async () => {
    const run = await runCli(['export', '--name-glob', 'win_*', '--json', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      scripts: { name: string }[];
      envVariables: { variable: string }[];
      crlfFiles: string[];
      gitattributes: string[];
    };
    expect(document.scripts.map((script) => script.name)).toEqual(['win_cleanup']);
    expect(document.envVariables).toEqual([
      { variable: 'COC_WIN_CLEANUP_API_KEY', script: 'win_cleanup', param: 'api_key' },
    ]);
    expect(document).toMatchObject({
      crlfFiles: [path.join(work.current, 'coc-scripts', 'win_cleanup.bat')],
      gitattributes: ['coc-scripts/**/*.bat text eol=crlf'],
    });
  });

  it.each([
    { name: 'no selection', args: [], message: /export needs --uuid or --name-glob/ },
    {
      name: 'an unknown uuid',
      args: ['--uuid', 'SC20990101000000000000000'],
      message: /no remote script has uuid SC2099/,
    },
    {
      name: 'a glob matching nothing',
      args: ['--name-glob', 'nope_*'],
      message: /nope_\* matched no remote script/,
    },
  ])('exits 1 for $name', async ({ args, message }) => {
    const run = await runCli(['export', ...args, ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    await expect(readdir(path.join(work.current, 'coc-scripts'))).rejects.toThrow(/ENOENT/);
  });

  it('writes `reviewers: []` and no protocol for a script without them', async () => {
    emulator.current.seed([seedFor('plain')]);
    const run = await runCli(['export', '--name-glob', 'plain', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    const yaml = await readFile(path.join(work.current, 'coc-scripts', 'plain.yaml'), 'utf8');
    expect(yaml).toContain('reviewers: []\n');
    expect(yaml).not.toContain('protocol');
  });
});

describe('export when GET leaves out the protocol', () => {
  const quiet = useEmulator({ seed: SEED, omitProtocol: true });
  const dir = useWorkDir();

  it('writes no protocol and still plans zero changes', async () => {
    const args = [
      '--endpoint',
      quiet.current.url,
      '--iam-endpoint',
      quiet.current.url,
      '--project-id',
      'p0123',
    ];
    const exported = await runCli(['export', '--name-glob', '备份_*', ...args], {
      cwd: dir.current,
      env: TOKEN_ENV,
    });
    expect(exported.code).toBe(0);
    const yaml = await readFile(path.join(dir.current, 'coc-scripts', '备份_db.yaml'), 'utf8');
    expect(yaml).not.toContain('protocol');
    const plan = await runCli(['plan', ...args], { cwd: dir.current, env: TOKEN_ENV });
    expect(plan.stdout).toContain('0 to update');
    expect(plan.code).toBe(0);
  });
});
