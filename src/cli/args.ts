/**
 * argv -> command + flag values. Hand-written rather than node:util parseArgs because we need
 * `--flag=false` for booleans and "did you mean" suggestions for unknown flags.
 */
import { splitList } from '../config/config.js';
import {
  COMMANDS,
  HELP_COMMAND,
  RUNNER_ONLY_INPUTS,
  flagsFor,
  type Command,
  type FlagSpec,
} from './flags.js';
import { closeMatches } from './suggest.js';

export interface ParsedArgs {
  /** Undefined when argv has no command (nothing, `--help`, `help`, `--version`). */
  readonly command: Command | undefined;
  /** String flags: last value wins. */
  readonly strings: Readonly<Record<string, string>>;
  /** Boolean flags that were given, with their value. */
  readonly booleans: Readonly<Record<string, boolean>>;
  /** List flags: every value of every occurrence, comma lists split, blanks dropped. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}

/** A command-line mistake; the message is printed as is, followed by a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const TRUE_WORDS = ['true', 'yes', '1'];
const FALSE_WORDS = ['false', 'no', '0'];

/** Parses argv (without node and script path). Throws UsageError on any mistake. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const first = argv[0];
  if (first === HELP_COMMAND) return helpRequest(argv.slice(1));
  if (first === undefined || first.startsWith('-')) return topLevel(argv);
  const command = toCommand(first);
  const values: MutableArgs = { strings: {}, booleans: {}, lists: {} };
  parseFlags(argv.slice(1), command, values);
  return { command, ...values };
}

const NO_VALUES = { strings: {}, lists: {} } as const;

/** `coc-script-sync`, `--help` / `-h`, `--version`: nothing else is allowed before a command. */
function topLevel(argv: readonly string[]): ParsedArgs {
  const [first, second] = argv;
  if (first === undefined) return { command: undefined, booleans: {}, ...NO_VALUES };
  const flag =
    first === '-h' ? 'help' : first === '--help' || first === '--version' ? first.slice(2) : undefined;
  if (flag === undefined) throw new UsageError(`expected a command (${COMMANDS.join(', ')}) before ${first}`);
  if (second !== undefined) {
    throw new UsageError(`${first} comes alone; for one command: coc-script-sync help <command>`);
  }
  return { command: undefined, booleans: { [flag]: true }, ...NO_VALUES };
}

/** `help` and `help <command>`: the same as `--help` and `<command> --help`. */
function helpRequest(rest: readonly string[]): ParsedArgs {
  const [topic, extra] = rest;
  if (extra !== undefined) throw new UsageError(`help takes at most one command, got "${extra}" too`);
  const command = topic === undefined ? undefined : toCommand(topic);
  return { command, booleans: { help: true }, ...NO_VALUES };
}

function toCommand(word: string): Command {
  const found = COMMANDS.find((command) => command === word);
  if (found) return found;
  const close = closeMatches(word, COMMANDS);
  const hint = close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : '';
  throw new UsageError(`unknown command "${word}".${hint} Commands: ${COMMANDS.join(', ')}.`);
}

interface MutableArgs {
  strings: Record<string, string>;
  booleans: Record<string, boolean>;
  lists: Record<string, string[]>;
}

function parseFlags(tokens: readonly string[], command: Command, into: MutableArgs): void {
  const specs = flagsFor(command);
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    if (token === '-h') {
      into.booleans.help = true;
      continue;
    }
    if (!token.startsWith('--') || token === '--') {
      throw new UsageError(`unexpected argument "${token}"; every value belongs to a --flag`);
    }
    const equals = token.indexOf('=');
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const inline = equals === -1 ? undefined : token.slice(equals + 1);
    const spec = findSpec(name, command, specs);
    if (spec.kind === 'boolean') {
      into.booleans[name] = inline === undefined ? true : toBoolean(name, inline);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = tokens[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      index += 1;
    }
    if (spec.kind === 'string') into.strings[name] = value;
    else into.lists[name] = [...(into.lists[name] ?? []), ...splitList(value)];
  }
}

function findSpec(name: string, command: Command, specs: readonly FlagSpec[]): FlagSpec {
  const spec = specs.find((candidate) => candidate.name === name);
  if (spec) return spec;
  if (name === 'version') throw new UsageError('--version comes alone: coc-script-sync --version');
  const runnerOnly = RUNNER_ONLY_INPUTS[name];
  if (runnerOnly !== undefined) throw new UsageError(`--${name} is not a CLI flag: ${runnerOnly}`);
  const others = COMMANDS.filter((other) => flagsFor(other).some((candidate) => candidate.name === name));
  if (others.length > 0) {
    throw new UsageError(`${command} does not take --${name} (a flag of ${others.join(', ')})`);
  }
  const close = closeMatches(
    name,
    specs.map((candidate) => candidate.name),
  );
  const hint = close.length > 0 ? ` Did you mean ${close.map((match) => `--${match}`).join(' or ')}?` : '';
  throw new UsageError(`unknown flag --${name}.${hint}`);
}

function toBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (TRUE_WORDS.includes(lower)) return true;
  if (FALSE_WORDS.includes(lower)) return false;
  throw new UsageError(`--${name}=${value}: expected true or false`);
}
