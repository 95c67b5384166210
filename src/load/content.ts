/**
 * Reads a `content_file`: relative to its YAML file, inside the definitions root (no `..` or
 * symbolic-link escape), a regular file of UTF-8 text within COC's 4096-character limit. The bytes
 * are kept exactly (CRLF and a BOM included) because they are what COC stores.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { characters, codePointLength } from '../common/text.js';
import { readCapped } from './discover.js';

/** The script text, or the rule it broke (worded to follow `content_file '<path>' `). */
export type ContentRead =
  { readonly ok: true; readonly content: string } | { readonly ok: false; readonly rule: string };

/** The definitions root, both as given (resolved) and with symbolic links resolved. */
export interface ContentRoot {
  readonly path: string;
  readonly realPath: string;
}

/** The root content files must stay inside, with symbolic links resolved once. */
export async function contentRootOf(path: string): Promise<ContentRoot> {
  return { path, realPath: await realpath(path) };
}

const MAX_CHARACTERS = 4096;
/** A content file larger than this is refused unread (COC's 4096 characters need at most 16 KiB). */
export const MAX_CONTENT_FILE_BYTES = 64 * 1024;
const TOO_LARGE = `is larger than 64 KiB; a content file may have at most 64 KiB (and ${MAX_CHARACTERS} characters)`;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isInside(root: string, target: string): boolean {
  const path = relative(root, target);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

/** Reads `contentFile` (as written in the YAML file `yamlFile`). Never throws. */
export async function readContentFile(
  root: ContentRoot,
  yamlFile: string,
  contentFile: string,
): Promise<ContentRead> {
  if (isAbsolute(contentFile))
    return { ok: false, rule: 'must be a path relative to the YAML file, not an absolute path' };
  const target = resolve(dirname(yamlFile), contentFile);
  if (!isInside(root.path, target))
    return { ok: false, rule: 'points outside the definitions folder (`..` escape)' };
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    const hint = contentFile.includes('\\') ? ' (write paths with /, not \\)' : '';
    return { ok: false, rule: `does not exist${hint}` };
  }
  if (!isInside(root.realPath, real)) {
    return { ok: false, rule: 'is a symbolic link that leads outside the definitions folder' };
  }
  try {
    return await readText(real);
  } catch (error) {
    return { ok: false, rule: `cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function readText(file: string): Promise<ContentRead> {
  const info = await stat(file);
  if (info.isDirectory()) return { ok: false, rule: 'is a folder, not a file' };
  if (!info.isFile()) return { ok: false, rule: 'is not a regular file' };
  if (info.size > MAX_CONTENT_FILE_BYTES) return { ok: false, rule: TOO_LARGE };
  // Read with a cap, never whole: the file may have changed since stat (or lie about its size).
  const read = readCapped(file, MAX_CONTENT_FILE_BYTES);
  if ('notFile' in read) return { ok: false, rule: 'is not a regular file' };
  if ('tooLarge' in read) return { ok: false, rule: TOO_LARGE };
  let content: string;
  try {
    content = utf8.decode(read.bytes);
  } catch {
    return { ok: false, rule: 'is not valid UTF-8 text' };
  }
  if (content.includes('\0')) return { ok: false, rule: 'contains NUL bytes; a script must be text' };
  const length = codePointLength(content);
  if (length === 0) return { ok: false, rule: 'is empty; content must have at least 1 character' };
  if (length > MAX_CHARACTERS) {
    return { ok: false, rule: `has ${characters(length)}; content may have at most ${MAX_CHARACTERS}` };
  }
  return { ok: true, content };
}
