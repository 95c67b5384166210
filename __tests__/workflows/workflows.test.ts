/**
 * The example workflows parse with GitHub's own workflow parser, use only inputs the action
 * declares, and ask for the least permissions their job needs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT } from '../../src/config/names.js';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';

const root = join(import.meta.dirname, '..', '..');

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

/** Errors GitHub's parser reports for a workflow text (schema, expressions, conversion). */
async function parserErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value === undefined) return [...errors, 'no workflow value'];
  const template = await convertWorkflowTemplate(result.context, result.value);
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
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

describe.each(CASES)('examples/workflows/$file', ({ file, trigger, mode, permissions, cancel }) => {
  it('parses without errors with @actions/workflow-parser', async () => {
    const { content } = await load(file);
    expect(await parserErrors(file, content)).toEqual([]);
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

  it('the parser does reject a broken workflow (the check can fail)', async () => {
    const broken =
      'on: push\npermissions:\n  pull-requests: writ\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n';
    expect((await parserErrors('broken.yml', broken)).length).toBeGreaterThan(0);
  });
});
