/**
 * The words messages use for what the user sets, by front end: the action speaks of its inputs
 * (the `with:` keys of a workflow step), the CLI of its flags and environment variables. One place
 * for both, so a CLI user is never told to edit "the step's env" or a missing "input".
 */
import type { InputName, Surface } from './names.js';

/** The subject of a sentence about an input: "Input 'max-deletes'" or "--max-deletes". */
export function inputSubject(surface: Surface, name: InputName): string {
  return surface === 'cli' ? `--${name}` : `Input '${name}'`;
}

/** An input named inside a sentence, as code: `max-deletes` or `--max-deletes`. */
export function inputRef(surface: Surface, name: InputName): string {
  return surface === 'cli' ? `\`--${name}\`` : `\`${name}\``;
}

/** Where a `value_from_env` variable (or an SDK variable) is set, said for the front end. */
export function setVariableHint(surface: Surface, variable: string): string {
  return surface === 'cli'
    ? `Set the environment variable \`${variable}\` (for example \`export ${variable}=…\`) before running the command.`
    : `Set it in the step's \`env:\`, e.g. \`${variable}: \${{ secrets.${variable} }}\`.`;
}
