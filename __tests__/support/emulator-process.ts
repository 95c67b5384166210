/**
 * The emulator in a process of its own, as a real COC is for a client: `npm run emulator` on
 * port 0, driven over its /_emulator/ control paths. The benchmark uses it so that the emulator
 * never shares an event loop (or a garbage collector) with the code that measures the runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FaultConfig, RequestLogEntry, ScriptRecord, SeedScript } from '../../emulator/types.js';
import { REPO_ROOT } from './runner.js';

/** A running emulator process and the control calls the benchmark needs. */
export interface EmulatorProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Empty store, empty log, no faults. */
  reset(): Promise<void>;
  seed(scripts: readonly SeedScript[]): Promise<void>;
  setFaults(faults: Partial<FaultConfig>): Promise<void>;
  scripts(): Promise<ScriptRecord[]>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  close(): Promise<void>;
}

const LISTENING = /COC emulator listening on (http:\/\/\S+)/;

/** Starts `emulator/main.ts` with tsx on 127.0.0.1, port 0, with the given command-line flags. */
export async function startEmulatorProcess(flags: readonly string[] = []): Promise<EmulatorProcess> {
  const main = join(REPO_ROOT, 'emulator/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', ...flags], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method, headers: { 'Content-Type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${url}/_emulator/${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  };
  return {
    url,
    reset: async () => void (await control('POST', 'reset')),
    seed: async (scripts) => void (await control('POST', 'seed', scripts)),
    setFaults: async (faults) => void (await control('PUT', 'faults', faults)),
    scripts: async () => ((await control('GET', 'state')) as { scripts: ScriptRecord[] }).scripts,
    requests: async () => ((await control('GET', 'requests')) as { requests: RequestLogEntry[] }).requests,
    clearRequests: async () => void (await control('DELETE', 'requests')),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits for the line with the URL; rejects with what the process printed if it exits first. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let printed = '';
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString('utf8');
      const match = LISTENING.exec(printed);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        // Keep draining, so a chatty emulator can never block on a full pipe.
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the emulator exited (${code}) before listening:\n${printed}`)),
    );
  });
}
