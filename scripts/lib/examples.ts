/**
 * Reads examples/coc-scripts (the definitions the README shows) just enough to seed a remote
 * side that relates to them. Deliberately independent of src/load: the demo must show what the
 * action does with the files, not reuse its reading of them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

/** One example definition, as much of it as seeding needs. */
export interface ExampleDefinition {
  readonly file: string;
  readonly name: string;
  readonly state: 'present' | 'absent';
  readonly type: 'SHELL' | 'PYTHON' | 'BAT';
  readonly description: string;
  readonly content: string;
  readonly riskLevel: string;
  readonly version: string;
  /** `undefined` when the key is omitted (the remote reviewers are kept). */
  readonly reviewers: readonly { readonly name: string; readonly id: string }[] | undefined;
  readonly protocol: string | undefined;
  readonly params: readonly ExampleParam[];
}

/** One parameter; `fromEnv` names the variable of a `value_from_env` parameter. */
export interface ExampleParam {
  readonly name: string;
  readonly value: string | undefined;
  readonly fromEnv: string | undefined;
  readonly description: string;
  readonly sensitive: boolean;
}

type Doc = Record<string, unknown>;

/** A scalar as text (YAML may type `60` or `true`); anything else is the fallback. */
function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fallback;
}

/** Every `*.yaml` / `*.yml` under `root` (names starting with `.` or `_` skipped), sorted. */
export async function readExampleDefinitions(root: string): Promise<ExampleDefinition[]> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name) && !/^[._]/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const definitions = await Promise.all(files.map((file) => readOne(root, file)));
  return definitions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readOne(root: string, file: string): Promise<ExampleDefinition> {
  const doc = (parse(await readFile(file, 'utf8')) ?? {}) as Doc;
  const contentFile = doc['content_file'];
  const content =
    typeof contentFile === 'string'
      ? await readFile(join(dirname(file), contentFile), 'utf8')
      : text(doc['content']);
  const reviewers = Array.isArray(doc['reviewers'])
    ? (doc['reviewers'] as Doc[]).map((r) => ({ name: text(r['name']), id: text(r['id']) }))
    : undefined;
  const params = Array.isArray(doc['params']) ? (doc['params'] as Doc[]).map(readParam) : [];
  return {
    file: relative(root, file),
    name: text(doc['name']),
    state: doc['state'] === 'absent' ? 'absent' : 'present',
    type: text(doc['type'], 'SHELL') as ExampleDefinition['type'],
    description: text(doc['description']),
    content,
    riskLevel: text(doc['risk_level'], 'LOW'),
    version: text(doc['version'], '1.0.0'),
    reviewers,
    protocol: doc['protocol'] === undefined ? undefined : text(doc['protocol']),
    params,
  };
}

function readParam(param: Doc): ExampleParam {
  return {
    name: text(param['name']),
    value: param['value'] === undefined ? undefined : text(param['value']),
    fromEnv: param['value_from_env'] === undefined ? undefined : text(param['value_from_env']),
    description: text(param['description']),
    sensitive: param['sensitive'] === true,
  };
}

/** The `prune` input of the step using this action in a workflow file, if any. */
export async function workflowPruneGlob(workflowFile: string): Promise<string | undefined> {
  try {
    const doc = parse(await readFile(workflowFile, 'utf8')) as { jobs?: Record<string, { steps?: Doc[] }> };
    for (const job of Object.values(doc.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        const prune = (step['with'] as Doc | undefined)?.['prune'];
        if (typeof prune === 'string' && prune.trim()) return prune.trim();
      }
    }
  } catch {
    // No readable workflow: the caller falls back to its own glob.
  }
  return undefined;
}
