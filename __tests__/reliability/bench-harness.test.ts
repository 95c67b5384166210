/**
 * The benchmark's yardsticks (bench/README.md): the ideal client must do exactly the work the
 * action does (same requests, same final state), the emulator must run in its own process, and
 * the time split (spawn → first request, network phase, exit tail) must come from the log.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../emulator/types.js';
import { IDEAL_CLIENT } from '../../scripts/lib/bench-runs.js';
import { spreadOf } from '../../scripts/lib/bench-report.js';
import { modifyBody } from '../../scripts/lib/naive.js';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';
import { driftedCopy, makeSpecs, toSeed, writeDefinitions } from '../support/generate.js';
import { EMULATOR_TOKEN, measureProcess } from '../support/measure.js';
import { countRequests } from '../support/requests.js';
import { runNodeProcess, type TimedProcess } from '../support/runner.js';
import { stateDiff } from '../support/state.js';

describe('the ideal client against the emulator in its own process', () => {
  // 250 scripts: three list pages, the last one short; every tenth drifted.
  const specs = makeSpecs(250, 'ideal', 7);
  const seeds = specs.map((spec, index) => toSeed(index % 10 === 0 ? driftedCopy(spec) : spec));
  const writes = Object.fromEntries(
    specs.flatMap((spec, index) => (index % 10 === 0 ? [[spec.name, modifyBody(spec)]] : [])),
  );
  let emulator: EmulatorProcess;
  const writesFile = join(tmpdir(), `coc-ideal-writes-${process.pid}.json`);
  const settings = { latencyMs: 2, concurrency: 8 };

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    await writeFile(writesFile, JSON.stringify(writes));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(writesFile, { force: true });
  });

  const ideal = async (apply: boolean) => {
    await emulator.reset();
    await emulator.setFaults({ latencyMs: settings.latencyMs });
    await emulator.seed(seeds);
    const argv = [IDEAL_CLIENT, emulator.url, EMULATOR_TOKEN, '8', ...(apply ? [writesFile] : [])];
    return measureProcess(emulator, settings, () =>
      runNodeProcess(argv, { PATH: process.env['PATH'] ?? '' }, tmpdir()),
    );
  };

  it('plans with the requests the action makes: every page, every GET, no write', async () => {
    const run = await ideal(false);
    expect(run.result.code).toBe(0);
    expect(JSON.parse(run.result.stdout)).toEqual({ requests: 253, listed: 250, written: 0 });
    expect(run.counts.byKind).toMatchObject({ list: 3, get: 250, modify: 0 });
    // Nothing written: each drifted script still differs in description, content and version.
    expect(stateDiff(await emulator.scripts(), specs)).toHaveLength(25 * 3);
  });

  it('applies: PUTs each drifted script after its GET, reads it back, and converges', async () => {
    const run = await ideal(true);
    expect(run.result.code).toBe(0);
    expect(run.counts.byKind).toMatchObject({ list: 3, get: 275, modify: 25 });
    expect(stateDiff(await emulator.scripts(), specs)).toEqual([]);
    // The time split lines up with the log: spawn < first arrival < last answer < exit.
    expect(run.profile.startupMs).toBeGreaterThan(0);
    expect(run.profile.tailMs).toBeGreaterThanOrEqual(0);
    expect(run.profile.networkMs).toBeGreaterThan(0);
  });

  it('never has more than its 8 requests in flight', async () => {
    const run = await ideal(false);
    const log = await emulator.requests();
    const events = log.flatMap((e) => [
      [e.at, 1],
      [e.answeredAt ?? e.at, -1],
    ]);
    // At equal times an answer leaves before the next request arrives on its socket.
    events.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
    let open = 0;
    let peak = 0;
    for (const [, step] of events) peak = Math.max(peak, (open += step ?? 0));
    expect(run.result.code).toBe(0);
    expect(peak).toBeLessThanOrEqual(8);
  });
});

describe('measureProcess splits a run by the request log', () => {
  const result: TimedProcess = {
    code: 0,
    stdout: '',
    stderr: '',
    wallMs: 1000,
    startedAtMs: 10_000,
    endedAtMs: 11_000,
    peakRssKb: 1,
  };
  const entry = (path: string, at: number, answeredAt?: number): RequestLogEntry => ({
    method: 'GET',
    path,
    query: {},
    status: 200,
    at,
    ...(answeredAt === undefined ? {} : { answeredAt }),
  });

  it('uses when each answer left; without it, arrival plus latency', async () => {
    const log = [
      entry('/v1/job/scripts', 10_300, 10_330),
      entry('/v1/job/scripts/A', 10_330, 10_400),
      entry('/v1/job/scripts/B', 10_340),
    ];
    const source = { url: 'http://127.0.0.1:1', clearRequests: () => undefined, requests: () => log };
    const run = await measureProcess(source, { latencyMs: 20, concurrency: 2 }, () =>
      Promise.resolve(result),
    );
    expect(run.profile).toEqual({
      startupMs: 300,
      listingMs: 30,
      networkMs: 100,
      networkRatio: 100 / 30,
      tailMs: 600,
      averageInFlight: 0.6,
    });
    expect(run.limitMs).toBe(30);
    expect(countRequests(log).byKind.list).toBe(1);
  });
});

describe('spreadOf', () => {
  it.each([
    { values: [3, 1, 2], spread: { min: 1, median: 2, max: 3 } },
    { values: [4, 1, 3, 2], spread: { min: 1, median: 2, max: 4 } },
    { values: [5], spread: { min: 5, median: 5, max: 5 } },
  ])('$values', ({ values, spread }) => {
    expect(spreadOf(values)).toEqual(spread);
  });
});

describe('writeDefinitions', () => {
  it('spreads files over sub-folders in runs of consecutive specs', async () => {
    const dir = await writeDefinitions(makeSpecs(25, 'spread', 1), 'spread', 5);
    try {
      const folders = (await readdir(dir)).sort();
      expect(folders).toEqual(['team-000', 'team-001', 'team-002', 'team-003', 'team-004']);
      expect((await readdir(join(dir, 'team-001'))).sort()).toEqual(
        ['spread_0006', 'spread_0007', 'spread_0008', 'spread_0009', 'spread_0010'].map((n) => `${n}.yaml`),
      );
    } finally {
      await rm(dirname(dir), { recursive: true, force: true });
    }
  });
});
