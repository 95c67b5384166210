/**
 * Odd but valid answers through the bundled action (dist/index.js) against the emulator: scripts
 * of another enterprise project are seen when `enterprise-project-id` is unset.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

const DEFINITION = [
  'name: ep_script',
  'type: SHELL',
  'description: lives in another enterprise project',
  'content: echo hi',
  'risk_level: LOW',
  'version: 1.0.0',
  '',
].join('\n');

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-odd-'));
  await mkdir(join(workspace, 'coc-scripts'));
  await writeFile(join(workspace, 'coc-scripts', 'ep_script.yaml'), DEFINITION);
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'plan',
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    ...extra,
  };
}

describe('enterprise projects', () => {
  it('lists every enterprise project when the input is unset, and only the one given when set', async () => {
    emulator.current.seed([
      {
        name: 'ep_script',
        type: 'SHELL',
        description: 'lives in another enterprise project',
        content: 'echo hi',
        properties: { risk_level: 'LOW', version: '1.0.0' },
        enterprise_project_id: 'ep-2',
      },
    ]);
    const unset = await runActionProcess(inputs(), { cwd: workspace });
    expect(unset.code, unset.stdout).toBe(0);
    expect(unset.outputs.unchanged).toBe('1');
    expect(unset.outputs.created).toBe('0');
    const lists = emulator.current
      .requests()
      .filter((r) => r.method === 'GET' && r.path === '/v1/job/scripts');
    expect(lists.map((r) => r.query['enterprise_project_id'])).toEqual([undefined]);

    emulator.current.clearRequests();
    const other = await runActionProcess(inputs({ 'enterprise-project-id': '0' }), { cwd: workspace });
    expect(other.outputs.created).toBe('1');
    const filtered = emulator.current.requests().filter((r) => r.path === '/v1/job/scripts');
    expect(filtered.map((r) => r.query['enterprise_project_id'])).toEqual(['0']);
  });
});
