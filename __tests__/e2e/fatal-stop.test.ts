/**
 * A fatal answer (a wrong token: 401) stops the whole run at once: no new request starts, the
 * requests in flight are abandoned without retry lines, and the step fails with `auth` quickly.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-fatal-'));
  const dir = join(workspace, 'coc-scripts');
  await mkdir(dir);
  await Promise.all(
    Array.from({ length: 300 }, (_, index) => {
      const n = String(index + 1).padStart(3, '0');
      const yaml = [
        `name: bound_${n}`,
        `uuid: SC20250101000000a00000${n}`,
        'type: SHELL',
        'description: bound by uuid',
        'content: echo hi',
        'risk_level: LOW',
        'version: 1.0.0',
        '',
      ].join('\n');
      return writeFile(join(dir, `bound_${n}.yaml`), yaml);
    }),
  );
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('a fatal answer stops the run', () => {
  it('300 uuid-bound definitions and a wrong token: at most 10 requests, over in under 3 s', async () => {
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
