/**
 * Raw input strings and the environment snapshot. The only module that calls core.getInput or
 * reads process.env (STYLE §3.2): later stages receive the snapshot, never the live environment.
 */
import * as core from '@actions/core';
import type { InputName } from './names.js';
import { INPUT } from './names.js';

/** Every input as a string ('' when not set) and a frozen copy of the environment. */
export interface RawInputs {
  readonly values: Readonly<Record<InputName, string>>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const INPUT_NAMES: readonly InputName[] = Object.values(INPUT);

/** Reads every action input (trimmed, except the IAM password) and snapshots process.env. */
export function readActionInputs(): RawInputs {
  const values: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) {
    // A password may legitimately start or end with spaces: only it is read untrimmed.
    values[name] = core.getInput(name, { trimWhitespace: name !== INPUT.iamPassword });
  }
  return rawInputsFrom(values, process.env);
}

/** Builds RawInputs from given values (CLI flags, tests); unset inputs become ''. */
export function rawInputsFrom(
  values: Partial<Record<InputName, string>>,
  env: Record<string, string | undefined>,
): RawInputs {
  const complete = Object.fromEntries(INPUT_NAMES.map((name) => [name, values[name] ?? ''])) as Record<
    InputName,
    string
  >;
  return { values: Object.freeze(complete), env: Object.freeze({ ...env }) };
}
