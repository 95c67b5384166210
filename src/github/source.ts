/**
 * The commit and repository a run's definitions come from, for the links and the "computed at"
 * line of the summary and the comment. On pull requests GITHUB_SHA is a temporary merge commit
 * (refs/pull/N/merge) that a new push replaces; the head commit is what reviewers see and what
 * stays linkable, so it is taken from the event payload.
 */
import { readFile } from 'node:fs/promises';
import type { RunSource } from '../model.js';

type Env = Readonly<Record<string, string | undefined>>;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const SHA = /^[0-9a-f]{40}$/u;

async function pullRequestHeadSha(env: Env): Promise<string | undefined> {
  if (!PR_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  try {
    const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { head?: { sha?: unknown } };
    };
    const sha = payload.pull_request?.head?.sha;
    return typeof sha === 'string' && SHA.test(sha) ? sha : undefined;
  } catch {
    return undefined; // No readable payload: GITHUB_SHA stands in.
  }
}

/** The run's source, or undefined outside a workflow (no repository, no commit). */
export async function runSourceFromEnv(env: Env, now: Date): Promise<RunSource | undefined> {
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/u, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sha = (await pullRequestHeadSha(env)) ?? env.GITHUB_SHA;
  if (!/^[\w.-]+\/[\w.-]+$/u.test(repository) || sha === undefined || !SHA.test(sha)) return undefined;
  return { sha, repositoryUrl: `${server}/${repository}`, computedAt: now.toISOString() };
}
