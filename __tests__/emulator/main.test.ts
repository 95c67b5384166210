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
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--rps', 'many'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(errors).toContain('--rps needs a number');
    expect(errors).toContain('Usage: npm run emulator');
  });

  it('prints its flags with --help and exits 0 without starting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toBe(emulatorHelp());
    expect(output).not.toContain('listening');
  });
});
