import { describe, expect, it } from 'vitest';
import { createPruneMatcher, matchingGlob, unmatchedPruneNotes } from '../../src/common/globs.js';

describe('createPruneMatcher', () => {
  it.each([
    { name: 'star prefix', globs: ['ops_*'], script: 'ops_backup', matches: true },
    { name: 'case-sensitive', globs: ['ops_*'], script: 'OPS_backup', matches: false },
    { name: 'no match', globs: ['ops_*'], script: 'dev_backup', matches: false },
    { name: 'any of several', globs: ['ops_*', 'dev_?'], script: 'dev_1', matches: true },
    { name: 'braces', globs: ['{a,b}_job'], script: 'b_job', matches: true },
    { name: 'CJK names', globs: ['备份_*'], script: '备份_数据库', matches: true },
    { name: 'no globs owns nothing', globs: [], script: 'anything', matches: false },
    { name: 'whole name only', globs: ['ops'], script: 'ops_backup', matches: false },
    {
      name: 'an exclusion keeps a name out',
      globs: ['ops_*', '!ops_keep'],
      script: 'ops_keep',
      matches: false,
    },
    {
      name: 'an exclusion keeps the rest in',
      globs: ['ops_*', '!ops_keep'],
      script: 'ops_tmp',
      matches: true,
    },
    { name: 'an exclusion never widens', globs: ['ops_*', '!ops_keep'], script: 'team_b', matches: false },
    { name: 'order does not matter', globs: ['!ops_keep', 'ops_*'], script: 'ops_keep', matches: false },
    { name: 'a glob exclusion', globs: ['*', '!{prod,live}_*'], script: 'prod_db', matches: false },
  ])('$name', ({ globs, script, matches }) => {
    expect(createPruneMatcher(globs)(script)).toBe(matches);
  });

  it('names the first matching glob', () => {
    expect(matchingGlob(['x_*', 'ops_*', '*'], 'ops_a')).toBe('ops_*');
    expect(matchingGlob(['x_*'], 'ops_a')).toBeUndefined();
    expect(matchingGlob(['ops_*', '!ops_a'], 'ops_a')).toBeUndefined();
  });

  it('notes every entry that matches no remote script', () => {
    expect(unmatchedPruneNotes(['ops_*', 'opz_*', '!ops_b'], ['ops_a'])).toEqual([
      'prune entry `opz_*` matches no remote script.',
      'prune entry `!ops_b` matches no remote script.',
    ]);
  });
});
