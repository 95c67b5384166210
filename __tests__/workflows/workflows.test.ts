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
  env?: Record<string, string>;
}
interface Concurrency {
  group: string;
  'cancel-in-progress': boolean;
}
interface Job {
  if?: string;
  environment?: string;
  strategy?: { matrix?: Record<string, unknown>; 'max-parallel'?: number; 'fail-fast'?: boolean };
  permissions?: Record<string, string>;
  concurrency?: Concurrency;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: Concurrency;
  jobs: Record<string, Job>;
}

async function load(name: string): Promise<{ content: string; workflow: Workflow }> {
  const content = await readFile(join(root, 'examples', 'workflows', name), 'utf8');
  return { content, workflow: parse(content) as Workflow };
}

function jobOf(workflow: Workflow, name: string | undefined): Job {
  const job = name === undefined ? Object.values(workflow.jobs)[0] : workflow.jobs[name];
  return job ?? expect.fail(`no job ${name ?? ''}`);
}

const isAction = (s: Step): boolean => s.uses?.startsWith('your-org/coc-script-sync@') === true;

function actionStep(workflow: Workflow, job?: string): Step {
  return jobOf(workflow, job).steps.find(isAction) ?? expect.fail('no coc-script-sync step');
}

/** One job of an example; permissions and concurrency are the job's, else the workflow's. */
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
  {
    file: 'environments.yml',
    job: 'plan',
    trigger: 'pull_request',
    mode: 'plan',
    permissions: { contents: 'read', 'pull-requests': 'write' },
    cancel: true,
  },
  {
    file: 'environments.yml',
    job: 'apply',
    trigger: 'push',
    mode: 'apply',
    permissions: { contents: 'read', 'pull-requests': 'read' },
    cancel: false,
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

describe.each(CASES)('examples/workflows/$file $job', ({ file, job, trigger, mode, permissions, cancel }) => {
  it('is one of the workflows checked above', () => {
    expect(ALL_WORKFLOWS).toContain(`examples/workflows/${file}`);
  });

  it('runs on its trigger in its mode', async () => {
    const { workflow } = await load(file);
    expect(Object.keys(workflow.on)).toContain(trigger);
    expect(actionStep(workflow, job).with?.mode).toBe(mode);
    const condition = jobOf(workflow, job).if;
    if (condition !== undefined) expect(condition).toBe(`github.event_name == '${trigger}'`);
  });

  it('asks for exactly the permissions it needs', async () => {
    const { workflow } = await load(file);
    expect(jobOf(workflow, job).permissions ?? workflow.permissions).toEqual(permissions);
  });

  it('has a concurrency group', async () => {
    const { workflow } = await load(file);
    const concurrency = jobOf(workflow, job).concurrency ?? workflow.concurrency;
    expect(concurrency?.group).toMatch(/^coc-script-sync-/);
    expect(concurrency?.['cancel-in-progress']).toBe(cancel);
  });
});

describe.each(ALL_WORKFLOWS.filter((f) => f.startsWith('examples/')))('%s', (path) => {
  it('passes only inputs the action declares, in every action step', async () => {
    const { workflow } = await load(path.replace('examples/workflows/', ''));
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps.filter(isAction));
    expect(steps.length).toBeGreaterThan(0);
    const known: string[] = Object.values(INPUT);
    const unknown = steps.flatMap((step) => Object.keys(step.with ?? {}).filter((k) => !known.includes(k)));
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
    expect(examples.sort()).toEqual([...new Set(CASES.map((c) => `examples/workflows/${c.file}`))].sort());
  });

  it('environments deploys one folder to each GitHub Environment of a matrix, staging first', async () => {
    const { workflow } = await load('environments.yml');
    for (const name of ['plan', 'apply']) {
      const job = jobOf(workflow, name);
      expect(job.strategy?.matrix).toEqual({ environment: ['staging', 'production'] });
      expect(job.environment).toBe('${{ matrix.environment }}');
      expect(job.concurrency?.group).toContain('${{ matrix.environment }}');
      const step = actionStep(workflow, name);
      // The target (region, project) and the credentials come from the environment.
      expect(step.with).toMatchObject({
        path: 'coc-scripts',
        region: '${{ vars.HUAWEICLOUD_REGION }}',
        'project-id': '${{ vars.HUAWEICLOUD_PROJECT_ID }}',
        'access-key': '${{ secrets.HUAWEICLOUD_AK }}',
        'secret-key': '${{ secrets.HUAWEICLOUD_SK }}',
      });
      expect(step.env).toEqual({ LOG_DIR: '${{ vars.LOG_DIR }}', DB_PASSWORD: '${{ secrets.DB_PASSWORD }}' });
    }
    expect(jobOf(workflow, 'apply').strategy?.['max-parallel']).toBe(1);
    expect(jobOf(workflow, 'plan').strategy?.['fail-fast']).toBe(false);
  });
});
