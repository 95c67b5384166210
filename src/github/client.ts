/**
 * The GitHub side of a run: a typed Octokit bound to one repository. Built by the lead from
 * @actions/github's context, so nothing here reads the environment. Only types come from
 * @actions/github here: the Octokit itself is built in octokit.ts, which port.ts loads on demand
 * so a run that never calls GitHub does not compile or evaluate Octokit at startup.
 */
import type { getOctokit } from '@actions/github';
import { errorMessage } from '../errors.js';

/** What the GitHub helpers need to know about the run, built once by main.ts. */
export interface GitHubContext {
  readonly token: string;
  /** REST base URL (GITHUB_API_URL; https://api.github.com on github.com). */
  readonly apiUrl: string;
  readonly repo: { readonly owner: string; readonly repo: string };
  readonly eventName: string;
  /** Pull request number on `pull_request` events. */
  readonly prNumber?: number;
  /** Commit being built (GITHUB_SHA). */
  readonly sha?: string;
}

export type Octokit = ReturnType<typeof getOctokit>;

/** An Octokit plus the context it was built for. */
export interface GitHubClient {
  readonly octokit: Octokit;
  readonly context: GitHubContext;
}

/** The HTTP status of an Octokit RequestError, if the error is one. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/**
 * One sentence for a failed GitHub call: what was attempted, the status, and for permission
 * errors the likely cause (a read-only token on fork pull requests, or missing `permissions:`).
 */
export function describeGitHubError(doing: string, error: unknown, permission: string): string {
  const status = httpStatusOf(error);
  const head = `${doing} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${errorMessage(error)}`;
  if (status === 401 || status === 403 || status === 404) {
    return `${head}. The token cannot ${permission}: pull requests from forks get a read-only token, or the workflow lacks the needed \`permissions:\`.`;
  }
  return head;
}

/** Who a comment or issue was written by, as GitHub's `user` object says. */
export interface Author {
  readonly login: string;
  readonly type?: string;
}

/** The login the Actions GITHUB_TOKEN posts as. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * The identity this token posts as: the token's own user for a personal access token (GET
 * /user); `github-actions[bot]` for the GITHUB_TOKEN, whose installation token may not read
 * /user (GitHub answers 403). Asked once per run by the port.
 */
export async function findTokenIdentity(gh: GitHubClient): Promise<Author> {
  try {
    const { data } = await gh.octokit.rest.users.getAuthenticated();
    return { login: data.login, type: data.type };
  } catch (error: unknown) {
    const status = httpStatusOf(error);
    if (status === 401 || status === 403) return { login: ACTIONS_BOT_LOGIN, type: 'Bot' };
    throw error;
  }
}

/** Whether `user` (a comment's or issue's author) is exactly `identity`. */
export function isWrittenBy(
  user: { login?: string; type?: string } | null | undefined,
  identity: Author,
): boolean {
  if (!user || user.login !== identity.login) return false;
  return identity.type === undefined || user.type === identity.type;
}
