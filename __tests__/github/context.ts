/** Builds a GitHubClient pointed at the local fake. */
import type { GitHubClient, GitHubContext } from '../../src/github/client.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import type { GitHubFake } from '../support/github-fake.js';

export const TOKEN = 'ghs_faketoken123';

export function clientFor(fake: GitHubFake, overrides: Partial<GitHubContext> = {}): GitHubClient {
  return createGitHubClient({
    token: TOKEN,
    apiUrl: fake.url,
    repo: { owner: 'acme', repo: 'ops' },
    eventName: 'pull_request',
    prNumber: 7,
    sha: 'c0ffee0000000000000000000000000000000000',
    ...overrides,
  });
}
