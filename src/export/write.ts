/**
 * Writes rendered exports to disk: every target is checked before the first byte is written,
 * so a refused export leaves the folder exactly as it was.
 */
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SyncError } from '../errors.js';
import type { ExportedScript } from './render.js';

/** One file of an export, relative to the output folder. */
export interface ExportFile {
  readonly relativePath: string;
  readonly text: string;
}

export interface WriteOptions {
  /** Overwrite existing regular files (never symlinks or folders). */
  readonly force: boolean;
}

/** The YAML and content file of every script, in order. */
export function exportFiles(scripts: readonly ExportedScript[]): ExportFile[] {
  return scripts.flatMap((script) => [
    { relativePath: script.yamlFile, text: script.yamlText },
    // Written verbatim: CRLF and a missing final newline are part of the remote content.
    { relativePath: script.contentFile, text: script.content },
  ]);
}

/** Two scripts whose files would collide, also on case-insensitive file systems. */
function findCollisions(files: readonly ExportFile[]): string[] {
  const seen = new Map<string, string>();
  const collisions: string[] = [];
  for (const file of files) {
    const key = file.relativePath.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) collisions.push(`${earlier} and ${file.relativePath}`);
    else seen.set(key, file.relativePath);
  }
  return collisions;
}

type Existing = 'none' | 'file' | 'other';

async function existing(file: string): Promise<Existing> {
  try {
    const stats = await lstat(file);
    return stats.isFile() ? 'file' : 'other';
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'none';
    throw error;
  }
}

/** Targets that block the export: existing files (unless force), and symlinks or folders always. */
export async function findBlockedTargets(
  outDir: string,
  files: readonly ExportFile[],
  options: WriteOptions,
): Promise<string[]> {
  const states = await Promise.all(files.map((file) => existing(path.join(outDir, file.relativePath))));
  return files
    .filter((_file, index) => {
      const state = states[index];
      return state === 'other' || (state === 'file' && !options.force);
    })
    .map((file) => path.join(outDir, file.relativePath));
}

/** Checks every target, then writes all files; returns the written paths. */
export async function writeExport(
  outDir: string,
  scripts: readonly ExportedScript[],
  options: WriteOptions,
): Promise<string[]> {
  const files = exportFiles(scripts);
  const collisions = findCollisions(files);
  if (collisions.length > 0) {
    throw new SyncError(
      'validation',
      `export file names collide: ${collisions.join('; ')}; export them separately`,
    );
  }
  const blocked = await findBlockedTargets(outDir, files, options);
  if (blocked.length > 0) {
    const hint = options.force ? 'they are not regular files' : 'use --force to overwrite';
    throw new SyncError(
      'validation',
      `refusing to overwrite ${blocked.join(', ')} (${hint}); nothing was written`,
    );
  }
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(outDir, file.relativePath);
    // `wx` closes the gap between the check above and this write when not forcing.
    await writeFile(target, file.text, { encoding: 'utf8', flag: options.force ? 'w' : 'wx' });
    written.push(target);
  }
  return written;
}
