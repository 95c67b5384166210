/**
 * Finds definition files under `path` and reads them as text. With content.ts, the only module
 * of the load stage that touches the file system (docs/architecture.md).
 */
import type { Dirent } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** An entry named like a definition that is not a readable regular file inside `path`. */
export interface RejectedEntry {
  readonly path: string;
  readonly message: string;
}

/** What was found at the definitions root. */
export type Discovery =
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-a-folder' }
  | {
      readonly kind: 'found';
      /** Absolute paths of definition files, in a stable order (code-unit order of the path). */
      readonly files: readonly string[];
      /** Sub-folders that could not be listed, with the reason. */
      readonly unreadable: readonly { readonly path: string; readonly message: string }[];
      /** `*.yaml` / `*.yml` entries that are not regular files inside `path`: each one an error. */
      readonly rejected: readonly RejectedEntry[];
      /** True when the walk stopped at MAX_DEFINITION_FILES. */
      readonly tooMany: boolean;
    };

/** Text of one definition file, or why it could not be read. */
export type TextRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const DEFINITION_EXTENSION = /\.ya?ml$/iu;

/** At most this many definition files under `path`; the walk stops after one more. */
export const MAX_DEFINITION_FILES = 10_000;
/** A definition file larger than this is refused (read with a cap, never whole). */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

interface Walk {
  readonly rootReal: string;
  readonly files: string[];
  readonly unreadable: { path: string; message: string }[];
  readonly rejected: RejectedEntry[];
  tooMany: boolean;
}

/** Whether `target` is `root` itself or inside it. */
export function isWithin(root: string, target: string): boolean {
  const path = relative(root, target);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

/** Whether `path` (links resolved) lies inside `boundary` (links resolved), and that boundary. */
export async function liesWithin(
  boundary: string,
  path: string,
): Promise<{ readonly inside: boolean; readonly boundary: string }> {
  const real = await realpath(path).catch(() => path);
  const outer = await realpath(boundary).catch(() => boundary);
  return { inside: isWithin(outer, real), boundary: outer };
}

/**
 * Walks `root` recursively for `*.yaml` / `*.yml`, skipping names that start with `.` or `_`.
 * Folders reached through a symbolic link are not followed. A definition entry that is a
 * dangling or escaping link, a FIFO, a device or a socket is rejected (named, never skipped:
 * a skipped file would let prune delete the script it defines).
 */
export async function discoverDefinitionFiles(root: string): Promise<Discovery> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) return { kind: 'not-a-folder' };
  } catch {
    return { kind: 'missing' };
  }
  const state: Walk = {
    rootReal: await realpath(root),
    files: [],
    unreadable: [],
    rejected: [],
    tooMany: false,
  };
  await walk(root, state);
  state.files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const { files, unreadable, rejected, tooMany } = state;
  return { kind: 'found', files, unreadable, rejected, tooMany };
}

async function walk(folder: string, state: Walk): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    state.unreadable.push({ path: folder, message: reasonOf(error) });
    return;
  }
  for (const entry of entries) {
    if (state.tooMany) return;
    // Hidden and underscore-prefixed names are drafts, templates or tool folders (README, Definition format).
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, state);
    else if (!DEFINITION_EXTENSION.test(entry.name)) continue;
    // The folder listing already says "regular file" for most entries: no lstat of its own (one
    // thread-pool round trip each, about 60 ms for 1,000 files). Links, special files and entries
    // of unknown type are looked at closely; the read checks the kind again with fstat.
    else if (entry.isFile()) addFile(path, state);
    else await admit(path, state);
  }
}

/** Adds a definition entry to the files, or rejects it with the reason. */
async function admit(path: string, state: Walk): Promise<void> {
  const problem = await entryProblem(path, state.rootReal);
  if (problem !== undefined) {
    state.rejected.push({ path, message: problem });
    return;
  }
  addFile(path, state);
}

function addFile(path: string, state: Walk): void {
  if (state.files.length >= MAX_DEFINITION_FILES) state.tooMany = true;
  else state.files.push(path);
}

/** Why a `*.yaml` entry cannot be a definition file, or undefined when it is a regular file inside. */
async function entryProblem(path: string, rootReal: string): Promise<string | undefined> {
  const own = await lstat(path);
  if (own.isSymbolicLink()) {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return 'is a symbolic link to nothing (dangling); a definition file must be a regular file';
    }
    if (!isWithin(rootReal, real))
      return 'is a symbolic link that leads outside the definitions folder; a definition file must stay inside `path`';
    return kindProblem(await stat(real));
  }
  return kindProblem(own);
}

function kindProblem(info: {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'is a symbolic link to a folder; a definition file must be a regular file';
  if (info.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (info.isSocket()) return 'is a socket, not a regular file';
  return 'is a device or other special file, not a regular file';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads at most `max` bytes of a regular file (one byte more tells it is too large). Opened
 * non-blocking and checked with fstat first, so a FIFO or device swapped in after discovery can
 * neither block the run nor be read without end.
 */
export function readCapped(
  file: string,
  max: number,
): { bytes: Buffer } | { tooLarge: true } | { notFile: true } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { notFile: true };
    if (info.size > max) return { tooLarge: true };
    // Sized for what fstat says (no 1 MiB buffer per small file), grown if the file says less
    // than it holds (a file that grows while read); never past max + 1.
    let buffer = Buffer.allocUnsafe(Math.min(max + 1, info.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length > max ? { tooLarge: true } : { bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a definition file as UTF-8 text, at most MAX_DEFINITION_BYTES. Never throws. Synchronous
 * on purpose: nothing else runs while definitions load (no request may be sent before all are
 * valid), and for a folder of small files one blocking read costs far less than the four
 * thread-pool round trips and FileHandle of an asynchronous read (measured: validate of 1,000
 * files ~15% faster, less memory).
 */
export function readDefinitionText(file: string): TextRead {
  try {
    const read = readCapped(file, MAX_DEFINITION_BYTES);
    if ('notFile' in read) return { ok: false, message: 'the entry is not a regular file' };
    if ('tooLarge' in read)
      return {
        ok: false,
        message: 'the file is larger than 1 MiB; a definition file may have at most 1 MiB',
      };
    return { ok: true, text: utf8.decode(read.bytes) };
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, message: 'the file is not valid UTF-8 text' };
    return { ok: false, message: `the file cannot be read: ${reasonOf(error)}` };
  }
}

function reasonOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
