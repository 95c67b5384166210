/**
 * Builds the Octokit. Kept apart from client.ts so that only a dynamic `import()` reaches
 * @actions/github: the bundler then puts Octokit (and its own HTTP stack) in a separate chunk
 * that a run without GitHub calls never loads.
 */
import { getOctokit } from '@actions/github';
import type { GitHubClient, GitHubContext } from './client.js';

/** Creates the client; no request is sent until a helper uses it. */
export function createGitHubClient(context: GitHubContext): GitHubClient {
  return { octokit: getOctokit(context.token, { baseUrl: context.apiUrl }), context };
}
