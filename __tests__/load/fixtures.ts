/** Paths shared by the load tests. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the working directory the loader reports paths against). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Fixture folders, relative to the repository root. */
export const VALID_DIR = '__tests__/fixtures/definitions/valid';
export const INVALID_DIR = '__tests__/fixtures/definitions/invalid';
export const EXAMPLES_DIR = 'examples/coc-scripts';
