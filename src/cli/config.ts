/** Flag values -> the same Config the action builds, through the same parser. */
import path from 'node:path';
import type { Config, Mode } from '../config/config.js';
import { rawInputsFrom } from '../config/inputs.js';
import { INPUT, type InputName } from '../config/names.js';
import { parseConfig } from '../config/parse.js';
import type { ParsedArgs } from './args.js';
import { isInputFlag, TARGET_FLAG } from './flags.js';
import { deriveOwner } from './git-owner.js';
import type { CliIo } from './io.js';

/** The env variable the CLI reads an IAM token from (the action takes it as an input). */
export const AUTH_TOKEN_ENV = 'COC_SCRIPT_SYNC_AUTH_TOKEN';

const DEFAULT_PATH = 'coc-scripts';

/** The input values the flags name, keyed by input name. */
export function inputValues(args: ParsedArgs, mode: Mode, io: CliIo): Partial<Record<InputName, string>> {
  const values: Partial<Record<InputName, string>> = {};
  for (const [name, value] of Object.entries(args.strings)) {
    if (isInputFlag(name)) values[name] = value;
  }
  for (const [name, list] of Object.entries(args.lists)) {
    if (isInputFlag(name)) values[name] = list.join('\n');
  }
  for (const [name, flag] of Object.entries(args.booleans)) {
    if (isInputFlag(name)) values[name] = String(flag);
  }
  values[INPUT.mode] = mode;
  values[INPUT.path] = args.strings[INPUT.path] ?? DEFAULT_PATH;
  const envToken = io.env[AUTH_TOKEN_ENV];
  if (values[INPUT.authToken] === undefined && envToken !== undefined && envToken !== '') {
    values[INPUT.authToken] = envToken;
  }
  if (values[INPUT.owner] === undefined && mode !== 'validate') {
    const derived = deriveOwner(path.resolve(io.cwd, args.strings[INPUT.path] ?? DEFAULT_PATH));
    if (derived !== undefined) values[INPUT.owner] = derived;
  }
  // Runner-only features stay off: the CLI never comments on pull requests or opens issues.
  values[INPUT.comment] = 'false';
  values[INPUT.driftIssue] = 'false';
  return values;
}

/** Builds and validates the Config; throws SyncError('validation') naming the bad input. */
export function configFromArgs(args: ParsedArgs, mode: Mode, io: CliIo): Config {
  // The CLI's repository root is where it runs: paths it prints are relative to its cwd.
  const inputs = rawInputsFrom(inputValues(args, mode, io), io.env, {
    cwd: io.cwd,
    workspace: io.cwd,
    allowOutside: args.booleans['allow-outside'] === true,
  });
  const targets = args.lists[TARGET_FLAG];
  return parseConfig(inputs, targets === undefined ? { surface: 'cli' } : { surface: 'cli', targets });
}
