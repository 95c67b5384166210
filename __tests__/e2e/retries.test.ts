/**
 * How the bundled action spends its retries: a fatal answer (a wrong token: 401) stops the whole
 * run at once — no new request starts, the requests in flight are abandoned without retry lines,
 * the step fails with `auth` quickly — while throttling (429) is waited out for up to a minute per
 * request, however many times it comes.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

/** A uuid-bound definition file (the description differs from any seed: an update). */
function boundYaml(name: string, uuid: string): string {
  return [
    `name: ${name}`,
    `uuid: ${uuid}`,
    'type: SHELL',
    'description: new',
    'content: echo hi',
    'risk_level: LOW',
    'version: 1.0.0',
    '',
  ].join('\n');
}

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-retries-'));
  await mkdir(join(workspace, 'coc-scripts'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('a fatal answer stops the run', () => {
  it('300 uuid-bound definitions and a wrong token: at most 10 requests, over in under 3 s', async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_, index) => {
        const name = `bound_${String(index + 1).padStart(3, '0')}`;
        const uuid = `SC20250101000000a00000${String(index + 1).padStart(3, '0')}`;
        return writeFile(join(workspace, 'coc-scripts', `${name}.yaml`), boundYaml(name, uuid));
      }),
    );
    const run = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': 'not-the-emulator-token',
        concurrency: '8',
      },
      { cwd: workspace },
    );
    expect(run.code).toBe(1);
    expect(run.outputs['failure-reason']).toBe('auth');
    expect(run.stdout).toMatch(/APIGW\.0301/);
    expect(run.stdout).not.toContain('Retrying');
    expect(emulator.current.requests().length).toBeLessThanOrEqual(10);
    expect(run.wallMs).toBeLessThan(3000);
  });
});

describe('throttling is bounded by time, not by a count', () => {
  it('a read throttled 8 times in a row (Retry-After: 0) still succeeds, and the apply converges', async () => {
    emulator.current.seed([
      {
        name: 'throttled_one',
        script_uuid: 'SC20250101000000a00000001',
        type: 'SHELL',
        description: 'old',
        content: 'echo hi',
        properties: { risk_level: 'LOW', version: '1.0.0' },
      },
    ]);
    const uuid = 'SC20250101000000a00000001';
    await writeFile(join(workspace, 'coc-scripts', 'throttled_one.yaml'), boundYaml('throttled_one', uuid));
    emulator.current.setFaults({ throttleNext: 8, retryAfterSeconds: 0 });
    const run = await runActionProcess(
      { mode: 'apply', path: 'coc-scripts', endpoint: emulator.current.url, 'auth-token': EMULATOR_TOKEN },
      { cwd: workspace },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ updated: '1', failed: '0' });
    expect(emulator.current.requests().filter((r) => r.status === 429)).toHaveLength(8);
    expect(run.stdout).toContain(`Retrying reading ${uuid} after HTTP 429: throttled for`);
    expect(emulator.current.scripts()[0]?.description).toBe('new');
  });
});
