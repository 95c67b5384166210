/**
 * checkContent(): the content-check stage. Runs after the definition rules and before any
 * request: SHELL bodies are parsed (bundled mvdan/sh parser), PYTHON bodies compiled by one
 * python3 process, and, with `shellcheck`, SHELL bodies linted by ShellCheck. A syntax error is a
 * validation error located in the file the user edits; everything else is a warning or a note.
 * startContentCheck() begins it before the definitions are loaded: python3 starts then, and its
 * start-up overlaps the load.
 */
import type { WorkerPool } from '../common/threads.js';
import type { CheckContent } from '../config/config.js';
import type { Diagnostic } from '../errors.js';
import { errorMessage } from '../errors.js';
import type { Definition, PresentDefinition } from '../model.js';
import { MESSAGE_LENGTH, quote, scriptLineNote, scriptLocation } from './locate.js';
import type { PythonCheck, PythonChecker } from './python.js';
import { startPythonCheck } from './python.js';
import type { ShellDialect } from './shell.js';
import { SHELL_DIALECTS, shellDialect } from './shell.js';
import { findShellSyntaxErrors } from './shell-batch.js';
import { compileShellParser } from './shell-wasm.js';
import type { ShellCheckRun } from './shellcheck.js';
import { runShellCheck } from './shellcheck.js';
import type { ScriptPosition } from './text-position.js';
import { indexOfLineColumn, lineText, positionAt } from './text-position.js';

/** What the check found: diagnostics for the files, notes for the run (skipped scripts). */
export interface ContentCheck {
  readonly diagnostics: readonly Diagnostic[];
  readonly notes: readonly string[];
}

export interface ContentCheckOptions {
  readonly level: CheckContent;
  /** PATH from the environment snapshot: where python3 and shellcheck are looked up. */
  readonly path: string | undefined;
  /** Folder for ShellCheck's temporary files. */
  readonly tempDir: string;
  /** Worker threads: many SHELL scripts are then parsed on more than one core. */
  readonly workers?: WorkerPool;
}

const SHELL_DIALECT_NAMES = Object.keys(SHELL_DIALECTS) as ShellDialect[];

const NOTHING: ContentCheck = { diagnostics: [], notes: [] };

/** A SHELL script ready for the parser: its definition, LF text and dialect. */
interface ShellScript {
  readonly definition: PresentDefinition;
  readonly text: string;
  readonly dialect: ShellDialect;
}

/** A content check begun before the definitions are known. */
export interface StartedContentCheck {
  /** Checks the content of every present definition. Never rejects. */
  run(definitions: readonly Definition[]): Promise<ContentCheck>;
  /** No check will run (the run ended before it): what was started is stopped. */
  discard(): void;
}

/**
 * Starts the check: python3 is started at once (an interpreter's start-up, or a version
 * manager's shim in front of it, is most of what compiling a folder's PYTHON scripts costs) and
 * waits for the scripts, stopped when there are none; the shell parser is compiled in the
 * background.
 */
export function startContentCheck(options: ContentCheckOptions): StartedContentCheck {
  if (options.level === 'off') return { run: () => Promise.resolve(NOTHING), discard: () => undefined };
  const python = startPythonCheck(options.path);
  void compileShellParser();
  return { run: (definitions) => checkWith(definitions, options, python), discard: () => python.discard() };
}

/** Checks the content of every present definition. Never throws. */
export function checkContent(
  definitions: readonly Definition[],
  options: ContentCheckOptions,
): Promise<ContentCheck> {
  return startContentCheck(options).run(definitions);
}

async function checkWith(
  definitions: readonly Definition[],
  options: ContentCheckOptions,
  pythonChecker: PythonChecker,
): Promise<ContentCheck> {
  const present = definitions.filter((d): d is PresentDefinition => d.state === 'present');
  const python = present.filter((d) => d.type === 'PYTHON');
  // python3 and ShellCheck run in their own processes while this one parses the shell scripts;
  // python3 has the scripts before the parsing keeps this thread from writing them.
  const pythonRun = pythonChecker.check(python.map((d) => withoutBom(d.content)));
  await pythonRun.sent;
  const shell = shellScripts(present.filter((d) => d.type === 'SHELL'));
  const shellcheckRun =
    options.level === 'shellcheck'
      ? runShellCheck(
          shell.scripts.map((s) => s.text),
          options.path,
          options.tempDir,
        )
      : undefined;
  const diagnostics: Diagnostic[] = [...crlfWarnings(present)];
  const parsed = await parseShellScripts(shell.scripts, options.workers);
  diagnostics.push(...parsed.diagnostics);
  const notes = [...shell.notes, ...parsed.notes, ...batNote(present)];
  const pythonFound = pythonDiagnostics(python, await pythonRun.done);
  diagnostics.push(...pythonFound.diagnostics);
  notes.push(...pythonFound.notes);
  if (shellcheckRun) {
    const found = shellCheckDiagnostics(shell.scripts, await shellcheckRun, parsed.broken);
    diagnostics.push(...found.diagnostics);
    notes.push(...found.notes);
  }
  return { diagnostics: diagnostics.sort(byLocation), notes };
}

function byLocation(a: Diagnostic, b: Diagnostic): number {
  const [x, y] = [a.location, b.location];
  if (!x || !y) return 0;
  return x.file.localeCompare(y.file) || x.line - y.line || x.column - y.column;
}

/** SHELL scripts with a dialect the parser knows; a note names those it cannot parse. */
function shellScripts(definitions: readonly PresentDefinition[]): {
  scripts: ShellScript[];
  notes: string[];
} {
  const scripts: ShellScript[] = [];
  const skipped: string[] = [];
  for (const definition of definitions) {
    // CRLF is reported on its own (crlfWarnings); the syntax is checked as it reads with LF.
    const text = definition.content.replace(/\r\n/gu, '\n');
    const found = shellDialect(text);
    if ('dialect' in found) scripts.push({ definition, text, dialect: found.dialect });
    else skipped.push(`${fileOf(definition)} (${quote(found.interpreter)})`);
  }
  const notes =
    skipped.length === 0
      ? []
      : [`SHELL syntax not checked for scripts run by another interpreter: ${skipped.join(', ')}.`];
  return { scripts, notes };
}

/** Parses every SHELL script, dialect by dialect; a parser failure (not the scripts' fault) is a note. */
async function parseShellScripts(
  scripts: readonly ShellScript[],
  workers: WorkerPool | undefined,
): Promise<{
  diagnostics: Diagnostic[];
  notes: string[];
  broken: Set<PresentDefinition>;
}> {
  const diagnostics: Diagnostic[] = [];
  const broken = new Set<PresentDefinition>();
  const failed: string[] = [];
  let reason = '';
  for (const dialect of SHELL_DIALECT_NAMES) {
    const group = scripts.filter((script) => script.dialect === dialect);
    if (group.length === 0) continue;
    let errors: Awaited<ReturnType<typeof findShellSyntaxErrors>>['errors'];
    try {
      ({ errors } = await findShellSyntaxErrors(
        group.map((script) => script.text),
        dialect,
        await compileShellParser(),
        workers,
      ));
    } catch (error) {
      failed.push(...group.map((script) => fileOf(script.definition)));
      reason ||= quote(errorMessage(error), MESSAGE_LENGTH);
      continue;
    }
    group.forEach((script, index) => {
      const error = errors[index];
      if (error === undefined) return;
      broken.add(script.definition);
      const language = dialect === 'sh' ? 'POSIX sh' : dialect;
      const at = positionAt(script.text, error.index);
      diagnostics.push(syntaxError(script.definition, script.text, at, language, error.message));
    });
  }
  const notes =
    failed.length === 0
      ? []
      : [`SHELL syntax not checked (the parser failed: ${reason}): ${failed.join(', ')}.`];
  return { diagnostics, notes, broken };
}

/**
 * A UTF-8 BOM that a Windows editor put in front of a Python file: `python3 file.py` accepts it,
 * compile() of the decoded text does not (U+FEFF is an invalid character there).
 */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The file a script is edited in: its content_file, or the YAML file of inline content. */
function fileOf(definition: PresentDefinition): string {
  return scriptLocation(definition, { line: 1, column: 1 }).file;
}

function syntaxError(
  definition: PresentDefinition,
  text: string,
  at: ScriptPosition,
  language: string,
  problem: string,
): Diagnostic {
  const line = quote(lineText(text, at.line));
  const near = line === '' ? '' : ` — line: ${line}`;
  const message = `${language} syntax error in script ${definition.name}: ${quote(problem, MESSAGE_LENGTH)}${scriptLineNote(definition, at)}${near}`;
  return { severity: 'error', message, location: scriptLocation(definition, at) };
}

/** A SHELL script with CRLF line endings runs badly on Linux: a warning, not an error. */
function crlfWarnings(definitions: readonly PresentDefinition[]): Diagnostic[] {
  return definitions.flatMap((definition) => {
    const index = definition.type === 'SHELL' ? definition.content.indexOf('\r\n') : -1;
    if (index === -1) return [];
    const at = positionAt(definition.content, index);
    const message =
      `SHELL script ${definition.name} has CRLF (Windows) line endings: on Linux \`#!/bin/bash\\r\` is a bad ` +
      `interpreter and \`do\\r\` is not a keyword; save it with LF line endings${scriptLineNote(definition, at)}`;
    return [{ severity: 'warning', message, location: scriptLocation(definition, at) }];
  });
}

function batNote(definitions: readonly PresentDefinition[]): string[] {
  const bat = definitions.filter((d) => d.type === 'BAT').length;
  return bat === 0
    ? []
    : [`BAT scripts are not checked (${bat} in this folder); SHELL and PYTHON scripts are.`];
}

function pythonDiagnostics(
  definitions: readonly PresentDefinition[],
  run: PythonCheck,
): { diagnostics: Diagnostic[]; notes: string[] } {
  if (definitions.length === 0) return { diagnostics: [], notes: [] };
  if (run.kind !== 'checked') {
    const why = run.kind === 'missing' ? 'python3 is not on PATH' : quote(run.message, MESSAGE_LENGTH);
    const files = definitions.map(fileOf).join(', ');
    return { diagnostics: [], notes: [`PYTHON syntax not checked (${why}): ${files}.`] };
  }
  const diagnostics = definitions.flatMap((definition, index) => {
    const error = run.results[index];
    if (error === undefined) return [];
    const text = definition.content;
    const source = withoutBom(text);
    // Python saw the text without its BOM: one character less in front of everything.
    const found = indexOfLineColumn(source, error.line ?? 1, error.column ?? 1, 'codepoint');
    const at = positionAt(text, found + text.length - source.length);
    return [syntaxError(definition, text, at, 'Python', error.message)];
  });
  return { diagnostics, notes: [] };
}

function shellCheckDiagnostics(
  scripts: readonly ShellScript[],
  run: ShellCheckRun,
  broken: ReadonlySet<PresentDefinition>,
): { diagnostics: Diagnostic[]; notes: string[] } {
  if (scripts.length === 0) return { diagnostics: [], notes: [] };
  if (run.kind !== 'checked') {
    const why = run.kind === 'missing' ? 'shellcheck is not on PATH' : quote(run.message, MESSAGE_LENGTH);
    return { diagnostics: [], notes: [`ShellCheck did not run (${why}); only the syntax was checked.`] };
  }
  const diagnostics = run.findings.flatMap((finding) => {
    const script = scripts[finding.script];
    // A script with a syntax error already has its error; ShellCheck would only repeat it.
    if (script === undefined || broken.has(script.definition)) return [];
    const { definition, text } = script;
    const at = positionAt(text, indexOfLineColumn(text, finding.line, finding.column, 'codepoint'));
    const message = `ShellCheck SC${finding.code} (${finding.level}) in script ${definition.name}: ${quote(finding.message, MESSAGE_LENGTH)}${scriptLineNote(definition, at)}`;
    return [{ severity: 'warning' as const, message, location: scriptLocation(definition, at) }];
  });
  return { diagnostics, notes: [] };
}
