import { afterEach, describe, expect, it, vi } from 'vitest';
import { readActionInputs } from '../../src/config/action-inputs.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { INPUT } from '../../src/config/names.js';
import { parseConfig } from '../../src/config/parse.js';

describe('rawInputsFrom', () => {
  it('fills every input name, unset ones with an empty string', () => {
    const raw = rawInputsFrom({ mode: 'apply' }, { A: '1' });
    expect(Object.keys(raw.values).sort()).toEqual(Object.values(INPUT).sort());
    expect(raw.values.mode).toBe('apply');
    expect(raw.values.path).toBe('');
  });

  it('snapshots the environment', () => {
    const env: Record<string, string | undefined> = { A: '1' };
    const raw = rawInputsFrom({}, env);
    env['A'] = '2';
    expect(raw.env).toEqual({ A: '1' });
    expect(Object.isFrozen(raw.env)).toBe(true);
    expect(Object.isFrozen(raw.values)).toBe(true);
  });
});

describe('readActionInputs', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads INPUT_* variables the way the runner sets them, and snapshots process.env', () => {
    vi.stubEnv('INPUT_MODE', ' validate ');
    vi.stubEnv('INPUT_MAX-DELETES', '3');
    vi.stubEnv('INPUT_IAM-PASSWORD', ' pw ');
    vi.stubEnv('DB_PASSWORD', 'secret');
    const raw = readActionInputs();
    expect(raw.values.mode).toBe('validate');
    expect(raw.values['max-deletes']).toBe('3');
    expect(raw.values['iam-password']).toBe(' pw ');
    expect(raw.values.region).toBe('');
    expect(raw.env['DB_PASSWORD']).toBe('secret');
    vi.stubEnv('DB_PASSWORD', 'changed');
    expect(raw.env['DB_PASSWORD']).toBe('secret');
    expect(raw.cwd).toBe(process.cwd());
  });

  it('takes the workspace from GITHUB_WORKSPACE, and parseConfig resolves both folders', () => {
    vi.stubEnv('GITHUB_WORKSPACE', '/work/repo');
    vi.stubEnv('INPUT_MODE', 'validate');
    vi.stubEnv('INPUT_PATH', 'coc-scripts');
    const config = parseConfig(readActionInputs());
    expect(config.workspace).toBe('/work/repo');
    expect(config.workingDirectory).toBe(process.cwd());
  });
});
