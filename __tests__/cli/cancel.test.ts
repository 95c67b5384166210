/**
 * Ctrl-C in the CLI (src/cli.ts turns SIGINT into the run's cancel): during apply no new write
 * starts and the report says what was written; at the confirmation question nothing is applied.
 */
import { describe, expect, it } from 'vitest';
import { createCancelSource } from '../../src/common/cancel.js';
import { useEmulator } from '../support/emulator.js';
import { definitionYaml, emulatorFlags, runCli, TOKEN_ENV, useWorkDir, writeFiles } from './cli-helpers.js';

const emulator = useEmulator();
const work = useWorkDir();
const NAMES = ['k1', 'k2', 'k3', 'k4'];

async function define(): Promise<void> {
  await writeFiles(
    work.current,
    Object.fromEntries(NAMES.map((n) => [`coc-scripts/${n}.yaml`, definitionYaml(n)])),
  );
}

const creates = () => emulator.current.requests().filter((r) => r.method === 'POST');

describe('Ctrl-C', () => {
  it('during apply: the write in flight finishes, no other starts, the written one is named', async () => {
    await define();
    emulator.current.setFaults({ latencyMs: 200 });
    const source = createCancelSource();
    const poll = setInterval(() => {
      if (creates().length === 0) return;
      clearInterval(poll);
      source.cancel('SIGINT');
    }, 5);
    const argv = ['apply', '--auto-approve', '--concurrency', '1', ...emulatorFlags(emulator.current)];
    const result = await runCli(argv, {
      cwd: work.current,
      env: TOKEN_ENV,
      cancellation: source.cancellation,
    });
    clearInterval(poll);
    source.dispose();
    expect(result.code).toBe(1);
    expect(creates()).toHaveLength(1);
    const [made] = emulator.current.scripts().map((s) => s.name);
    expect(result.stderr).toContain('Cancel requested (SIGINT)');
    expect(result.stderr).toContain(
      `Cancelled (SIGINT) during apply: 1 change made before the cancel (created ${made}`,
    );
    expect(result.stderr).toContain('3 not made');
  });

  it('at the confirmation question: nothing is applied', async () => {
    await define();
    const source = createCancelSource();
    // A terminal whose user never answers; Ctrl-C comes instead.
    const stdin = {
      isTTY: true,
      readLine: () => {
        setTimeout(() => source.cancel('SIGINT'), 0);
        return new Promise<string | undefined>(() => undefined);
      },
    };
    const argv = ['apply', ...emulatorFlags(emulator.current)];
    const result = await runCli(argv, {
      cwd: work.current,
      env: TOKEN_ENV,
      stdin,
      cancellation: source.cancellation,
    });
    source.dispose();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Apply cancelled (interrupted): nothing was changed.');
    expect(emulator.current.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
