/**
 * Raw input strings, the environment snapshot and the working directory, as a front end hands
 * them to parseConfig(). The action reads them in config/action-inputs.ts; the CLI from its flags.
 */
import type { InputName } from './names.js';
import { INPUT } from './names.js';

/** Every input as a string ('' when not set), a frozen copy of the environment, and where we run. */
export interface RawInputs {
  readonly values: Readonly<Record<InputName, string>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory `path` is resolved against. */
  readonly cwd: string;
  /** Repository root, when the front end knows one (GITHUB_WORKSPACE); else the cwd. */
  readonly workspace?: string;
  /** `path` may lie outside the workspace (CLI `--allow-outside`). */
  readonly allowOutside?: boolean;
}

export const INPUT_NAMES: readonly InputName[] = Object.values(INPUT);

/** Where a run happens: defaults to the process's working directory. */
export interface RunLocation {
  readonly cwd?: string;
  readonly workspace?: string;
  readonly allowOutside?: boolean;
}

/** Builds RawInputs from given values (action inputs, CLI flags, tests); unset inputs become ''. */
export function rawInputsFrom(
  values: Partial<Record<InputName, string>>,
  env: Readonly<Record<string, string | undefined>>,
  location: RunLocation = {},
): RawInputs {
  const complete = Object.fromEntries(INPUT_NAMES.map((name) => [name, values[name] ?? ''])) as Record<
    InputName,
    string
  >;
  return {
    values: Object.freeze(complete),
    env: Object.freeze({ ...env }),
    cwd: location.cwd ?? process.cwd(),
    ...(location.workspace === undefined ? {} : { workspace: location.workspace }),
    ...(location.allowOutside === undefined ? {} : { allowOutside: location.allowOutside }),
  };
}
