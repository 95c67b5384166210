/**
 * Both bundles as users run them: dist/cli/index.js and dist/index.js against the same emulator
 * state end the same way, because both ask engine/verdict.ts; and the CLI bundle carries none of
 * the action's GitHub and runner code.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { CLI_ENTRY, runActionProcess, runCliProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

const definition = (name: string, extra = ''): string =>
  `name: ${name}\ntype: SHELL\ndescription: ${name}\ncontent: "echo ${name}\\n"\nrisk_level: LOW\nversion: 1.0.0\n${extra}`;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-front-ends-'));
  await writeFile(join(workspace, 'new_job.yaml'), definition('new_job'));
  // A uuid that does not exist remotely: a blocked item.
  await writeFile(
    join(workspace, 'gone_job.yaml'),
    definition('gone_job', 'uuid: SC20250101000000abcdef012\n'),
  );
});

describe('the CLI bundle', () => {
  it('validates (0), plans with changes pending (2) and writes nothing, with no runner code inside', async () => {
    const env = { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN };
    const validate = await runCliProcess(['validate', '--path', '.'], { cwd: workspace });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('2 definitions in 2 files: valid');
    const plan = await runCliProcess(['plan', '--path', '.', '--endpoint', emulator.current.url], {
      cwd: workspace,
      env,
    });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete, 1 blocked, 0 unchanged.');
    expect(emulator.current.requests().every((request) => request.method === 'GET')).toBe(true);
    const bundle = await readFile(CLI_ENTRY, 'utf8');
    // ncc keeps function names: these are @actions/core's; Octokit names itself everywhere.
    expect(bundle).not.toMatch(/function (issueCommand|getIDToken)\(/);
    expect(bundle).not.toMatch(/octokit/i);
  });
});

describe('one verdict for both front ends', () => {
  it('an apply with a blocked item applies the rest and fails the same way in both', async () => {
    const action = await runActionProcess(
      { mode: 'apply', path: '.', endpoint: emulator.current.url, 'auth-token': EMULATOR_TOKEN },
      { cwd: workspace },
    );
    expect(action.code).toBe(1);
    expect(action.outputs['failure-reason']).toBe('blocked');
    expect(action.outputs.created).toBe('1');
    // The failure lists each blocked item with its fix.
    expect(action.stdout).toMatch(
      /::error::1 blocked item was not applied \(everything else was\): gone_job \(gone_job\.yaml:1\): script `SC20250101000000abcdef012` was deleted remotely; remove `uuid` to create it again/,
    );
    emulator.current.reset();
    const cli = await runCliProcess(
      ['apply', '--auto-approve', '--path', '.', '--endpoint', emulator.current.url, '--json'],
      {
        cwd: workspace,
        env: { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN },
      },
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('1 blocked item was not applied (everything else was): gone_job');
    const document = JSON.parse(cli.stdout) as {
      failureReason: string;
      results: { action: string; outcome: string }[];
    };
    expect(document.failureReason).toBe(action.outputs['failure-reason']);
    // The create is applied; the blocked item is left as it is.
    expect(document.results.map((r) => `${r.action} ${r.outcome}`).sort()).toEqual([
      'blocked unchanged',
      'create applied',
    ]);
    expect(emulator.current.scripts().map((script) => script.name)).toEqual(['new_job']);
  });
});
