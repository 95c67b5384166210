/**
 * The runner's cancel (SIGINT, then SIGTERM) through dist/index.js as the runner runs it, in the
 * middle of an apply against the emulator with latency: no new write starts after the signal,
 * writes in flight finish within the grace (or, after a second signal, are abandoned and said to
 * be unsure), then the summary, the outputs (`failure-reason: cancelled`) and the writes already
 * made are published and the process exits non-zero. A rerun converges without a duplicate.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../emulator/types.js';
import { definitionYaml } from '../cli/cli-helpers.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess, type ActionProcessResult } from '../support/runner.js';

const emulator = useEmulator();
let workspace = '';
const NAMES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-cancel-'));
  await mkdir(join(workspace, 'coc-scripts'));
  for (const name of NAMES)
    await writeFile(join(workspace, 'coc-scripts', `${name}.yaml`), definitionYaml(name));
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const inputs = { path: 'coc-scripts', endpoint: '', 'auth-token': EMULATOR_TOKEN, concurrency: '2' };
const run = (mode: string, onSpawn?: (child: ChildProcess) => void): Promise<ActionProcessResult> =>
  runActionProcess(
    { ...inputs, mode, endpoint: emulator.current.url },
    // A repository gives the folder an owner value: every create is followed by its tags update.
    { cwd: workspace, env: { GITHUB_REPOSITORY: 'acme/ops' }, ...(onSpawn ? { onSpawn } : {}) },
  );

const creates = (log: readonly RequestLogEntry[]) =>
  log.filter((r) => r.method === 'POST' && r.path === '/v1/job/scripts');
const writes = (log: readonly RequestLogEntry[]) => log.filter((r) => r.method !== 'GET');

/** Sends `signals` to the child, one after the other `gapMs` apart, once `ready()` holds. */
function signalWhen(ready: () => boolean, signals: NodeJS.Signals[], gapMs = 0) {
  const sent: { at: number }[] = [];
  const onSpawn = (child: ChildProcess): void => {
    const poll = setInterval(() => {
      if (!ready()) return;
      clearInterval(poll);
      signals.forEach((signal, index) =>
        setTimeout(() => {
          sent.push({ at: Date.now() });
          child.kill(signal);
        }, index * gapMs),
      );
    }, 5);
    child.once('exit', () => clearInterval(poll));
  };
  return { onSpawn, sent };
}

/** The `::error::` line the step failed with. */
const failure = (result: ActionProcessResult): string =>
  result.stdout.split('\n').findLast((line) => line.startsWith('::error::')) ?? '';

describe('the runner cancels an apply', () => {
  it('SIGTERM: no new write starts, writes in flight finish, the report says what was done; a rerun converges', async () => {
    emulator.current.setFaults({ latencyMs: 400 });
    // Two creates in flight (concurrency 2): the signal comes while the emulator holds them.
    const signal = signalWhen(() => creates(emulator.current.requests()).length >= 2, ['SIGTERM']);
    const cancelled = await run('apply', signal.onSpawn);
    const log = emulator.current.requests();

    expect(cancelled.code, cancelled.stdout).not.toBe(0);
    expect(cancelled.outputs['failure-reason']).toBe('cancelled');
    // The two creates in flight went through; their tags updates (new writes) were never sent.
    expect(creates(log)).toHaveLength(2);
    const sentAt = signal.sent[0]?.at ?? 0;
    expect(writes(log).filter((r) => r.at > sentAt)).toEqual([]);
    const made = emulator.current.scripts().map((s) => s.name);
    expect(made).toHaveLength(2);
    expect(cancelled.outputs).toMatchObject({ created: '2', failed: '6' });
    // The list of writes made: in the failure message, the summary and the log.
    const message = failure(cancelled);
    expect(message).toMatch(/Cancelled \(SIGTERM\) during apply: 2 changes made before the cancel/u);
    for (const name of made) expect(message).toContain(`created ${name} (without its tags)`);
    expect(message).toContain('4 not made');
    expect(cancelled.stdout).toContain('::warning::Cancel requested (SIGTERM): no new request starts');
    expect(cancelled.summary).toContain('the run was cancelled');
    expect(cancelled.summary).toContain('not started: the run was cancelled (SIGTERM)');
    expect(cancelled.summary).toMatch(/the script was created \(SC[0-9a-f]+\), but setting its tags failed/u);
    expect(cancelled.wallMs).toBeLessThan(20_000);

    // A rerun creates the four that were not started and marks the two without their tag.
    emulator.current.setFaults({ latencyMs: 0 });
    const rerun = await run('apply');
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs).toMatchObject({ created: '4', failed: '0', 'failure-reason': '' });
    const names = emulator.current.scripts().map((s) => s.name);
    expect([...names].sort()).toEqual(NAMES);
    const again = await run('plan');
    expect(again.outputs['has-changes'], again.stdout).toBe('false');
  });

  it('SIGINT then SIGTERM: the second signal ends the grace; writes in flight are reported as unsure', async () => {
    emulator.current.setFaults({ latencyMs: 2_500 });
    const signal = signalWhen(
      () => creates(emulator.current.requests()).length >= 2,
      ['SIGINT', 'SIGTERM'],
      100,
    );
    const cancelled = await run('apply', signal.onSpawn);
    expect(cancelled.code).not.toBe(0);
    expect(cancelled.outputs['failure-reason']).toBe('cancelled');
    expect(cancelled.outputs).toMatchObject({ created: '0', failed: '6' });
    expect(cancelled.summary).toContain('abandoned in flight when the grace for writes ended');
    expect(cancelled.summary).toContain('it may or may not have been applied');
    expect(failure(cancelled)).toMatch(
      /Cancelled \(SIGINT\) during apply: 0 changes made before the cancel; 6 not made/u,
    );
    // It did not wait for the emulator's 2.5 s: the second signal cut the grace short.
    expect(cancelled.wallMs).toBeLessThan((signal.sent[1]?.at ?? 0) - cancelled.startedAtMs + 2_000);

    // The emulator still applies the two abandoned creates; the rerun finds them by name.
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    emulator.current.setFaults({ latencyMs: 0 });
    const rerun = await run('apply');
    expect(rerun.code, rerun.stdout).toBe(0);
    expect(rerun.outputs['failure-reason']).toBe('');
    const names = emulator.current.scripts().map((s) => s.name);
    expect([...names].sort()).toEqual(NAMES);
  });
});
