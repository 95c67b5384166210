import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { configFromArgs, inputValues } from '../../src/cli/config.js';
import { repositoryOf } from '../../src/cli/git-owner.js';

/** A folder outside any git checkout, and a checkout whose origin is octo/ops on GitHub. */
let outside = '';
let checkout = '';
beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'coc-cli-nogit-'));
  checkout = await mkdtemp(path.join(tmpdir(), 'coc-cli-git-'));
  await mkdir(path.join(checkout, 'ops', 'coc'), { recursive: true });
  execFileSync('git', ['init', '-q', checkout]);
  execFileSync('git', ['-C', checkout, 'remote', 'add', 'origin', 'git@github.com:octo/ops.git']);
});
afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
  await rm(checkout, { recursive: true, force: true });
});

const io = (env: Record<string, string> = {}, cwd = outside) => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  cwd,
});

describe('inputValues', () => {
  it('maps flags to input names, joins lists and stringifies booleans', () => {
    const args = parseArgs(['plan', '--region', 'cn-north-4', '--prune', 'a,b', '--fail-on-drift', '--json']);
    expect(inputValues(args, 'plan', io())).toEqual({
      region: 'cn-north-4',
      prune: 'a\nb',
      'fail-on-drift': 'true',
      mode: 'plan',
      path: 'coc-scripts',
      comment: 'false',
      'drift-issue': 'false',
    });
  });

  it.each([
    {
      name: 'env token used when no flag',
      argv: ['plan'],
      env: { COC_SCRIPT_SYNC_AUTH_TOKEN: 'e' },
      expected: 'e',
    },
    {
      name: 'flag wins',
      argv: ['plan', '--auth-token', 'f'],
      env: { COC_SCRIPT_SYNC_AUTH_TOKEN: 'e' },
      expected: 'f',
    },
    {
      name: 'empty env ignored',
      argv: ['plan'],
      env: { COC_SCRIPT_SYNC_AUTH_TOKEN: '' },
      expected: undefined,
    },
  ])('auth token: $name', ({ argv, env, expected }) => {
    expect(inputValues(parseArgs(argv), 'plan', io(env))['auth-token']).toBe(expected);
  });
});

describe('owner from the git remote', () => {
  it.each([
    { url: 'git@github.com:octo/ops.git', repo: 'octo/ops' },
    { url: 'https://github.com/octo/ops.git', repo: 'octo/ops' },
    { url: 'https://github.com/octo/ops/', repo: 'octo/ops' },
    { url: 'ssh://git@github.example.com:2222/group/sub/ops.git', repo: 'sub/ops' },
    { url: '/srv/git/ops.git', repo: 'git/ops' },
    { url: 'ops', repo: undefined },
  ])('repository of $url', ({ url, repo }) => {
    expect(repositoryOf(url)).toBe(repo);
  });

  it('derives <repo>:<path from the top of the checkout> when --owner is not given', () => {
    const sub = path.join(checkout, 'ops');
    expect(inputValues(parseArgs(['plan', '--path', 'coc']), 'plan', io({}, sub)).owner).toBe(
      'octo/ops:ops/coc',
    );
    expect(inputValues(parseArgs(['plan', '--owner', 'mine']), 'plan', io({}, sub)).owner).toBe('mine');
  });

  it('derives nothing outside a checkout, nor for validate', () => {
    expect(inputValues(parseArgs(['plan']), 'plan', io()).owner).toBeUndefined();
    expect(inputValues(parseArgs(['validate']), 'validate', io({}, checkout)).owner).toBeUndefined();
  });
});

describe('configFromArgs', () => {
  it('resolves --path against the CLI working directory, which is also its workspace', () => {
    const cwd = path.join(process.cwd(), 'sub');
    const config = configFromArgs(parseArgs(['validate', '--path', 'defs']), 'validate', {
      ...io({ GITHUB_WORKSPACE: '/somewhere/else' }),
      cwd,
    });
    expect(config.path).toBe('defs');
    expect(config.workingDirectory).toBe(cwd);
    // Printed file paths are relative to where the CLI runs, even inside a GitHub job.
    expect(config.workspace).toBe(cwd);
  });
});
