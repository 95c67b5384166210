import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSourceFromEnv } from '../../src/github/source.js';

const HEAD = 'a'.repeat(40);
const MERGE = 'b'.repeat(40);
const NOW = new Date('2026-12-01T08:15:42.123Z');

async function payload(value: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'coc-source-')), 'event.json');
  await writeFile(file, JSON.stringify(value));
  return file;
}

describe('runSourceFromEnv', () => {
  it('takes the head commit of a pull request, not the temporary merge commit', async () => {
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: await payload({ pull_request: { head: { sha: HEAD } } }),
      GITHUB_SHA: MERGE,
      GITHUB_SERVER_URL: 'https://ghe.example/',
      GITHUB_REPOSITORY: 'acme/ops',
    };
    expect(await runSourceFromEnv(env, NOW)).toEqual({
      sha: HEAD,
      repositoryUrl: 'https://ghe.example/acme/ops',
      computedAt: '2026-12-01T08:15:42.123Z',
    });
  });

  it.each([
    { name: 'push: GITHUB_SHA', env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: MERGE }, sha: MERGE },
    {
      name: 'pull request without a readable payload: GITHUB_SHA',
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/nonexistent', GITHUB_SHA: MERGE },
      sha: MERGE,
    },
    { name: 'no commit', env: { GITHUB_EVENT_NAME: 'push' }, sha: undefined },
    { name: 'not a sha', env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'main' }, sha: undefined },
  ])('$name', async ({ env, sha }) => {
    const source = await runSourceFromEnv({ GITHUB_REPOSITORY: 'acme/ops', ...env }, NOW);
    expect(source?.sha).toBe(sha);
    if (sha) expect(source?.repositoryUrl).toBe('https://github.com/acme/ops');
  });

  it.each(['', 'acme', 'acme/ops/extra', 'ac me/ops'])('no links for repository %j', async (repository) => {
    expect(await runSourceFromEnv({ GITHUB_REPOSITORY: repository, GITHUB_SHA: MERGE }, NOW)).toBeUndefined();
  });
});
