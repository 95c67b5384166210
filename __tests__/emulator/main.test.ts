import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { emulatorHelp } from '../../emulator/args.js';
import { call } from './support.js';

/** Starts `emulator/main.ts` as `npm run emulator` would and waits for its banner. */
async function startProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (output += chunk));
  const banner = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('control:')) resolve(output);
    });
    child.once('exit', () => reject(new Error(`emulator exited early:\n${output}`)));
  });
  return { child, banner, output: () => output };
}

describe('npm run emulator', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints URL and credentials, serves requests and stops on %s',
    async (signal) => {
      const { child, banner, output } = await startProcess(['--port', '0', '--omit-protocol']);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
      expect(banner).toContain('emulator-token');
      expect(banner).toContain('EMULATORAK000000000001 / emulator-secret-key');
      expect(banner).toContain('ci_user / ci-password (domain my_account)');
      expect(banner).toContain('github-idp (audience coc-script-sync)');
      expect((await call(url, 'GET', '/v1/job/scripts?limit=1')).json).toEqual({
        data: { total: 0, data: [] },
      });
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(output()).toContain(`${signal}: stopping the emulator`);
    },
  );

  it('exits 1 with usage on a bad flag', async () => {
    const { code, stderr } = await runToExit(['--rps', 'many']);
    expect(code).toBe(1);
    expect(stderr).toContain('--rps needs a number');
    expect(stderr).toContain('Usage: npm run emulator');
  });

  it('prints its flags with --help and exits 0 without starting', async () => {
    const { code, stdout } = await runToExit(['--help']);
    expect(code).toBe(0);
    expect(stdout).toBe(emulatorHelp());
    expect(stdout).not.toContain('listening');
    // The switches that reach odd answers, and where languages and enterprise projects are told.
    for (const text of [
      '--omit-write-data',
      '--fail-read-uuid',
      '--throttle-next',
      '--list-paging',
      'X-Language',
      'enterprise_project_id',
    ])
      expect(stdout).toContain(text);
  });
});

/** Runs `emulator/main.ts` with `args` until it exits on its own. */
async function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  // 'close' (not 'exit'): both pipes are drained by then.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, ...output };
}
