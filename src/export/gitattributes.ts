/**
 * The `.gitattributes` lines that keep exported CRLF content files CRLF in every checkout. Plan
 * compares CRLF and LF as equal, but apply sends a file's own bytes: if git normalised a Windows
 * batch file to LF, the next update would push LF line endings to COC.
 */
import path from 'node:path';
import type { ExportedScript } from './render.js';

/**
 * One attribute line per need: every `.bat` under the folder (batch files are CRLF by nature),
 * and any other CRLF file by its exact path (an LF `.sh` beside it must stay LF). `folder` is the
 * output folder as the user sees it (relative to the repository root, normally); empty when no
 * exported content has CRLF.
 */
export function gitattributesLines(scripts: readonly ExportedScript[], folder: string): string[] {
  const prefix = folder === '' || folder === '.' ? '' : `${folder.split(path.sep).join('/')}/`;
  const lines = crlfScripts(scripts).map((script) =>
    script.contentFile.toLowerCase().endsWith('.bat')
      ? `${prefix}**/*.bat text eol=crlf`
      : `${prefix}${script.contentFile} text eol=crlf`,
  );
  return [...new Set(lines)];
}

/** The content files that hold CRLF line endings. */
export function crlfContentFiles(scripts: readonly ExportedScript[]): string[] {
  return crlfScripts(scripts).map((script) => script.contentFile);
}

function crlfScripts(scripts: readonly ExportedScript[]): ExportedScript[] {
  return scripts.filter((script) => script.content.includes('\r\n'));
}
