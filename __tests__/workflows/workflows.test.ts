/**
 * Every workflow of the repository (the examples and .github/workflows/) parses with GitHub's own
 * workflow parser and matches SchemaStore's workflow schema; the examples use only inputs the
 * action declares and ask for the least permissions their job needs.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT } from '../../src/config/names.js';
import { ROOT as root, parserErrors, schemaErrors, workflowSchema } from './schemas.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { steps: Step[] }>;
}

async function load(name: string): Promise<{ content: string; workflow: Workflow }> {
  const content = await readFile(join(root, 'examples', 'workflows', name), 'utf8');
  return { content, workflow: parse(content) as Workflow };
}

function actionStep(workflow: Workflow): Step {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = steps.find((s) => s.uses?.startsWith('your-org/coc-script-sync@'));
  return step ?? expect.fail('no coc-script-sync step');
}

const CASES = [
  {
    file: 'deploy.yml',
    trigger: 'push',
    mode: 'apply',
    permissions: { contents: 'read', 'pull-requests': 'read', 'id-token': 'write' },
    cancel: false,
  },
  {
    file: 'review.yml',
    trigger: 'pull_request',
    mode: 'plan',
    permissions: { contents: 'read', 'pull-requests': 'write' },
    cancel: true,
  },
  {
    file: 'reconcile.yml',
    trigger: 'schedule',
    mode: 'plan',
    permissions: { contents: 'read', issues: 'write' },
    cancel: true,
  },
];

const WORKFLOW_DIRS = ['examples/workflows', '.github/workflows'];
const ALL_WORKFLOWS = (
  await Promise.all(
    WORKFLOW_DIRS.map(async (dir) =>
      (await readdir(join(root, dir))).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${dir}/${f}`),
    ),
  )
).flat();

describe.each(ALL_WORKFLOWS)('%s', (file) => {
  it('parses without errors with @actions/workflow-parser', async () => {
    const content = await readFile(join(root, file), 'utf8');
    expect(await parserErrors(file, content)).toEqual([]);
  });

  it("matches SchemaStore's github-workflow schema", async () => {
    const content = await readFile(join(root, file), 'utf8');
    expect(schemaErrors(workflowSchema, parse(content))).toEqual([]);
  });
});

describe.each(CASES)('examples/workflows/$file', ({ file, trigger, mode, permissions, cancel }) => {
  it('is one of the workflows checked above', () => {
    expect(ALL_WORKFLOWS).toContain(`examples/workflows/${file}`);
  });

  it('runs on its trigger in its mode', async () => {
    const { workflow } = await load(file);
    expect(Object.keys(workflow.on)).toContain(trigger);
    expect(actionStep(workflow).with?.mode).toBe(mode);
  });

  it('asks for exactly the permissions it needs', async () => {
    const { workflow } = await load(file);
    expect(workflow.permissions).toEqual(permissions);
  });

  it('has a concurrency group', async () => {
    const { workflow } = await load(file);
    expect(workflow.concurrency.group).toMatch(/^coc-script-sync-/);
    expect(workflow.concurrency['cancel-in-progress']).toBe(cancel);
  });

  it('passes only inputs the action declares', async () => {
    const { workflow } = await load(file);
    const known: string[] = Object.values(INPUT);
    const unknown = Object.keys(actionStep(workflow).with ?? {}).filter((k) => !known.includes(k));
    expect(unknown).toEqual([]);
  });
});

describe('workflow-specific settings', () => {
  it('reconcile fails on drift and keeps a drift issue', async () => {
    const step = actionStep((await load('reconcile.yml')).workflow);
    expect(step.with).toMatchObject({ 'fail-on-drift': true, 'drift-issue': true });
  });

  it('deploy authenticates keylessly with OIDC', async () => {
    const step = actionStep((await load('deploy.yml')).workflow);
    expect(Object.keys(step.with ?? {})).toEqual(expect.arrayContaining(['idp-id', 'oidc-audience']));
  });

  it('the parser and the schema do reject a broken workflow (the checks can fail)', async () => {
    const broken =
      'on: push\npermissions:\n  pull-requests: writ\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n';
    expect((await parserErrors('broken.yml', broken)).length).toBeGreaterThan(0);
    expect(schemaErrors(workflowSchema, parse(broken)).length).toBeGreaterThan(0);
  });

  it('the examples are exactly the workflows listed above', () => {
    const examples = ALL_WORKFLOWS.filter((f) => f.startsWith('examples/'));
    expect(examples.sort()).toEqual(CASES.map((c) => `examples/workflows/${c.file}`).sort());
  });
});
