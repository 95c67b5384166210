/**
 * The default value of the ownership tag: `<repository>:<path>`, made to fit the tag value rules.
 * The action takes the repository from GITHUB_REPOSITORY; the CLI from the git remote, with the
 * path taken relative to the top of the checkout, so both spell the same folder the same way.
 */
import { posix } from 'node:path';
import { fitTagValue } from '../common/tags.js';

/** `./coc-scripts/` and `coc-scripts` are the same folder: `coc-scripts`. */
export function normalizeOwnerPath(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/gu, '/')).replace(/\/+$/u, '');
  return normalized === '' || normalized === '.' ? '.' : normalized.replace(/^\.\//u, '');
}

/** `octo-org/ops-scripts:coc-scripts`; undefined without a repository. */
export function defaultOwner(repository: string | undefined, path: string): string | undefined {
  const repo = repository?.trim();
  if (repo === undefined || repo === '') return undefined;
  return fitTagValue(`${repo}:${normalizeOwnerPath(path)}`);
}
