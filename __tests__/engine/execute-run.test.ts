/** executeRun in-process against the emulator: progress reporting and the reviewed-plan check. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectCoc } from '../../src/coc/connect.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';
import { executeRun } from '../../src/engine/run.js';
import { createSilentLogger } from '../../src/log.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/coc-scripts');
const emulator = useEmulator();

function config(mode: string, extra: Record<string, string> = {}) {
  return parseConfig(
    rawInputsFrom(
      { mode, path: EXAMPLES, endpoint: emulator.current.url, 'auth-token': EMULATOR_TOKEN, ...extra },
      { DB_PASSWORD: 'progress-Passw0rd' },
    ),
  );
}

describe('executeRun', () => {
  it('reports progress of writes during apply, ending at the number of writes', async () => {
    const events: [number, number, string][] = [];
    const outcome = await executeRun(config('apply'), {
      logger: createSilentLogger(),
      connect: connectCoc,
      onProgress: (done, total, phase) => events.push([done, total, phase]),
    });
    expect(outcome.failureReason).toBeUndefined();
    const writes = events.filter(([, , phase]) => phase === 'applying');
    // Five creates, and the tags update of the one example with tags (rotate_logs).
    expect(writes).toHaveLength(6);
    expect(writes.at(-1)).toEqual([6, 6, 'applying']);
  });

  it('refuses an apply when the reviewed plan hash differs, and notes where the hash came from', async () => {
    const outcome = await executeRun(config('apply'), {
      logger: createSilentLogger(),
      connect: connectCoc,
      reviewedPlanHash: () =>
        Promise.resolve({ hash: `sha256:${'1'.repeat(64)}`, note: 'Reviewed plan of #7.' }),
    });
    expect(outcome.failureReason).toBe('plan-changed');
    expect(outcome.notes).toContain('Reviewed plan of #7.');
    expect(emulator.current.scripts()).toHaveLength(0);
  });

  it('proceeds with a notice when no reviewed plan is found', async () => {
    const logger = createSilentLogger();
    const outcome = await executeRun(config('apply'), {
      logger,
      connect: connectCoc,
      reviewedPlanHash: () => Promise.resolve({ note: 'No merged pull request found for abc123.' }),
    });
    expect(outcome.failureReason).toBeUndefined();
    expect(logger.lines).toContainEqual({
      level: 'notice',
      message: 'No merged pull request found for abc123.',
    });
    expect(emulator.current.scripts()).toHaveLength(5);
  });

  it.each([
    { event: 'pull_request', degrades: true },
    { event: 'pull_request_target', degrades: true },
    { event: 'schedule', degrades: false },
    { event: 'push', degrades: false },
    { event: 'workflow_dispatch', degrades: false },
    { event: '', degrades: false },
  ])(
    'a plan without credentials on "$event": degrades to validate $degrades',
    async ({ event, degrades }) => {
      const raw = rawInputsFrom(
        { mode: 'plan', path: EXAMPLES, endpoint: emulator.current.url },
        { GITHUB_EVENT_NAME: event },
      );
      const outcome = await executeRun(parseConfig(raw), {
        logger: createSilentLogger(),
        connect: connectCoc,
      });
      // Only a pull request (no secrets for forks and Dependabot) may end as a validation; elsewhere
      // the run fails with auth, naming the inputs to set.
      expect(outcome.mode).toBe(degrades ? 'validate' : 'plan');
      expect(outcome.failureReason).toBe(degrades ? undefined : 'auth');
      if (!degrades) expect(outcome.failureMessage).toContain('`auth-token`');
      expect(emulator.current.requests()).toHaveLength(0);
    },
  );
});
