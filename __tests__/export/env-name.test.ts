import { describe, expect, it } from 'vitest';
import { createEnvNameAllocator, envNamePart, envVariableName } from '../../src/export/env-name.js';

const VALID_ENV = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('envVariableName', () => {
  it.each([
    { name: 'ASCII', script: 'backup_db', param: 'db_password', expected: 'COC_BACKUP_DB_DB_PASSWORD' },
    { name: 'digits', script: 'job2', param: 'k1', expected: 'COC_JOB2_K1' },
  ])('$name', ({ script, param, expected }) => {
    expect(envVariableName(script, param)).toBe(expected);
  });

  it.each([
    { name: 'mixed CJK and ASCII', script: '备份_db', prefix: /^COC_DB_[0-9A-F]{8}_PW$/ },
    { name: 'only CJK', script: '夜间备份', prefix: /^COC_[0-9A-F]{8}_PW$/ },
  ])('hashes non-ASCII names: $name', ({ script, prefix }) => {
    const name = envVariableName(script, 'pw');
    expect(name).toMatch(prefix);
    expect(name).toMatch(VALID_ENV);
    expect(envVariableName(script, 'pw')).toBe(name);
  });

  it('keeps different CJK names apart', () => {
    expect(envNamePart('备份')).not.toBe(envNamePart('恢复'));
  });
});

describe('createEnvNameAllocator', () => {
  it('suffixes names that would clash', () => {
    const allocate = createEnvNameAllocator();
    expect(allocate('a_b', 'c')).toBe('COC_A_B_C');
    expect(allocate('a', 'b_c')).toBe('COC_A_B_C_2');
    expect(allocate('a', 'b_c')).toBe('COC_A_B_C_3');
  });
});
