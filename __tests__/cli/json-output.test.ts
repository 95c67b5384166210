/**
 * `--json` prints documents that match schema/cli-output.schema.json (committed, generated from
 * src/cli/output-schema.ts): real runs of every command against the emulator, covering every
 * kind of plan item and apply result, each validated with ajv in strict mode.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { OUTPUT_SCHEMA_PATH, renderOutputSchema } from '../../src/cli/output-schema.js';
import { connectCoc } from '../../src/coc/connect.js';
import { useEmulator } from '../support/emulator.js';
import {
  definitionYaml,
  emulatorFlags,
  runCli,
  seedFor,
  TOKEN_ENV,
  useWorkDir,
  writeFiles,
} from './cli-helpers.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const committed = readFileSync(path.join(ROOT, OUTPUT_SCHEMA_PATH), 'utf8');
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);

const emulator = useEmulator();
const work = useWorkDir();
const flags = (): string[] => emulatorFlags(emulator.current);

function checked(stdout: string): Record<string, unknown> {
  const document = JSON.parse(stdout) as Record<string, unknown>;
  validate(document);
  expect(validate.errors ?? []).toEqual([]);
  return document;
}

const PARAMS = [
  'params:',
  '  - name: log_dir',
  '    value_from_env: LOG_DIR',
  '  - name: password',
  '    value_from_env: PASSWORD',
  '    sensitive: true',
  '  - name: unset',
  '    value_from_env: NOT_SET',
  '    sensitive: true',
].join('\n');

/** A folder whose plan has a create, an update with a content diff, a deletion, a blocked item. */
async function mixedFolder(): Promise<void> {
  await writeFiles(work.current, {
    'coc-scripts/fresh.yaml': definitionYaml('fresh', 'new one', PARAMS),
    'coc-scripts/changed.yaml': definitionYaml('changed', 'new text').replace('echo hello', 'echo changed'),
    'coc-scripts/gone.yaml': 'name: gone\nstate: absent\n',
    'coc-scripts/moved.yaml': `${definitionYaml('moved')}\nuuid: SC20990101000000000000000\n`,
    'coc-scripts/unread.yaml': definitionYaml('unread', 'new text'),
  });
  emulator.current.seed([
    {
      ...seedFor('changed'),
      properties: {
        risk_level: 'LOW',
        version: '1.0.0',
        reviewers: [{ reviewer_name: 'al', reviewer_id: 'id1' }],
      },
    },
    seedFor('gone'),
    // Owned by this folder, so pruned; the console-made one is kept (not owned).
    { ...seedFor('ops_orphan'), resource_tags: [{ key: 'managed-by-coc-script-sync', value: OWNER }] },
    seedFor('ops_console'),
    seedFor('unread'),
  ]);
  // One script whose GET fails: an unreadable item in the plan, a failed result in apply.
  const unread = emulator.current.scripts().find((script) => script.name === 'unread');
  emulator.current.setFaults({ failReadUuids: [unread?.script_uuid ?? ''] });
}

const OWNER = 'octo/ops:coc-scripts';

const ENV = { ...TOKEN_ENV, LOG_DIR: '/srv/logs', PASSWORD: 'S3cret-value' };

describe(OUTPUT_SCHEMA_PATH, () => {
  it('is up to date with src/cli/output-schema.ts (npm run generate)', () => {
    expect(committed).toBe(renderOutputSchema());
  });

  it('matches validate --json, valid and invalid', async () => {
    await writeFiles(work.current, { 'coc-scripts/a.yaml': definitionYaml('a') });
    expect(checked((await runCli(['validate', '--json'], { cwd: work.current })).stdout)).toMatchObject({
      mode: 'validate',
    });
    await writeFiles(work.current, { 'coc-scripts/b.yaml': definitionYaml('b', 'x', 'colour: red') });
    const invalid = await runCli(['validate', '--json'], { cwd: work.current });
    expect(checked(invalid.stdout)).toMatchObject({ failureReason: 'validation' });
  });

  it('matches plan --json with every kind of item', async () => {
    await mixedFolder();
    const run = await runCli(['plan', '--json', '--prune', 'ops_*', '--owner', OWNER, ...flags()], {
      cwd: work.current,
      env: ENV,
    });
    // The unreadable script makes the plan incomplete: shown, then exit 1 (api-error).
    expect(run.code).toBe(1);
    const plan = checked(run.stdout) as {
      items: { action: string }[];
      ownership: { kept: { name: string }[]; markOwned: string[] };
    };
    expect(plan.ownership.kept.map((k) => k.name)).toEqual(['ops_console']);
    expect(plan.ownership.markOwned).toEqual(['changed']);
    expect(plan.items.map((i) => i.action).sort()).toEqual([
      'blocked',
      'create',
      'delete',
      'delete',
      'unreadable',
      'update',
    ]);
    expect(run.stdout).not.toContain('S3cret-value');
  });

  it('matches plan --json when the run ends before a plan (auth)', async () => {
    await mixedFolder();
    const run = await runCli(['plan', '--json', ...flags()], { cwd: work.current, env: {} });
    expect(run.code).toBe(1);
    expect(checked(run.stdout)).toMatchObject({ failureReason: 'auth' });
  });

  it('matches apply --json with applied and failed results', async () => {
    await mixedFolder();
    // One write fails, so the report holds an error too.
    const connect: CliIo['connect'] = async (config, logger) => {
      const api = await connectCoc(config, logger);
      return { ...api, modifyScript: () => Promise.reject(new Error('modify refused for the test')) };
    };
    const argv = ['apply', '--auto-approve', '--json', '--prune', 'ops_*', '--owner', OWNER, ...flags()];
    const run = await runCli(argv, {
      cwd: work.current,
      env: { ...ENV, NOT_SET: 'now-set-1' },
      connect,
    });
    const report = checked(run.stdout) as { results: { action: string; outcome: string; error?: unknown }[] };
    expect(new Set(report.results.map((r) => r.outcome))).toEqual(
      new Set(['applied', 'failed', 'unchanged']),
    );
    expect(report.results.find((r) => r.action === 'unreadable')).toMatchObject({ outcome: 'failed' });
    expect(report).toMatchObject({ mode: 'apply', failureReason: 'apply-failed' });
  });

  it('matches export --json', async () => {
    emulator.current.seed([{ ...seedFor('win'), type: 'BAT', content: '@echo off\r\n' }]);
    const run = await runCli(['export', '--json', '--name-glob', '*', ...flags()], {
      cwd: work.current,
      env: TOKEN_ENV,
    });
    expect(run.code).toBe(0);
    expect(checked(run.stdout)).toMatchObject({ gitattributes: ['coc-scripts/**/*.bat text eol=crlf'] });
  });

  it('rejects what the documents must not hold (the check can fail)', () => {
    const bad = [
      { format: 'other', hash: 'x', counts: {}, pendingApprovals: [], items: [] },
      { mode: 'plan', surprise: 1 },
      {},
    ];
    for (const document of bad) expect(validate(document)).toBe(false);
  });
});
