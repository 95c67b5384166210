/**
 * Validators for GitHub metadata files: SchemaStore's github-action and github-workflow schemas
 * (vendored under fixtures/schemas/schemastore/, Apache-2.0, see SOURCE.md there; no network in
 * tests) and GitHub's own workflow parser (@actions/workflow-parser).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

const SCHEMAS = join(ROOT, '__tests__', 'fixtures', 'schemas', 'schemastore');

function compile(file: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object;
  // SchemaStore's workflow schema uses keywords ajv's strict mode refuses (see SOURCE.md).
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** SchemaStore's schema of action.yml. */
export const actionSchema: ValidateFunction = compile('github-action.json');

/** SchemaStore's schema of .github/workflows/*.yml. */
export const workflowSchema: ValidateFunction = compile('github-workflow.json');

/** Schema violations of a parsed document, as `path: message` lines (empty when valid). */
export function schemaErrors(validate: ValidateFunction, document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}

/** Errors GitHub's parser reports for a workflow text (schema, expressions, conversion). */
export async function parserErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value === undefined) return [...errors, 'no workflow value'];
  const template = await convertWorkflowTemplate(result.context, result.value);
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}
