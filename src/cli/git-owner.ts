/**
 * The CLI's default `owner`: `<owner>/<repo>:<path>` from the git remote `origin` of the checkout
 * the definitions live in, with the path taken from the top of that checkout — the same value
 * the action derives on a runner from GITHUB_REPOSITORY and `path`.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { defaultOwner } from '../config/owner.js';

/** `org/repo` from an https, ssh or scp-like remote URL; undefined when there is no such pair. */
export function repositoryOf(remoteUrl: string): string | undefined {
  const trimmed = remoteUrl
    .trim()
    .replace(/\.git$/u, '')
    .replace(/\/+$/u, '');
  // scp-like `git@github.com:org/repo`, else a URL path; the last two segments name the repo.
  const pathPart =
    /^[^/:]+@[^/:]+:(.+)$/u.exec(trimmed)?.[1] ?? trimmed.replace(/^[a-z+]+:\/\/[^/]+\//iu, '');
  const segments = pathPart.split('/').filter((segment) => segment !== '');
  if (segments.length < 2) return undefined;
  return segments.slice(-2).join('/');
}

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    const output = execFileSync('git', ['-C', cwd, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    });
    return output.trim() || undefined;
  } catch {
    // Not a checkout, no `origin`, or no git at all: no default, which is not an error by itself.
    return undefined;
  }
}

/** The derived owner value for definitions in `folder` (absolute), or undefined. */
export function deriveOwner(folder: string): string | undefined {
  const top = git(folder, ['rev-parse', '--show-toplevel']);
  const remote = top === undefined ? undefined : git(top, ['config', '--get', 'remote.origin.url']);
  const repository = remote === undefined ? undefined : repositoryOf(remote);
  if (top === undefined || repository === undefined) return undefined;
  // git reports the real path of the top; compare like with like (temp folders are often links).
  const relative = path.relative(top, realPath(folder)).split(path.sep).join('/');
  return defaultOwner(repository, relative === '' ? '.' : relative);
}

function realPath(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}
