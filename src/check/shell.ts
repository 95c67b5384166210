/**
 * SHELL syntax with mvdan/sh's parser, compiled to WebAssembly by the `sh-syntax` package and
 * shipped inside dist/ (src/check/shell-wasm.ts), so nothing is downloaded and no binary is
 * needed on the runner.
 */
import { getProcessor, LangVariant, ParseError } from 'sh-syntax';
import type { File } from 'sh-syntax';
// The Go runtime the .wasm needs (it defines globalThis.Go). sh-syntax imports it for its side
// effect only, but its package.json lists `vendors/wasm_exec.js` (the file is `.cjs`) as the
// side-effectful one, so the bundler drops that import; a named import that is used keeps it.
import * as goRuntime from 'sh-syntax/vendors/wasm_exec';
import { indexOfByteOffset, indexOfLineColumn } from './text-position.js';

/** The shell languages the parser knows, as they are named in messages. */
export const SHELL_DIALECTS = {
  bash: LangVariant.LangBash,
  sh: LangVariant.LangPOSIX,
  mksh: LangVariant.LangMirBSDKorn,
} as const;
export type ShellDialect = keyof typeof SHELL_DIALECTS;

/** A syntax error: the parser's message and the string index it points at. */
export interface ShellSyntaxError {
  readonly message: string;
  readonly index: number;
}

/** Interpreters (by file name) that run POSIX sh or a Korn shell; bash is assumed otherwise. */
const POSIX_SHELLS = new Set(['sh', 'dash', 'ash', 'busybox']);
const KORN_SHELLS = new Set(['ksh', 'mksh', 'ksh93', 'pdksh', 'oksh']);
const BASH_SHELLS = new Set(['bash']);

/**
 * The dialect a script is written in, from its `#!` line: `#!/bin/sh` (also `env sh`, dash, ash)
 * is POSIX sh, ksh/mksh the Korn shell, bash or no `#!` line bash (what COC's SHELL type runs).
 * Another interpreter (zsh, perl, …) gives `{ interpreter }`: the script is not parsed.
 */
export function shellDialect(content: string): { dialect: ShellDialect } | { interpreter: string } {
  const first = /^#![ \t]*(\S+)(?:[ \t]+(.*))?/u.exec(content.split('\n', 1)[0]?.replace(/\r$/u, '') ?? '');
  if (!first) return { dialect: 'bash' };
  const [, program = '', rest = ''] = first;
  let name = program.split('/').pop() ?? program;
  // `#!/usr/bin/env [-S] bash`: the interpreter is the first word that is not an option.
  if (name === 'env') name = rest.split(/\s+/u).find((word) => word !== '' && !word.startsWith('-')) ?? '';
  if (BASH_SHELLS.has(name)) return { dialect: 'bash' };
  if (POSIX_SHELLS.has(name)) return { dialect: 'sh' };
  if (KORN_SHELLS.has(name)) return { dialect: 'mksh' };
  return { interpreter: name };
}

/**
 * The compiled parser (src/check/shell-wasm.ts compiles it once per process). It is plain data
 * to a worker thread: a worker receives it with its jobs and shares the compiled code.
 */
export type ShellParser = WebAssembly.Module;

type Processor = ReturnType<typeof getProcessor>;
const processors = new WeakMap<ShellParser, Processor>();

/**
 * sh-syntax's processor over `parser`, one per parser. The package's own `parse` reads and
 * compiles the .wasm on every call; a compiled module instantiated per call (sh-syntax's
 * GetWebAssemblyInstance form) costs a fraction of that. An instance is not reused: this TinyGo
 * build's heap breaks once a second call needs to grow it.
 */
function processorOf(parser: ShellParser): Processor {
  let processor = processors.get(parser);
  if (processor === undefined) {
    if (typeof (globalThis as { Go?: unknown }).Go !== 'function') {
      throw new Error(`the Go runtime of sh-syntax is missing (${typeof goRuntime})`);
    }
    processor = getProcessor((imports) => WebAssembly.instantiate(parser, imports));
    processors.set(parser, processor);
  }
  return processor;
}

/** The syntax tree of `text`; throws the parser's error (see findShellSyntaxError). */
export function parseShell(text: string, dialect: ShellDialect, parser: ShellParser): Promise<File> {
  return processorOf(parser)(text, { variant: SHELL_DIALECTS[dialect], keepComments: false });
}

/**
 * Parses `text` (LF line endings) as `dialect`: the first syntax error, or undefined. Throws when
 * the parser itself fails (that is not the script's fault).
 */
export async function findShellSyntaxError(
  text: string,
  dialect: ShellDialect,
  parser: ShellParser,
): Promise<ShellSyntaxError | undefined> {
  try {
    await parseShell(text, dialect, parser);
    return undefined;
  } catch (error) {
    return syntaxErrorOf(text, error);
  }
}

/** Some errors (a bash feature in POSIX sh) come as `line:col: message` text with no position. */
const POSITIONED = /^(\d+):(\d+): (.*)$/su;

function syntaxErrorOf(text: string, error: unknown): ShellSyntaxError {
  if (error instanceof ParseError && error.Pos !== undefined) {
    return { message: error.Text, index: indexOfByteOffset(text, error.Pos.Offset) };
  }
  const positioned = error instanceof SyntaxError ? POSITIONED.exec(error.message) : null;
  if (positioned) {
    const [, line = '1', column = '1', rest = ''] = positioned;
    return { message: rest, index: indexOfLineColumn(text, Number(line), Number(column), 'byte') };
  }
  // Anything else is the parser failing, not the script: the caller reports it as such.
  throw error;
}
