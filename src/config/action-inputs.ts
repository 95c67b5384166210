/**
 * The action's inputs: the only module that calls core.getInput. Reads the environment and the
 * working directory once; every later stage receives them inside Config.
 */
import * as core from '@actions/core';
import type { InputName } from './names.js';
import { INPUT } from './names.js';
import { INPUT_NAMES, rawInputsFrom, type RawInputs } from './inputs.js';

/** Reads every action input (trimmed, except the IAM password) and snapshots process.env. */
export function readActionInputs(): RawInputs {
  const values: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) {
    // A password may legitimately start or end with spaces: only it is read untrimmed.
    values[name] = core.getInput(name, { trimWhitespace: name !== INPUT.iamPassword });
  }
  const workspace = process.env.GITHUB_WORKSPACE?.trim();
  return rawInputsFrom(values, process.env, {
    cwd: process.cwd(),
    ...(workspace ? { workspace } : {}),
  });
}
