/**
 * Command-line flags of `npm run emulator` -> EmulatorOptions. Kept apart from main.ts so tests
 * can check the parsing without starting a process.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkSeeds } from './control.js';
import type { EmulatorOptions, FaultConfig, SeedScript } from './types.js';

const FAULT_FLAGS = {
  'latency-ms': 'latencyMs',
  'error-503-rate': 'error503Rate',
  'error-429-rate': 'error429Rate',
  'retry-after': 'retryAfterSeconds',
  'drop-before-rate': 'dropBeforeRate',
  'drop-after-rate': 'dropAfterRate',
  rps: 'requestsPerSecond',
  'fault-seed': 'seed',
} as const satisfies Record<string, keyof FaultConfig>;

/** One-screen help printed with argument errors. */
export const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--latency-ms N] [--error-503-rate R]
  [--error-429-rate R] [--retry-after S] [--drop-before-rate R] [--drop-after-rate R] [--rps N]
  [--fault-seed N] [--omit-protocol] [--seed-file scripts.json]`;

function numberFlag(name: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new Error(`--${name} needs a number, got "${value}"`);
  return parsed;
}

/** Turns command-line flags into emulator options (throws with the flag name on bad values). */
export async function optionsFromArgs(args: readonly string[]): Promise<EmulatorOptions> {
  const faultOptions = Object.fromEntries(
    Object.keys(FAULT_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'omit-protocol': { type: 'boolean' },
      'seed-file': { type: 'string' },
      ...faultOptions,
    },
    strict: true,
  });
  const options: EmulatorOptions = {};
  if (typeof values.port === 'string') options.port = numberFlag('port', values.port);
  if (typeof values.host === 'string') options.host = values.host;
  if (values['omit-protocol'] === true) options.omitProtocol = true;
  const faults: Partial<FaultConfig> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') faults[key] = numberFlag(flag, value);
  }
  options.faults = faults;
  const seedFile = values['seed-file'];
  if (typeof seedFile === 'string') options.seed = await readSeeds(seedFile);
  return options;
}

async function readSeeds(file: string): Promise<SeedScript[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const problem = checkSeeds(parsed);
  if (problem !== undefined) throw new Error(`--seed-file ${file}: ${problem}`);
  return parsed as SeedScript[];
}
