/**
 * Tags and ownership end to end: the bundled action (dist/index.js) run as the runner runs it,
 * the bundled CLI for `export`, against the emulator over real HTTP. Scenarios are grouped so
 * that each test spends as few process spawns as its story needs.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SeedScript } from '../../emulator/server.js';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { runActionProcess, runCliProcess } from '../support/runner.js';

const emulator = useEmulator();
const KEY = 'managed-by-coc-script-sync';
/** What the runner sets; the default owner is `<GITHUB_REPOSITORY>:<path>`. */
const REPOSITORY = 'octo-org/ops-scripts';
const OWNER = `${REPOSITORY}:coc-scripts`;
const OTHER = 'octo-org/other:coc-scripts';
const RUNNER_ENV = { GITHUB_REPOSITORY: REPOSITORY };
const TAGS_PATH = /^\/v1\/script\/coc:script\/([^/]+)\/tags\/update$/;

let workspace = '';
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-e2e-tags-'));
  await mkdir(join(workspace, 'coc-scripts'));
});

/** A definition file; `tags` is YAML text for the tags key (omitted when undefined). */
function definition(name: string, extra = '', tags?: string): string {
  const head = `name: ${name}\ntype: SHELL\ndescription: ${name} script\ncontent: echo ${name}\nrisk_level: LOW\nversion: 1.0.0\n`;
  return head + extra + (tags === undefined ? '' : `tags:${tags}\n`);
}

async function define(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files))
    await writeFile(join(workspace, 'coc-scripts', `${name}.yaml`), text);
}

function seed(name: string, overrides: Partial<SeedScript> = {}): SeedScript {
  return {
    name,
    type: 'SHELL',
    description: `${name} script`,
    content: `echo ${name}`,
    properties: { risk_level: 'LOW', version: '1.0.0' },
    ...overrides,
  };
}

const tag = (key: string, value: string) => ({ key, value });

function run(mode: string, extra: Record<string, string> = {}) {
  const inputs = {
    mode,
    path: 'coc-scripts',
    endpoint: emulator.current.url,
    'auth-token': EMULATOR_TOKEN,
    ...extra,
  };
  return runActionProcess(inputs, { cwd: workspace, env: RUNNER_ENV });
}

/** Writes since the last clearRequests(), with tags updates named by the script they tag. */
function writes(): string[] {
  const byUuid = new Map(emulator.current.scripts().map((s) => [s.script_uuid, s.name]));
  return emulator.current
    .requests()
    .filter((r) => r.method !== 'GET')
    .map((r) => {
      const tagged = TAGS_PATH.exec(r.path)?.[1];
      return tagged === undefined ? `${r.method} ${r.path}` : `TAGS ${byUuid.get(tagged) ?? tagged}`;
    })
    .sort();
}

function script(name: string) {
  const found = emulator.current.scripts().find((s) => s.name === name);
  if (found === undefined) throw new Error(`no remote script ${name}`);
  return found;
}

describe('tags', () => {
  it('creates with tags, changes tags alone without a PUT or review reset, removes them with {}', async () => {
    const alice = { reviewer_name: 'alice', reviewer_id: 'a1' };
    emulator.current.seed([
      seed('reviewed', {
        status: 'APPROVED',
        properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [alice] },
        resource_tags: [tag('team', 'sre')],
      }),
    ]);
    const reviewers = '\nreviewers:\n  - name: alice\n    id: a1\n';
    await define({
      reviewed: definition('reviewed', reviewers, '\n  team: ops'),
      fresh: definition('fresh', '', '\n  team: sre\n  cost: "42"'),
    });
    const first = await run('apply');
    expect(first.code, first.stdout).toBe(0);
    // A create is POST then tags; the tag-only change is exactly one tags request and no PUT.
    expect(writes()).toEqual(['POST /v1/job/scripts', 'TAGS fresh', 'TAGS reviewed']);
    expect(script('fresh').resource_tags).toEqual([tag('cost', '42'), tag(KEY, OWNER), tag('team', 'sre')]);
    expect(script('reviewed').resource_tags).toEqual([tag(KEY, OWNER), tag('team', 'ops')]);
    expect(script('reviewed').status).toBe('APPROVED');
    expect(first.outputs['reviewer-resets']).toBe('[]');
    expect(first.outputs.updated).toBe('1');
    expect(first.summary).toContain(
      'tags.team: <code>sre</code> → <code>ops</code><br>_tags only: no PUT, review kept_',
    );
    // The read-back shows the tags.
    expect(first.stdout).toContain(
      `created fresh (${script('fresh').script_uuid}): APPROVED; tags cost=42, ${KEY}=${OWNER}, team=sre`,
    );

    emulator.current.clearRequests();
    await define({ reviewed: definition('reviewed', reviewers, ' {}') });
    const removal = await run('apply');
    expect(removal.code, removal.stdout).toBe(0);
    expect(writes()).toEqual(['TAGS reviewed']);
    expect(script('reviewed').resource_tags).toEqual([tag(KEY, OWNER)]);

    emulator.current.clearRequests();
    const clean = await run('plan', { 'fail-on-drift': 'true' });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.outputs['has-changes']).toBe('false');
    expect(clean.summary).not.toContain('marked as owned');
    expect(writes()).toEqual([]);
  });

  it('converges on rerun after a fault between the script write and its tags update', async () => {
    emulator.current.seed([seed('drifted', { properties: { risk_level: 'LOW', version: '0.9.0' } })]);
    await define({
      drifted: definition('drifted', '', '\n  team: sre'),
      brand_new: definition('brand_new', '', '\n  team: sre'),
    });
    emulator.current.setFaults({ failTagsUpdates: 2 });
    const failed = await run('apply');
    expect(failed.code).toBe(1);
    expect(failed.outputs['failure-reason']).toBe('apply-failed');
    expect(failed.outputs.failed).toBe('2');
    expect(failed.summary).toContain('but setting its tags failed');
    expect(failed.stdout).toMatch(
      /::error[^\n]*brand_new[^\n]*the script was created \(SC[0-9a-f]+\), but setting its tags failed/,
    );
    expect(writes()).toEqual([
      'POST /v1/job/scripts',
      `PUT /v1/job/scripts/${script('drifted').script_uuid}`,
      'TAGS brand_new',
      'TAGS drifted',
    ]);
    expect(script('drifted').properties.version).toBe('1.0.0');
    expect(script('brand_new').resource_tags).toEqual([]);

    emulator.current.clearRequests();
    const rerun = await run('apply');
    expect(rerun.code, rerun.stdout).toBe(0);
    // No second create and no second PUT: only the tags that are still missing.
    expect(writes()).toEqual(['TAGS brand_new', 'TAGS drifted']);
    expect(emulator.current.scripts().filter((s) => s.name === 'brand_new')).toHaveLength(1);
    for (const name of ['drifted', 'brand_new'])
      expect(script(name).resource_tags).toEqual([tag(KEY, OWNER), tag('team', 'sre')]);
  });
});

describe('prune by ownership', () => {
  const accountSeed = () => [
    seed('ops_keep', { resource_tags: [tag(KEY, OWNER)] }),
    seed('ops_mine', { resource_tags: [tag(KEY, OWNER)] }),
    seed('ops_tmp', { resource_tags: [tag('made-in', 'console')] }),
    seed('ops_theirs', { resource_tags: [tag(KEY, OTHER)] }),
    seed('shared', { resource_tags: [tag(KEY, OTHER)] }),
    // A server's tag text is outside text: it must stay inert in the log and in Markdown.
    seed('ops_evil', { resource_tags: [tag(KEY, 'x\n::error::pwned [a](https://evil.example) @admin')] }),
  ];

  it("ownership: tag deletes only this folder's scripts and blocks another folder's", async () => {
    const mine = emulator.current.seed(accountSeed()).find((s) => s.name === 'ops_mine');
    await define({ ops_keep: definition('ops_keep'), shared: definition('shared', '', '\n  team: mine') });
    const apply = await run('apply', { prune: 'ops_*' });
    expect(apply.outputs.deleted).toBe('1');
    expect(writes()).toEqual([`DELETE /v1/job/scripts/${mine?.script_uuid ?? ''}`]);
    const names = emulator.current
      .scripts()
      .map((s) => s.name)
      .sort();
    expect(names).toEqual(['ops_evil', 'ops_keep', 'ops_theirs', 'ops_tmp', 'shared']);
    expect(apply.stdout).not.toMatch(/^::error::pwned/m);
    expect(apply.summary).toContain('ops_evil');
    expect(apply.summary).not.toMatch(/\[a\]\(https|@admin/);
    expect(script('shared').resource_tags).toEqual([tag(KEY, OTHER)]);
    // The other folder's script is a blocked item naming its owner; the run fails at the end.
    expect(apply.code).toBe(1);
    expect(apply.outputs['failure-reason']).not.toBe('');
    expect(apply.summary).toContain(`owned by another folder (owner: \`${OTHER}\``);
    expect(apply.summary).toContain(`kept: not owned by this folder (owner: ${OTHER})`);
    expect(apply.summary).toContain('kept: not owned by this folder (owner: none)');
    const planFile = JSON.parse(await readFile(apply.outputs['plan-file'] ?? '', 'utf8')) as {
      ownership: { mode: string; owner: string; kept: { name: string; owner?: string }[] };
    };
    expect(planFile.ownership).toMatchObject({ mode: 'tag', owner: OWNER });
    expect(planFile.ownership.kept.map((k) => [k.name, k.owner])).toEqual([
      ['ops_evil', 'x\n::error::pwned [a](https://evil.example) @admin'],
      ['ops_theirs', OTHER],
      ['ops_tmp', undefined],
    ]);
  });

  it('ownership: name prunes by name as before and writes no ownership tag', async () => {
    emulator.current.seed(accountSeed());
    await define({
      ops_keep: definition('ops_keep'),
      shared: definition('shared'),
      created: definition('created'),
    });
    const apply = await run('apply', { prune: 'ops_*', ownership: 'name' });
    expect(apply.code, apply.stdout).toBe(0);
    expect(apply.outputs.deleted).toBe('4');
    expect(
      emulator.current
        .scripts()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['created', 'ops_keep', 'shared']);
    expect(writes().filter((w) => w.startsWith('TAGS'))).toEqual([]);
    expect(script('created').resource_tags).toEqual([]);
    expect(script('shared').resource_tags).toEqual([tag(KEY, OTHER)]);
  });
});

describe('adopting an existing account', () => {
  it('export writes the tags without the ownership tag; plan then shows zero changes; apply marks them', async () => {
    emulator.current.seed([
      seed('ops_backup', { resource_tags: [tag('team', 'sre'), tag('tier', 'gold')] }),
      seed('ops_plain'),
    ]);
    const flags = [
      '--endpoint',
      emulator.current.url,
      '--iam-endpoint',
      emulator.current.url,
      '--project-id',
      'p0',
    ];
    const exporting = await runCliProcess(
      ['export', '--name-glob', 'ops_*', '--path', 'coc-scripts', ...flags],
      {
        cwd: workspace,
        env: { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN },
      },
    );
    expect(exporting.code, exporting.stderr).toBe(0);
    const exported = await readFile(join(workspace, 'coc-scripts', 'ops_backup.yaml'), 'utf8');
    expect(exported).toContain('tags:\n  team: sre\n  tier: gold\n');
    expect(exported).not.toContain(KEY);

    const plan = await run('plan', { 'fail-on-drift': 'true' });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.outputs['has-changes']).toBe('false');
    expect(plan.stdout).toContain(
      `2 scripts will be marked as owned (${KEY}=${OWNER}): ops_backup, ops_plain`,
    );
    expect(plan.summary).toContain('Will be marked as owned');

    emulator.current.clearRequests();
    const apply = await run('apply');
    expect(apply.code, apply.stdout).toBe(0);
    expect(writes()).toEqual(['TAGS ops_backup', 'TAGS ops_plain']);
    expect(script('ops_backup').resource_tags).toEqual([
      tag(KEY, OWNER),
      tag('team', 'sre'),
      tag('tier', 'gold'),
    ]);
    expect(script('ops_plain').resource_tags).toEqual([tag(KEY, OWNER)]);
  });
});
