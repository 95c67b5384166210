/**
 * Odd but valid answers, and reads that fail, through the bundled action (dist/index.js) against
 * the emulator: writes answered 200 without `data`, Chinese error messages, scripts of other
 * enterprise projects, and one script COC cannot read among others it can.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeedScript } from '../../emulator/types.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-odd-'));
  await mkdir(join(workspace, 'coc-scripts'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** A definition file; `extra` lines are appended (uuid, state, …). */
async function define(name: string, description: string, extra: string[] = []): Promise<void> {
  const lines = [
    `name: ${name}`,
    ...extra,
    'type: SHELL',
    `description: ${description}`,
    'content: echo hi',
    'risk_level: LOW',
    'version: 1.0.0',
    '',
  ];
  await writeFile(join(workspace, 'coc-scripts', `${name}.yaml`), lines.join('\n'));
}

function seed(name: string, description: string, extra: Partial<SeedScript> = {}): SeedScript {
  return {
    name,
    type: 'SHELL',
    description,
    content: 'echo hi',
    properties: { risk_level: 'LOW', version: '1.0.0' },
    ...extra,
  };
}

function inputs(mode: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode,
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    ...extra,
  };
}

const run = (mode: string, extra: Record<string, string> = {}) =>
  runActionProcess(inputs(mode, extra), { cwd: workspace });

const writes = (): string[] =>
  emulator.current
    .requests()
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);

describe('writes answered 200 without data', () => {
  it('count as applied; the read-back shows what happened', async () => {
    emulator.current.seed([seed('drifted', 'old text'), seed('retired', 'to delete')]);
    await define('drifted', 'new text');
    await writeFile(join(workspace, 'coc-scripts', 'retired.yaml'), 'name: retired\nstate: absent\n');
    emulator.current.setFaults({ omitWriteData: true });
    const apply = await run('apply');
    expect(apply.code, apply.stdout).toBe(0);
    expect(apply.outputs).toMatchObject({ updated: '1', deleted: '1', failed: '0', 'failure-reason': '' });
    expect(emulator.current.scripts().map((s) => [s.name, s.description])).toEqual([['drifted', 'new text']]);
    expect(emulator.current.requests().filter((r) => r.fault === 'omit-write-data')).toHaveLength(2);
  });
});

describe('Chinese error messages (language: zh-cn)', () => {
  it('a same-name refusal is recognised by looking the name up, not by its English text', async () => {
    // Created outside this run after the plan: the list (filtered to ep1) does not show it.
    emulator.current.seed([seed('taken', 'made in the console', { enterprise_project_id: 'ep2' })]);
    await define('taken', 'ours');
    const apply = await run('apply', { language: 'zh-cn', 'enterprise-project-id': 'ep1' });
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).toBe('apply-failed');
    expect(apply.stdout).toContain('存在同名脚本：taken');
    expect(apply.stdout).toMatch(
      /a script with this name already exists \(SC\w+\), created outside this run/,
    );
    expect(emulator.current.scripts()).toHaveLength(1);
  });
});

describe('enterprise projects', () => {
  it('lists every enterprise project when the input is unset, and only the one given when set', async () => {
    emulator.current.seed([seed('ep_script', 'lives elsewhere', { enterprise_project_id: 'ep-2' })]);
    await define('ep_script', 'lives elsewhere');
    const unset = await run('plan');
    expect(unset.code, unset.stdout).toBe(0);
    expect(unset.outputs).toMatchObject({ unchanged: '1', created: '0' });
    const lists = emulator.current.requests().filter((r) => r.path === '/v1/job/scripts');
    expect(lists.map((r) => r.query['enterprise_project_id'])).toEqual([undefined]);

    emulator.current.clearRequests();
    const other = await run('plan', { 'enterprise-project-id': '0' });
    expect(other.outputs.created).toBe('1');
    const filtered = emulator.current.requests().filter((r) => r.path === '/v1/job/scripts');
    expect(filtered.map((r) => r.query['enterprise_project_id'])).toEqual(['0']);
  });
});

describe('a script COC cannot read', () => {
  beforeEach(async () => {
    const [broken] = emulator.current.seed([
      seed('broken_one', 'old'),
      seed('fine_one', 'old'),
      seed('ops_owned', 'owned by prune, readable'),
      seed('ops_unread', 'owned by prune, unreadable'),
    ]);
    const unreadPrune = emulator.current.scripts().find((s) => s.name === 'ops_unread');
    emulator.current.setFaults({
      failReadUuids: [broken?.script_uuid ?? '', unreadPrune?.script_uuid ?? ''],
    });
    await define('broken_one', 'new');
    await define('fine_one', 'new');
    await define('fresh_one', 'new');
  });

  it('plan: that item is reported with its error, the rest is planned, the run fails with api-error', async () => {
    const plan = await run('plan', { prune: 'ops_*', ownership: 'name' });
    expect(plan.code).toBe(1);
    expect(plan.outputs).toMatchObject({
      'failure-reason': 'api-error',
      updated: '1',
      created: '1',
      deleted: '1',
    });
    expect(plan.stdout).toMatch(
      /::error title=could not read%3A broken_one,file=coc-scripts\/broken_one.yaml.*COC\.00040701/,
    );
    expect(plan.summary).toContain('unreadable');
    expect(plan.summary).toContain('2 of 5 scripts could not be read');
    expect(writes()).toEqual([]);
  });

  it('apply: every other item is applied, nothing is written for it and it is never pruned', async () => {
    const apply = await run('apply', { prune: 'ops_*', ownership: 'name' });
    expect(apply.code).toBe(1);
    expect(apply.outputs).toMatchObject({
      'failure-reason': 'apply-failed',
      updated: '1',
      created: '1',
      deleted: '1',
      failed: '2',
    });
    const state = new Map(emulator.current.scripts().map((s) => [s.name, s.description]));
    expect(Object.fromEntries(state)).toEqual({
      broken_one: 'old',
      fine_one: 'new',
      fresh_one: 'new',
      ops_unread: 'owned by prune, unreadable',
    });
    expect(apply.stdout).toMatch(/failed to read broken_one: COC\.00040701/);
    // Once COC can read it again, the next run converges.
    emulator.current.setFaults({ failReadUuids: [] });
    const again = await run('apply', { prune: 'ops_*', ownership: 'name' });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ updated: '1', deleted: '1', failed: '0' });
  });
});
