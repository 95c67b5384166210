/**
 * The JSON Schema of everything `--json` prints (schema/cli-output.schema.json, written by
 * `npm run generate`): the plan file for `plan`, a run report for validate and apply (and for a
 * plan that failed before it had a plan), and the export report. Enumerations come from the code
 * so the schema cannot fall behind a new failure reason or action. Never imported at run time.
 */
import { OWNERSHIP_TAG_KEY } from '../common/tags.js';
import { OWNERSHIPS } from '../config/config.js';
import { FAILURE_REASONS } from '../errors.js';
import { PLAN_ACTIONS, RISK_LEVELS, SCRIPT_TYPES } from '../model.js';
import { PLAN_FILE_FORMAT } from '../report/plan-file.js';

export const OUTPUT_SCHEMA_PATH = 'schema/cli-output.schema.json';

const string = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const strings = { type: 'array', items: string } as const;

/** An object with exactly these properties, `required` among them. */
function object(properties: Record<string, unknown>, required: readonly string[], description?: string) {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    required: [...required],
    properties,
    additionalProperties: false,
  };
}

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const list = (name: string) => ({ type: 'array', items: ref(name) });

const definitions = {
  location: object(
    {
      file: string,
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1 },
      field: string,
    },
    ['file', 'line', 'column'],
    'Where in a definition file: path relative to the working directory, 1-based line and column.',
  ),
  diagnostic: object(
    { severity: { enum: ['error', 'warning', 'notice'] }, message: string, location: ref('location') },
    ['severity', 'message'],
  ),
  fieldChange: object(
    { field: string, before: string, after: string },
    ['field'],
    'One changed field, rendered for people; sensitive values are "(sensitive)".',
  ),
  reviewer: object({ name: string, id: string }, ['name', 'id']),
  tag: object({ key: string, value: string }, ['key', 'value'], 'One resource tag.'),
  keptScript: object(
    { name: string, uuid: string, owner: { ...string, description: 'Absent: no ownership tag.' } },
    ['name', 'uuid'],
    'A script that matches prune but that this folder does not own: never deleted.',
  ),
  paramValue: {
    oneOf: [
      object({ source: { const: 'literal' }, value: string }, ['source', 'value']),
      object(
        {
          source: { const: 'env' },
          variable: string,
          value: { ...string, description: 'Absent when the variable is not set.' },
        },
        ['source', 'variable'],
      ),
    ],
  },
  param: object(
    {
      name: string,
      value: ref('paramValue'),
      description: string,
      sensitive: { type: 'boolean' },
      location: ref('location'),
    },
    ['name', 'value', 'description', 'sensitive'],
  ),
  desired: object(
    {
      name: string,
      type: { enum: [...SCRIPT_TYPES] },
      description: string,
      content: string,
      riskLevel: { enum: [...RISK_LEVELS] },
      version: string,
      reviewers: list('reviewer'),
      protocol: string,
      params: list('param'),
    },
    ['name', 'type', 'description', 'content', 'riskLevel', 'version', 'reviewers', 'params'],
    'What a create or update sends.',
  ),
  planItem: object(
    {
      action: { enum: [...PLAN_ACTIONS] },
      name: string,
      uuid: string,
      file: string,
      location: ref('location'),
      reason: {
        ...string,
        description: 'Why: a deletion (state: absent, or the prune glob), a blocked or unreadable item.',
      },
      changes: list('fieldChange'),
      contentDiff: { ...string, description: 'Unified diff of the content.' },
      reviewerReset: { type: 'boolean', description: 'The write sends the script back to review.' },
      remoteStatus: { ...string, description: 'Review status on COC before the change.' },
      desired: { ...ref('desired'), description: 'Absent on a tags-only update (no PUT).' },
      tags: {
        ...list('tag'),
        description: 'The complete tag set the tags update sends, the ownership tag included.',
      },
      markOwned: { type: 'boolean', description: 'The tags update adds the ownership tag.' },
      readError: ref('apiError'),
    },
    ['action', 'name', 'changes', 'reviewerReset'],
  ),
  planFile: object(
    {
      format: { const: PLAN_FILE_FORMAT },
      hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
      counts: object(
        { create: count, update: count, delete: count, noop: count, blocked: count, unreadable: count },
        ['create', 'update', 'delete', 'noop', 'blocked', 'unreadable'],
      ),
      ownership: object(
        {
          mode: { enum: [...OWNERSHIPS] },
          key: { const: OWNERSHIP_TAG_KEY },
          owner: { ...string, description: "This folder's owner value, when known." },
          kept: list('keptScript'),
          markOwned: { ...strings, description: 'Scripts the apply marks as owned.' },
        },
        ['mode', 'key', 'kept', 'markOwned'],
      ),
      pendingApprovals: {
        type: 'array',
        items: object({ name: string, uuid: string, status: string }, ['name', 'uuid', 'status']),
      },
      items: list('planItem'),
    },
    ['format', 'hash', 'counts', 'ownership', 'pendingApprovals', 'items'],
    "`plan --json`: the same document as the action's plan-file output.",
  ),
  apiError: object(
    {
      message: string,
      code: string,
      httpStatus: { type: 'integer' },
      requestId: string,
      stopsRun: { enum: [...FAILURE_REASONS] },
    },
    ['message'],
  ),
  result: object(
    {
      name: string,
      action: { enum: [...PLAN_ACTIONS] },
      outcome: { enum: ['applied', 'failed', 'unchanged'] },
      uuid: string,
      status: { ...string, description: 'Review status read back after the write.' },
      tags: { ...list('tag'), description: 'Tags read back after a tags update.' },
      error: ref('apiError'),
    },
    ['name', 'action', 'outcome'],
  ),
  runReport: object(
    {
      mode: { enum: ['validate', 'plan', 'apply'] },
      failureReason: { enum: ['', ...FAILURE_REASONS], description: 'Empty on success.' },
      files: count,
      definitions: count,
      diagnostics: list('diagnostic'),
      notes: strings,
      plan: ref('planFile'),
      results: { ...list('result'), description: 'apply only: one entry per plan item acted on.' },
    },
    ['mode', 'failureReason', 'files', 'definitions', 'diagnostics', 'notes'],
    '`validate --json`, `apply --json`, and `plan --json` when the run ended before a plan.',
  ),
  exportReport: object(
    {
      outDir: string,
      skipped: {
        type: 'array',
        description: 'Selected scripts left out: the folder defines them already (by uuid or name).',
        items: object({ name: string, uuid: string, definedIn: string }, ['name', 'uuid', 'definedIn']),
      },
      scripts: {
        type: 'array',
        items: object({ name: string, uuid: string, yamlFile: string, contentFile: string }, [
          'name',
          'uuid',
          'yamlFile',
          'contentFile',
        ]),
      },
      envVariables: {
        type: 'array',
        items: object({ variable: string, script: string, param: string }, ['variable', 'script', 'param']),
      },
      warnings: strings,
      crlfFiles: strings,
      gitattributes: { ...strings, description: 'Lines to add to .gitattributes so CRLF files stay CRLF.' },
    },
    ['outDir', 'skipped', 'scripts', 'envVariables', 'warnings', 'crlfFiles', 'gitattributes'],
    '`export --json`.',
  ),
};

/** The schema document as a plain object. */
export function buildOutputSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:coc-script-sync:schema:cli-output:v1',
    title: 'coc-script-sync --json output',
    description:
      'What `coc-script-sync <command> --json` prints on stdout: a plan file (plan), a run report (validate, apply, a plan that ended early) or an export report (export).',
    oneOf: [ref('planFile'), ref('runReport'), ref('exportReport')],
    definitions,
  };
}

/** The file text (what `npm run generate` writes). */
export function renderOutputSchema(): string {
  return `${JSON.stringify(buildOutputSchema(), null, 2)}\n`;
}
