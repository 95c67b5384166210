/**
 * action.yml is valid action metadata (SchemaStore's github-action schema, vendored, and GitHub's
 * own action parser) and declares exactly the inputs and outputs of src/config/names.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT, OUTPUT } from '../../src/config/names.js';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { ROOT as root, actionSchema, schemaErrors } from './schemas.js';

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

async function loadAction(): Promise<unknown> {
  return parse(await readFile(join(root, 'action.yml'), 'utf8')) as unknown;
}

describe('action.yml', () => {
  it("matches SchemaStore's github-action schema", async () => {
    expect(schemaErrors(actionSchema, await loadAction())).toEqual([]);
  });

  it.each([
    { name: 'unknown top-level key', patch: { nmae: 'x' } },
    { name: 'unsupported runtime', patch: { runs: { using: 'node8', main: 'dist/index.js' } } },
    { name: 'input without description', patch: { inputs: { path: { required: false } } } },
    { name: 'unknown branding colour', patch: { branding: { icon: 'refresh-cw', color: 'pink' } } },
  ])('the schema rejects a broken copy ($name)', async ({ patch }) => {
    const action = (await loadAction()) as Record<string, unknown>;
    expect(schemaErrors(actionSchema, { ...action, ...patch })).not.toEqual([]);
  });

  it("passes GitHub's own action.yml parser (@actions/workflow-parser)", async () => {
    const content = await readFile(join(root, 'action.yml'), 'utf8');
    const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it("GitHub's action parser does reject a broken copy (the check can fail)", () => {
    const content = 'name: x\ndescription: y\nrunz:\n  using: node24\n  main: a.js\n';
    const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('runs the bundle on node24', async () => {
    const action = (await loadAction()) as ActionMetadata;
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs of names.ts', async () => {
    const action = (await loadAction()) as ActionMetadata;
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUT).sort());
  });

  it('declares exactly the outputs of names.ts', async () => {
    const action = (await loadAction()) as ActionMetadata;
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUT).sort());
  });

  it('marks no input required (every method of authentication is optional)', async () => {
    const action = (await loadAction()) as ActionMetadata;
    expect(Object.entries(action.inputs).filter(([, v]) => v.required === true)).toEqual([]);
  });
});
