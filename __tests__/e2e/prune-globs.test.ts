/**
 * `prune` read the way a careful user writes it, through dist/index.js against the emulator: a
 * `!glob` entry only narrows (it once meant "everything except" and deleted the account), a brace
 * glob keeps its commas, an entry that matches nothing is a notice, and each deletion names the
 * glob that selected it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess } from '../support/runner.js';

/** The runner's repository: the default owner of `coc-scripts` is `acme/ops-scripts:coc-scripts`. */
const RUNNER_ENV = { GITHUB_REPOSITORY: 'acme/ops-scripts' };

// Every seeded script carries this folder's ownership tag, so only the globs decide here.
const script = (name: string) => ({
  name,
  type: 'SHELL' as const,
  description: name,
  content: 'echo ok\n',
  properties: { risk_level: 'LOW', version: '1.0.0' },
  resource_tags: [{ key: 'managed-by-coc-script-sync', value: 'acme/ops-scripts:coc-scripts' }],
});

const emulator = useEmulator({
  seed: ['ops_a', 'ops_keep', 'ops_tmp', 'tmp_x', 'team_b', 'prod_db'].map(script),
});
let workspace = '';

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-prune-'));
  await mkdir(join(workspace, 'coc-scripts'));
  await writeFile(
    join(workspace, 'coc-scripts', 'ops_a.yaml'),
    'name: ops_a\ntype: SHELL\ndescription: ops_a\ncontent: |\n  echo ok\nrisk_level: LOW\nversion: 1.0.0\n',
  );
});

function plan(prune: string) {
  const inputs = {
    mode: 'plan',
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    prune,
    'max-deletes': '10',
  };
  return runActionProcess(inputs, { cwd: workspace, env: RUNNER_ENV });
}

/** The scripts the plan deletes, from the summary's deletions rows. */
function deletions(summary: string): string[] {
  return [...summary.matchAll(/^\| \*\*delete\*\* \| <code>([^<]+)<\/code>/gmu)]
    .map((m) => m[1] ?? '')
    .sort();
}

describe('prune globs', () => {
  it('a `!` entry only narrows: ops_* minus ops_keep deletes ops_tmp alone', async () => {
    const result = await plan('ops_*\n!ops_keep');
    expect(result.code, result.stdout).toBe(0);
    expect(deletions(result.summary)).toEqual(['ops_tmp']);
    expect(result.outputs.deleted).toBe('1');
  });

  it('brace globs keep their commas; an unmatched entry is a notice; each deletion names its glob', async () => {
    const result = await plan('{tmp,ops}_*, !ops_keep, nomatch_*');
    expect(result.code, result.stdout).toBe(0);
    expect(deletions(result.summary)).toEqual(['ops_tmp', 'tmp_x']);
    expect(result.stdout).toMatch(/::notice::prune entry `nomatch_\*` matches no remote script/u);
    expect(result.summary).toContain('the name matches prune glob <code>{tmp,ops}_&#42;</code>');
  });

  it('exclusions without any inclusion are refused before anything is read', async () => {
    const result = await plan('!ops_keep');
    expect(result.outputs['failure-reason']).toBe('validation');
    expect(result.stdout).toMatch(/::error::Input 'prune' has only exclusions/u);
    expect(emulator.current.requests()).toEqual([]);
    // A configuration error is said once, and the job summary says why the run did not start.
    expect(result.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(1);
    expect(result.summary).toMatch(
      /^> \[!CAUTION\]\n> \*\*coc-script-sync did not run: nothing was read from or sent to COC\.\*\*/u,
    );
    expect(result.summary).toContain(
      "failure-reason <code>validation</code>. Input 'prune' has only exclusions",
    );
  });
});
