/** validate / plan / apply through main() against the emulator: output, exit codes, colour. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/flags.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import {
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

const ESC = '\u001b[';

describe('help and usage', () => {
  it.each(COMMANDS.map((command) => ({ command })))('prints help for $command', async ({ command }) => {
    const run = await runCli([command, '--help'], { cwd: work.current });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: coc-script-sync ${command} [flags]`);
    expect(run.stdout).toContain('Exit codes:');
  });

  it('prints the overview for --help and exits 0', async () => {
    const run = await runCli(['--help'], { cwd: work.current });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Commands:');
  });

  it('prints the overview on stderr and exits 1 without a command', async () => {
    const run = await runCli([], { cwd: work.current });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: coc-script-sync <command>');
  });

  it('names an unknown flag and its close match', async () => {
    const run = await runCli(['plan', '--max-delete', '3'], { cwd: work.current });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: unknown flag --max-delete. Did you mean --max-deletes?');
    expect(run.stderr).toContain('Run `coc-script-sync plan --help` for usage.');
  });

  it('names an invalid input value', async () => {
    const run = await runCli(['plan', '--max-deletes', 'many', ...emulatorFlags(emulator.current)], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('max-deletes');
  });
});

describe('validate', () => {
  it('exits 0 for a valid folder, offline', async () => {
    await writeFiles(work.current, { 'coc-scripts/a.yaml': definitionYaml('a') });
    const run = await runCli(['validate'], { cwd: work.current });
    expect(run).toMatchObject({ code: 0, stdout: '1 definition in 1 file: valid\n' });
    expect(emulator.current.requests()).toEqual([]);
  });

  it('exits 1 with file:line:column errors', async () => {
    await writeFiles(work.current, { 'defs/bad.yaml': definitionYaml('a', 'x', 'colour: red') });
    const run = await runCli(['validate', '--path', 'defs'], { cwd: work.current });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/defs\/bad\.yaml:8:1: error: .*colour/);
  });

  it('prints JSON with --json', async () => {
    await writeFiles(work.current, { 'coc-scripts/a.yaml': definitionYaml('a') });
    const run = await runCli(['validate', '--json'], { cwd: work.current });
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'validate', failureReason: '', definitions: 1 });
  });
});

describe('plan', () => {
  const flags = () => ['--path', 'defs', ...emulatorFlags(emulator.current)];

  it('exits 2 when changes are pending and shows them', async () => {
    emulator.current.seed([seedFor('same'), seedFor('changed', 'old words')]);
    await writeFiles(work.current, {
      'defs/same.yaml': definitionYaml('same'),
      'defs/changed.yaml': definitionYaml('changed', 'new words'),
      'defs/new.yaml': definitionYaml('fresh'),
    });
    const run = await runCli(['plan', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('+ create  fresh');
    expect(run.stdout).toContain('~ update  changed  (description)');
    expect(run.stdout).toContain('Plan: 1 to create, 1 to update, 0 to delete, 0 blocked, 1 unchanged.');
    expect(run.stdout).not.toContain(ESC);
  });

  it('exits 0 when nothing changes', async () => {
    emulator.current.seed([seedFor('same')]);
    await writeFiles(work.current, { 'defs/same.yaml': definitionYaml('same') });
    const run = await runCli(['plan', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete, 0 blocked, 1 unchanged.');
  });

  it('keeps exit code 2 for drift with --fail-on-drift', async () => {
    await writeFiles(work.current, { 'defs/new.yaml': definitionYaml('fresh') });
    const run = await runCli(['plan', '--fail-on-drift', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(2);
  });

  it('prints the plan file JSON with --json', async () => {
    await writeFiles(work.current, { 'defs/new.yaml': definitionYaml('fresh') });
    const run = await runCli(['plan', '--json', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(run.code).toBe(2);
    const document = JSON.parse(run.stdout) as { hash: string; items: { action: string; name: string }[] };
    expect(document.hash).toMatch(/^sha256:/);
    expect(document.items).toEqual([expect.objectContaining({ action: 'create', name: 'fresh' })]);
  });

  it.each([
    { name: 'on a TTY', tty: true, env: {}, args: [], colour: true },
    { name: 'with NO_COLOR', tty: true, env: { NO_COLOR: '1' }, args: [], colour: false },
    { name: 'with --no-color', tty: true, env: {}, args: ['--no-color'], colour: false },
    { name: 'when piped', tty: false, env: {}, args: [], colour: false },
  ])('colours the plan only $name', async ({ tty, env, args, colour }) => {
    await writeFiles(work.current, { 'defs/new.yaml': definitionYaml('fresh') });
    const run = await runCli(['plan', ...args, ...flags()], {
      cwd: work.current,
      env: { ...TOKEN_ENV, ...env },
      tty,
    });
    expect(run.code).toBe(2);
    expect(run.stdout.includes(ESC)).toBe(colour);
  });

  it('fails with exit 1 without credentials instead of silently validating', async () => {
    await writeFiles(work.current, { 'defs/a.yaml': definitionYaml('a') });
    const run = await runCli(['plan', ...flags()], { cwd: work.current });
    expect(run.code).toBe(1);
    // In the CLI's words: its flags and environment variables, never inputs or the step's env.
    expect(run.stderr).toContain('No credentials: plan needs one of --auth-token');
    expect(run.stderr).toContain('COC_SCRIPT_SYNC_AUTH_TOKEN');
    expect(run.stderr).toContain('HUAWEICLOUD_SDK_AK');
    expect(run.stderr).not.toMatch(/inputs|step's|fork/);
  });

  it('names its own flags when an IAM token has no project scope', async () => {
    await writeFiles(work.current, { 'defs/a.yaml': definitionYaml('a') });
    const iam = ['--iam-username', 'ops', '--iam-password', 'pw-canary-1234', '--iam-domain-name', 'acme'];
    const unscoped = ['--endpoint', emulator.current.url, '--iam-endpoint', emulator.current.url];
    const run = await runCli(['plan', '--path', 'defs', ...unscoped, ...iam], { cwd: work.current });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('must be project-scoped: set `--project-id` or `--region`.');
    expect(emulator.current.requests()).toEqual([]);
  });

  it('fails with exit 1 and the reason for a wrong token, never printing it', async () => {
    await writeFiles(work.current, { 'defs/a.yaml': definitionYaml('a') });
    const run = await runCli(['plan', '--auth-token', 'wrong-token-canary', ...flags()], {
      cwd: work.current,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: /);
    expect(`${run.stdout}${run.stderr}`).not.toContain('wrong-token-canary');
  });
});

describe('apply', () => {
  const flags = () => ['--path', 'defs', ...emulatorFlags(emulator.current)];

  it('applies, exits 0, and a second plan shows no change', async () => {
    emulator.current.seed([seedFor('changed', 'old words')]);
    await writeFiles(work.current, {
      'defs/changed.yaml': definitionYaml('changed', 'new words'),
      'defs/new.yaml': definitionYaml('fresh'),
    });
    const apply = await runCli(['apply', '--auto-approve', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Applied: 1 created, 1 updated, 0 deleted, 0 failed.');
    expect(
      emulator.current
        .scripts()
        .map((script) => script.name)
        .sort(),
    ).toEqual(['changed', 'fresh']);
    const plan = await runCli(['plan', ...flags()], { cwd: work.current, env: TOKEN_ENV });
    expect(plan.code).toBe(0);
  });

  it('exits 1 when the delete guard refuses, changing nothing', async () => {
    emulator.current.seed([seedFor('ops_a'), seedFor('ops_b'), seedFor('keep')]);
    await writeFiles(work.current, { 'defs/keep.yaml': definitionYaml('keep') });
    const run = await runCli(
      [
        'apply',
        '--auto-approve',
        '--prune',
        'ops_*',
        '--ownership',
        'name',
        '--max-deletes',
        '1',
        ...flags(),
      ],
      {
        cwd: work.current,
        env: TOKEN_ENV,
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: .*delet/i);
    expect(emulator.current.scripts()).toHaveLength(3);
  });

  it('prints a JSON envelope with the results with --json', async () => {
    await writeFiles(work.current, { 'defs/new.yaml': definitionYaml('fresh') });
    const run = await runCli(['apply', '--auto-approve', '--json', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { mode: string; results: { name: string; outcome: string }[] };
    expect(document.mode).toBe('apply');
    expect(document.results).toEqual([expect.objectContaining({ name: 'fresh', outcome: 'applied' })]);
  });

  it('takes the token from --auth-token and never prints it', async () => {
    await writeFiles(work.current, { 'defs/new.yaml': definitionYaml('fresh') });
    const run = await runCli(['apply', '--auto-approve', '--auth-token', EMULATOR_TOKEN, ...flags()], {
      cwd: path.resolve(work.current),
    });
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain(EMULATOR_TOKEN);
  });
});
