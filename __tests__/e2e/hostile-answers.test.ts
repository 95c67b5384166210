/**
 * Attacks through the server's answers, through dist/index.js as the runner runs it, against the
 * emulator's hostile switches: a list body far above 8 MiB, a list that never ends, a list that
 * repeats its marker, and 200 answers whose body is a gateway error instead of `data`. Each ends
 * the run with a clear `api-error` naming the request; nothing is written, nothing is buffered
 * without bound, and nothing is read as an empty account.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionYaml, seedFor } from '../cli/cli-helpers.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess, type ActionProcessResult } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-answers-'));
  await mkdir(join(workspace, 'coc-scripts'));
  await writeFile(join(workspace, 'coc-scripts', 'alpha.yaml'), definitionYaml('alpha', 'new text'));
  await writeFile(join(workspace, 'coc-scripts', 'beta.yaml'), definitionYaml('beta', 'new text'));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const run = (mode: string): Promise<ActionProcessResult> =>
  runActionProcess(
    { mode, path: 'coc-scripts', endpoint: emulator.current.url, 'auth-token': EMULATOR_TOKEN },
    { cwd: workspace },
  );

const requests = (method: string, path?: string) =>
  emulator.current.requests().filter((r) => r.method === method && (path === undefined || r.path === path));
const lists = () => requests('GET', '/v1/job/scripts');
const writes = () => emulator.current.requests().filter((r) => r.method !== 'GET');

/** The message the step failed with (core.setFailed writes one `::error::` line). */
const failure = (result: ActionProcessResult): string =>
  result.stdout.split('\n').findLast((line) => line.startsWith('::error::')) ?? '';

describe('a server whose answers never end', () => {
  it('a list body above 8 MiB is cut off at the cap, not buffered, not retried', async () => {
    emulator.current.setFaults({ listBodyBytes: 256 * 1024 * 1024 });
    const result = await run('plan');
    expect(result.code, result.stdout).toBe(1);
    expect(result.outputs['failure-reason']).toBe('api-error');
    expect(failure(result)).toMatch(/answer larger than 8 MiB .*while listing scripts/u);
    expect(lists()).toHaveLength(1);
    // Reading the whole 256 MiB once took more than 1 GB; the cap keeps the run near its baseline.
    if (result.peakRssKb !== undefined) expect(result.peakRssKb).toBeLessThan(250 * 1024);
  });

  it('a list that pages for ever stops after 1,000 pages; one that repeats its marker at once', async () => {
    emulator.current.setFaults({ listPaging: 'endless' });
    const endless = await run('apply');
    expect(endless.code, endless.stdout).toBe(1);
    expect(endless.outputs['failure-reason']).toBe('api-error');
    expect(failure(endless)).toMatch(/the list did not end after 1,000 pages .*while listing scripts/u);
    expect(lists()).toHaveLength(1000);
    expect(writes()).toEqual([]);
    if (endless.peakRssKb !== undefined) expect(endless.peakRssKb).toBeLessThan(250 * 1024);

    // A full first page (a short page ends any list), then the same page for every marker.
    emulator.current.reset();
    emulator.current.seed(Array.from({ length: 120 }, (_, i) => seedFor(`other_${i}`, 'kept')));
    emulator.current.setFaults({ listPaging: 'repeat' });
    const looping = await run('apply');
    expect(looping.outputs['failure-reason']).toBe('api-error');
    expect(failure(looping)).toMatch(/the list repeated marker \d+ on page 2.*while listing scripts/u);
    expect(lists()).toHaveLength(2);
    expect(writes()).toEqual([]);
  });
});

describe('a 200 whose body is an error', () => {
  it('on list is an api-error, not an empty account; on get, not an empty script', async () => {
    emulator.current.seed([seedFor('alpha', 'old text')]);
    emulator.current.setFaults({ errorBodyOn200: ['list'] });
    const listed = await run('apply');
    expect(listed.code, listed.stdout).toBe(1);
    expect(listed.outputs['failure-reason']).toBe('api-error');
    expect(failure(listed)).toMatch(/HTTP 200.*APIGW\.0301.*while listing scripts/u);
    expect(writes()).toEqual([]);

    emulator.current.clearRequests();
    emulator.current.setFaults({ errorBodyOn200: ['get'] });
    const read = await run('plan');
    expect(read.outputs['failure-reason']).toBe('api-error');
    expect(read.stdout).toMatch(/HTTP 200.*APIGW\.0301.*while reading SC/u);
    expect(emulator.current.scripts().map((s) => [s.name, s.description])).toEqual([['alpha', 'old text']]);
  });
});
