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
  'fail-tags-updates': 'failTagsUpdates',
  'throttle-next': 'throttleNext',
  'list-body-bytes': 'listBodyBytes',
} as const satisfies Record<string, keyof FaultConfig>;

/** Every flag with its value, default and meaning: `--help` and the README table. */
export const FLAG_HELP: readonly {
  readonly flag: string;
  readonly value?: string;
  readonly fallback: string;
  readonly meaning: string;
}[] = [
  { flag: 'port', value: 'N', fallback: '`0`', meaning: 'port to listen on; `0` picks a free one' },
  { flag: 'host', value: 'H', fallback: '`127.0.0.1`', meaning: 'address to listen on' },
  {
    flag: 'seed-file',
    value: 'FILE',
    fallback: '—',
    meaning:
      'start with the scripts of a JSON file (the seed format); a seed with `enterprise_project_id` ' +
      'lives in that enterprise project',
  },
  {
    flag: 'omit-protocol',
    fallback: 'off',
    meaning: 'leave `properties.protocol` out of GET answers, as some COC versions do',
  },
  {
    flag: 'omit-write-data',
    fallback: 'off',
    meaning:
      'answer successful `PUT`, `DELETE`, approve and tags updates with `{}` (no `data`; valid, the SDKs type it optional)',
  },
  {
    flag: 'fail-read-uuid',
    value: 'UUID',
    fallback: '—',
    meaning: '`GET` of this script answers `400 COC.00040701` (repeatable): a script COC cannot read',
  },
  { flag: 'latency-ms', value: 'N', fallback: '`0`', meaning: 'delay before every COC answer' },
  {
    flag: 'error-503-rate',
    value: 'R',
    fallback: '`0`',
    meaning: 'share (0–1) of requests answered `503` without acting',
  },
  {
    flag: 'error-429-rate',
    value: 'R',
    fallback: '`0`',
    meaning: 'share of requests answered `429 APIGW.0308` with `Retry-After`',
  },
  {
    flag: 'retry-after',
    value: 'S',
    fallback: '`1`',
    meaning: 'seconds in `Retry-After` of injected `429` / `503` answers',
  },
  {
    flag: 'drop-before-rate',
    value: 'R',
    fallback: '`0`',
    meaning: 'share of connections dropped before the request is acted on',
  },
  {
    flag: 'drop-after-rate',
    value: 'R',
    fallback: '`0`',
    meaning: 'share of writes applied and then dropped unanswered',
  },
  {
    flag: 'rps',
    value: 'N',
    fallback: '`0`',
    meaning: 'requests per second above which COC answers `429`; `0` = no limit',
  },
  {
    flag: 'fault-seed',
    value: 'N',
    fallback: '`1`',
    meaning: 'seed of the fault dice, so a run replays exactly',
  },
  {
    flag: 'fail-tags-updates',
    value: 'N',
    fallback: '`0`',
    meaning:
      'answer the next N tags updates `400 COC.00040701` without acting (a failure between a script write and its tags)',
  },
  {
    flag: 'throttle-next',
    value: 'N',
    fallback: '`0`',
    meaning:
      'the next N COC requests answer `429 APIGW.0308` with `Retry-After` (a burst that replays exactly)',
  },
  {
    flag: 'list-body-bytes',
    value: 'N',
    fallback: '`0`',
    meaning: 'hostile: pad every list answer with spaces to N bytes, streamed without `Content-Length`',
  },
  {
    flag: 'list-paging',
    value: 'MODE',
    fallback: '`honest`',
    meaning:
      'hostile: `endless` (every page full, invented scripts after the stored ones, no `total`) or `repeat` (every page is the first page again)',
  },
  {
    flag: 'error-body-on-200',
    value: 'READ',
    fallback: '—',
    meaning:
      'hostile: `list` or `get` answers `200` with an `APIGW.0301` error body and no `data` (repeatable)',
  },
  { flag: 'help', fallback: '', meaning: 'show this help' },
];

const plain = (text: string): string => text.replace(/`/g, '');

/** Printed after an argument error. */
export const USAGE = 'Usage: npm run emulator -- [flags]; `npm run emulator -- --help` lists them.';

/** The text of `npm run emulator -- --help`. */
export function emulatorHelp(): string {
  const rows = FLAG_HELP.map((f) => {
    const usage = `--${f.flag}${f.value ? ` ${f.value}` : ''}`;
    const fallback = f.fallback === '' || f.fallback === '—' ? '' : ` (default ${plain(f.fallback)})`;
    return `  ${usage.padEnd(22)} ${plain(f.meaning)}${fallback}`;
  });
  return [
    'Usage: npm run emulator -- [flags]',
    '',
    'A local Huawei Cloud COC API emulator on loopback, for tests, the demo and trying the CLI.',
    'It prints its URL and the credentials it accepts; Ctrl-C stops it.',
    '',
    'Flags:',
    ...rows,
    '',
    'Like COC, error messages follow the X-Language header (zh-cn: Chinese), and the list filters',
    'by the enterprise_project_id query (without it: every enterprise project).',
    '',
    'Control endpoints (no authentication): POST /_emulator/seed, GET /_emulator/state,',
    'GET|DELETE /_emulator/requests, PUT /_emulator/faults, POST /_emulator/reset.',
    'Seed format and details: "The COC emulator" in README.md.',
    '',
  ].join('\n');
}

/** True when the arguments ask for help (checked before anything else is parsed). */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

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
      'omit-write-data': { type: 'boolean' },
      'fail-read-uuid': { type: 'string', multiple: true },
      'list-paging': { type: 'string' },
      'error-body-on-200': { type: 'string', multiple: true },
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
  if (values['omit-write-data'] === true) faults.omitWriteData = true;
  const failing = values['fail-read-uuid'];
  if (failing !== undefined) faults.failReadUuids = [...failing];
  const paging = values['list-paging'];
  if (paging !== undefined) faults.listPaging = paging as FaultConfig['listPaging'];
  const errorReads = values['error-body-on-200'];
  if (errorReads !== undefined) faults.errorBodyOn200 = errorReads as FaultConfig['errorBodyOn200'];
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
