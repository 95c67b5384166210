import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { configFromArgs, inputValues } from '../../src/cli/config.js';

const io = (env: Record<string, string> = {}) => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  cwd: process.cwd(),
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
