/**
 * The repository's own CI and release workflows do what the README and CHANGELOG promise: CI
 * runs the README's test command, checks dist/ and runs the action from the checkout; a release
 * tag verifies dist/, publishes the CHANGELOG section and moves the major tag. The action step of
 * CI is also run here, with its exact inputs, through the bundle as the runner runs it.
 */
import { access, constants, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runActionProcess } from '../support/runner.js';
import { ROOT } from './schemas.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: Record<string, { branches?: string[]; tags?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

async function workflow(file: string): Promise<Workflow> {
  return parse(await readFile(join(ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;
}

const steps = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((job) => job.steps);
const runs = (w: Workflow): string[] => steps(w).flatMap((s) => (s.run === undefined ? [] : [s.run]));
const indexOfRun = (w: Workflow, text: string): number => runs(w).findIndex((r) => r.includes(text));

async function isExecutable(file: string): Promise<boolean> {
  return access(join(ROOT, file), constants.X_OK).then(
    () => true,
    () => false,
  );
}

describe('.github/workflows/ci.yml', () => {
  it('runs on pushes to main and on pull requests, read-only', async () => {
    const ci = await workflow('ci.yml');
    expect(ci.on.push?.branches).toEqual(['main']);
    expect(Object.keys(ci.on)).toContain('pull_request');
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it("runs the README's test command after a clean install", async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const command = /^npm ci && (npm \S+)\s+# bundle, type-check/m.exec(readme)?.[1];
    expect(command).toBe('npm test');
    const { test } = (await workflow('ci.yml')).jobs;
    expect(test?.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci --no-audit --no-fund', command]);
  });

  it('checks that dist/ is what a fresh bundle produces, with the same script as .ci/run', async () => {
    const job = (await workflow('ci.yml')).jobs['check-dist'];
    const commands = job?.steps.map((s) => s.run).filter(Boolean);
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npm run bundle', 'scripts/check-generated.sh']);
    expect(await readFile(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^scripts\/check-generated\.sh$/m);
    expect(await isExecutable('scripts/check-generated.sh')).toBe(true);
  });

  it('runs the action from the checkout in validate mode on the examples, and that step passes', async () => {
    const step = steps(await workflow('ci.yml')).find((s) => s.uses === './');
    expect(step?.with).toEqual({ mode: 'validate', path: 'examples/coc-scripts' });
    // The same inputs through dist/index.js, from the repository root as the runner's workspace.
    const inputs = Object.fromEntries(Object.entries(step?.with ?? {}).map(([k, v]) => [k, String(v)]));
    const run = await runActionProcess(inputs, { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['failure-reason']).toBe('');
    expect(run.summary).toMatch(/\d+ definitions/);
  });
});

describe('.github/workflows/release.yml', () => {
  it('runs on vX.Y.Z tags only, and may write contents (release, major tag)', async () => {
    const release = await workflow('release.yml');
    const patterns = release.on.push?.tags ?? [];
    expect(patterns).toEqual(['v*.*.*']);
    const matches = picomatch(patterns);
    expect(['v1.2.3', 'v10.0.0', 'v1.3.0-rc.1'].map((t) => matches(t))).toEqual([true, true, true]);
    expect(['v1', 'v1.2', 'main', '1.2.3'].map((t) => matches(t))).toEqual([false, false, false, false]);
    expect(release.permissions).toEqual({ contents: 'write' });
  });

  it('verifies dist/, then writes the notes, creates the release, and moves the major tag, in that order', async () => {
    const release = await workflow('release.yml');
    const order = [
      indexOfRun(release, 'npm test'),
      indexOfRun(release, 'scripts/check-generated.sh'),
      indexOfRun(release, 'scripts/release-notes.ts "$GITHUB_REF_NAME"'),
      indexOfRun(release, 'gh release create "$GITHUB_REF_NAME" --verify-tag'),
      indexOfRun(release, 'git push --force origin "refs/tags/${major}"'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(indexOfRun(release, 'scripts/check-generated.sh')).toBeLessThan(
      indexOfRun(release, 'gh release create'),
    );
  });

  it('the scripts it runs exist', async () => {
    await expect(access(join(ROOT, 'scripts', 'release-notes.ts'))).resolves.toBeUndefined();
    expect(await isExecutable('scripts/check-generated.sh')).toBe(true);
  });
});
