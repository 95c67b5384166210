/**
 * Messages that used to send the user round in circles, through the bundles: each one now says
 * what to do, at the right place, in the front end's own words.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess, runCliProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';
const env = { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN };

const yaml = (name: string, lines: string[] = []): string =>
  [
    `name: ${name}`,
    'type: SHELL',
    'description: does things',
    'content: echo hi',
    'risk_level: LOW',
    'version: 1.0.0',
    ...lines,
    '',
  ].join('\n');

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-messages-'));
  await mkdir(join(workspace, 'coc-scripts'));
});

describe('messages', () => {
  it('version: 1.0 advises "1.0.0"; an unset value_from_env points at its own line', async () => {
    await writeFile(
      join(workspace, 'coc-scripts', 'a.yaml'),
      yaml('a').replace('version: 1.0.0', 'version: 1.0'),
    );
    const validate = await runActionProcess({ mode: 'validate', path: 'coc-scripts' }, { cwd: workspace });
    expect(validate.stdout).toContain(
      'YAML reads 1.0 as a number; write "1.0.0" (quoted, in the form N.N.N)',
    );

    const param = ['params:', '  - name: token', '    value_from_env: API_TOKEN', '    sensitive: true'];
    await writeFile(join(workspace, 'coc-scripts', 'a.yaml'), yaml('a', param));
    const apply = await runActionProcess(
      { mode: 'apply', path: 'coc-scripts', endpoint: emulator.current.url, 'auth-token': EMULATOR_TOKEN },
      { cwd: workspace },
    );
    expect(apply.outputs['failure-reason']).toBe('validation');
    // Line 9 is `value_from_env: API_TOKEN`, not line 1 (`name:`).
    expect(apply.stdout).toMatch(
      /::error file=coc-scripts\/a\.yaml,line=9,col=21::environment variable `API_TOKEN` is not set/,
    );
    expect(apply.stdout).toContain("Set it in the step's `env:`");
  });

  it('the CLI shows an absolute --path as given and speaks of its flags', async () => {
    const missing = join(tmpdir(), 'coc-messages-does-not-exist');
    const outside = await runCliProcess(['validate', '--path', missing], { cwd: workspace });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('pass --allow-outside to read definitions from there');
    const allowed = await runCliProcess(['validate', '--path', missing, '--allow-outside'], {
      cwd: workspace,
    });
    expect(allowed.stderr).toContain(`(looked at ${missing}); pass \`--path\` to the folder of definitions`);
    expect(allowed.stderr).not.toContain('../');
  });

  it('counts agree with their nouns, and --verbose lists an unchanged script once', async () => {
    await writeFile(join(workspace, 'coc-scripts', 'same.yaml'), yaml('same'));
    await writeFile(join(workspace, 'coc-scripts', 'drifted.yaml'), yaml('drifted'));
    const seed = (name: string, description: string) => ({
      name,
      type: 'SHELL' as const,
      description,
      content: 'echo hi',
      properties: { risk_level: 'LOW', version: '1.0.0' },
    });
    emulator.current.seed([seed('same', 'does things'), seed('drifted', 'edited in the console')]);
    const drift = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': EMULATOR_TOKEN,
        'fail-on-drift': 'true',
        ownership: 'name',
      },
      { cwd: workspace },
    );
    expect(drift.stdout).toContain('::error::Drift detected: 1 script differs from the definitions.');

    const apply = await runCliProcess(
      [
        'apply',
        '--auto-approve',
        '--verbose',
        '--ownership',
        'name',
        '--path',
        'coc-scripts',
        '--endpoint',
        emulator.current.url,
      ],
      { cwd: workspace, env },
    );
    expect(apply.code, apply.stderr).toBe(0);
    const mentions = `${apply.stdout}\n${apply.stderr}`.split('\n').filter((line) => /\bsame\b/.test(line));
    expect(mentions).toHaveLength(1);
  });
});
