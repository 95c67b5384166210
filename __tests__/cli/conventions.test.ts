/**
 * The conventions people know from terraform, kubectl and git: apply asks before it writes,
 * --auto-approve, --target, --version, `help [command]`, and flags that would do nothing are
 * rejected. In-process through main() against the emulator.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIRM_PROMPT } from '../../src/cli/apply-command.js';
import { COMMANDS, flagsFor } from '../../src/cli/flags.js';
import { commandHelp, generalHelp } from '../../src/cli/help.js';
import { useEmulator } from '../support/emulator.js';
import {
  answering,
  definitionYaml,
  emulatorFlags,
  runCli,
  seedFor,
  TOKEN_ENV,
  useWorkDir,
  writeFiles,
} from './cli-helpers.js';

const emulator = useEmulator();
const work = useWorkDir();
const flags = (): string[] => emulatorFlags(emulator.current);
const writes = (): string[] =>
  emulator.current
    .requests()
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
const names = (): string[] =>
  emulator.current
    .scripts()
    .map((s) => s.name)
    .sort();

async function folder(...scripts: string[]): Promise<void> {
  await writeFiles(
    work.current,
    Object.fromEntries(scripts.map((n) => [`coc-scripts/${n}.yaml`, definitionYaml(n)])),
  );
}

describe('--version and help [command]', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runCli(['--version'], { cwd: work.current });
    expect(run).toEqual({ code: 0, stdout: `coc-script-sync ${pkg.version}\n`, stderr: '' });
  });

  it('`help` is --help, `help <command>` is <command> --help', async () => {
    expect(await runCli(['help'], { cwd: work.current })).toEqual({
      code: 0,
      stdout: generalHelp(),
      stderr: '',
    });
    for (const command of COMMANDS) {
      const run = await runCli(['help', command], { cwd: work.current });
      expect(run).toEqual({ code: 0, stdout: commandHelp(command), stderr: '' });
    }
    expect(generalHelp()).toContain('help <command>');
    expect(generalHelp()).toContain('--version');
  });

  it.each([
    { argv: ['help', 'paln'], message: 'unknown command "paln". Did you mean plan?' },
    { argv: ['help', 'plan', 'apply'], message: 'help takes at most one command' },
    { argv: ['plan', '--version'], message: '--version comes alone' },
    { argv: ['--version', 'plan'], message: '--version comes alone' },
  ])('rejects $argv', async ({ argv, message }) => {
    const run = await runCli(argv, { cwd: work.current });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});

describe('each command takes only the flags that do something for it', () => {
  it.each([
    { command: 'plan', absent: ['expected-plan-hash', 'auto-approve'], present: ['target', 'fail-on-drift'] },
    {
      command: 'apply',
      absent: ['fail-on-drift'],
      present: ['target', 'auto-approve', 'expected-plan-hash'],
    },
    {
      command: 'validate',
      absent: ['debug', 'verbose', 'region', 'target', 'prune'],
      present: ['path', 'json'],
    },
    {
      command: 'export',
      absent: ['target', 'prune', 'auto-approve'],
      present: ['uuid', 'name-glob', 'region'],
    },
  ] as const)('$command --help', ({ command, absent, present }) => {
    const help = commandHelp(command);
    const listed = flagsFor(command).map((flag) => flag.name);
    for (const name of absent) {
      expect(listed).not.toContain(name);
      expect(help).not.toContain(`--${name} `);
    }
    for (const name of present) expect(help).toContain(`--${name}`);
  });

  it.each([
    {
      argv: ['plan', '--expected-plan-hash', 'sha256:x'],
      message: 'plan does not take --expected-plan-hash (a flag of apply)',
    },
    { argv: ['plan', '--auto-approve'], message: 'plan does not take --auto-approve (a flag of apply)' },
    { argv: ['apply', '--fail-on-drift'], message: 'apply does not take --fail-on-drift (a flag of plan)' },
    { argv: ['validate', '--debug'], message: 'validate does not take --debug' },
    { argv: ['validate', '--region', 'cn-north-4'], message: 'validate does not take --region' },
    { argv: ['export', '--target', 'a'], message: 'export does not take --target' },
  ])('rejects $argv', async ({ argv, message }) => {
    const run = await runCli(argv, { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${message}`);
    expect(emulator.current.requests()).toEqual([]);
  });
});

describe('apply asks first', () => {
  it('without a terminal and without --auto-approve it refuses before any request', async () => {
    await folder('a');
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: apply asks for confirmation, but stdin is not a terminal');
    expect(run.stderr).toContain('coc-script-sync apply --auto-approve');
    expect(emulator.current.requests()).toEqual([]);
  });

  it('a stdin that is not a terminal is no terminal either', async () => {
    await folder('a');
    const stdin = { ...answering('yes'), isTTY: false };
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(1);
    expect(stdin.asked).toBe(0);
    expect(emulator.current.requests()).toEqual([]);
  });

  it('shows the plan, asks, and applies it on "yes"', async () => {
    await folder('a', 'b');
    const stdin = answering('yes');
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(0);
    expect(stdin.asked).toBe(1);
    expect(run.stderr).toContain(`\n${CONFIRM_PROMPT}`);
    expect(run.stdout).toContain('Plan: 2 to create, 0 to update, 0 to delete, 0 blocked, 0 unchanged.');
    expect(run.stdout).toContain('Applied: 2 created, 0 updated, 0 deleted, 0 failed.');
    // The plan is shown once, before the question.
    expect(run.stdout.match(/^Plan: /gm)).toHaveLength(1);
    expect(names()).toEqual(['a', 'b']);
  });

  it.each([
    { name: '"no"', answer: 'no' },
    { name: '"y" (only "yes" applies)', answer: 'y' },
    { name: 'the end of input (Ctrl-D)', answer: undefined },
  ])('cancels on $name and writes nothing', async ({ answer }) => {
    await folder('a');
    const stdin = answering(...(answer === undefined ? [] : [answer]));
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Apply cancelled (only "yes" applies): nothing was changed.');
    expect(writes()).toEqual([]);
  });

  it('applies exactly the plan shown: a change on COC while it waits makes it refuse', async () => {
    await folder('a');
    const stdin = answering(() => {
      emulator.current.seed([seedFor('a', 'made in the console meanwhile')]);
      return 'yes';
    });
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not the reviewed plan');
    expect(run.stderr).toContain('The plan changed after it was shown; run apply again to see the new one.');
    expect(writes()).toEqual([]);
  });

  it('on a terminal, the progress line redraws in place (raw \\r and erase, not escaped)', async () => {
    await folder('a');
    const run = await runCli(['apply', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
      stdin: answering('yes'),
      tty: true,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\r\u001b[K');
    expect(run.stderr).not.toContain('\\r');
    expect(run.stderr).not.toContain('\\u001b');
  });

  it('does not ask when there is nothing to do', async () => {
    await folder('a');
    emulator.current.seed([seedFor('a')]);
    const stdin = answering('yes');
    const run = await runCli(['apply', ...flags()], { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(0);
    expect(stdin.asked).toBe(0);
    expect(run.stdout).toContain('No changes: nothing to apply.');
  });

  it('does not ask for a plan apply would refuse (delete guard)', async () => {
    await folder('keep');
    emulator.current.seed([seedFor('ops_1'), seedFor('ops_2')]);
    const stdin = answering('yes');
    const args = ['apply', '--prune', 'ops_*', '--max-deletes', '1', ...flags()];
    const run = await runCli(args, { cwd: work.current, env: TOKEN_ENV, stdin });
    expect(run.code).toBe(1);
    expect(stdin.asked).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('--json needs --auto-approve', async () => {
    await folder('a');
    const run = await runCli(['apply', '--json', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
      stdin: answering('yes'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('apply --json needs --auto-approve');
    expect(emulator.current.requests()).toEqual([]);
  });
});

describe('--target', () => {
  it('limits plan to the named scripts and globs, with prune off, and says so', async () => {
    await folder('backup_db', 'backup_logs', 'rotate');
    emulator.current.seed([seedFor('ops_orphan')]);
    const run = await runCli(
      ['plan', '--target', 'backup_*', '--target', 'nope', '--prune', 'ops_*', ...flags()],
      {
        cwd: work.current,
        env: TOKEN_ENV,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Plan: 2 to create, 0 to update, 0 to delete, 0 blocked, 0 unchanged.');
    expect(run.stdout).toMatch(/\+ create +backup_db/);
    expect(run.stdout).not.toContain('rotate');
    expect(run.stdout).not.toContain('ops_orphan');
    expect(run.stderr).toContain(
      'note: Targeting 2 of 3 definitions (backup_db, backup_logs); prune is off while targeting, and no other script is planned or changed.',
    );
    expect(run.stderr).toContain('warning: --target nope matches no definition');
  });

  it('a glob with braces is one target', async () => {
    await folder('backup_db', 'backup_logs', 'backup_x');
    const run = await runCli(['plan', '--target', 'backup_{db,logs}', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.stdout).toContain('Plan: 2 to create');
  });

  it('limits apply, and never prunes', async () => {
    await folder('a', 'b');
    emulator.current.seed([seedFor('ops_orphan')]);
    const run = await runCli(['apply', '--auto-approve', '--target', 'a', '--prune', 'ops_*', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    expect(names()).toEqual(['a', 'ops_orphan']);
    expect(writes()).toEqual(['POST /v1/job/scripts']);
  });

  it('a target that matches nothing is an error, before any request', async () => {
    await folder('a');
    const run = await runCli(['plan', '--target', 'zzz*', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--target zzz* matches no definition in');
    expect(emulator.current.requests()).toEqual([]);
  });
});
