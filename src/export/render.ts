/**
 * A remote script -> the definition YAML text and its content file, such that `plan` over the
 * result shows no change: every compared field is written as the API returned it, and the
 * content file holds the remote bytes (CRLF kept). Pure: no I/O.
 */
import { Document, parse, visit } from 'yaml';
import type { ScriptDetail, WireParam } from '../coc/api.js';
import { SyncError } from '../errors.js';
import { explainTagKey, explainTagValue, userTags } from '../common/tags.js';
import { SCRIPT_TYPES, type ScriptType } from '../model.js';
import { createEnvNameAllocator } from './env-name.js';

/** Where editors find the definition schema (the file is generated into the repository). */
export const DEFAULT_SCHEMA_URL =
  'https://raw.githubusercontent.com/your-org/coc-script-sync/v1/schema/coc-script.schema.json';

const EXTENSIONS: Record<ScriptType, string> = { SHELL: '.sh', PYTHON: '.py', BAT: '.bat' };

/** A sensitive parameter exported as `value_from_env`: the user must set `variable`. */
export interface EnvVariableNote {
  readonly variable: string;
  readonly script: string;
  readonly param: string;
}

export interface ExportedScript {
  readonly name: string;
  readonly uuid: string;
  /** File names relative to the output folder. */
  readonly yamlFile: string;
  readonly yamlText: string;
  readonly contentFile: string;
  /** The content exactly as returned by the API. */
  readonly content: string;
  readonly envVariables: readonly EnvVariableNote[];
  /** Things that will make the exported file fail `validate` (the API allowed them). */
  readonly warnings: readonly string[];
}

export interface RenderExportOptions {
  readonly schemaUrl?: string;
}

/** A file-name stem for a script name; COC names are already safe, this guards the rest. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^\p{L}\p{N}_-]+/gu, '_');
  // A leading `.` or `_` would make discovery skip the file (README, Definition format).
  return /^[._]/u.test(stem) ? `script${stem}` : stem;
}

function scriptType(script: ScriptDetail): ScriptType {
  const type = SCRIPT_TYPES.find((candidate) => candidate === script.type);
  if (type) return type;
  throw new SyncError('validation', `cannot export ${script.name}: unknown script type "${script.type}"`);
}

type Allocate = (scriptName: string, paramName: string) => string;

function paramEntry(script: ScriptDetail, param: WireParam, allocate: Allocate, notes: EnvVariableNote[]) {
  const entry: Record<string, unknown> = { name: param.param_name };
  if (param.sensitive) {
    // The API returns sensitive values masked; even if it did not, they must not land in git.
    const variable = allocate(script.name, param.param_name);
    notes.push({ variable, script: script.name, param: param.param_name });
    entry.value_from_env = variable;
  } else {
    entry.value = param.param_value;
  }
  if (param.param_description !== '') entry.description = param.param_description;
  if (param.sensitive) entry.sensitive = true;
  return entry;
}

/** The definition object in the key order of the README's Definition format. */
function definitionObject(
  script: ScriptDetail,
  contentFile: string,
  allocate: Allocate,
  notes: EnvVariableNote[],
) {
  const { properties } = script;
  const definition: Record<string, unknown> = {
    name: script.name,
    uuid: script.script_uuid,
    type: script.type,
    description: script.description,
    content_file: contentFile,
    risk_level: properties.risk_level,
    version: properties.version,
    // Written even when empty: `reviewers: []` makes a console-added reviewer show as drift.
    reviewers: properties.reviewers.map((reviewer) => ({
      name: reviewer.reviewer_name,
      id: reviewer.reviewer_id,
    })),
  };
  if (properties.protocol !== undefined && properties.protocol !== '')
    definition.protocol = properties.protocol;
  if (script.script_params.length > 0) {
    definition.params = script.script_params.map((param) => paramEntry(script, param, allocate, notes));
  }
  // Written even when empty, like reviewers: a tag added in the console then shows as drift.
  // The ownership tag is left out: it is not the definition's, and the first apply adds it.
  definition.tags = Object.fromEntries(userTags(script.resource_tags).map((tag) => [tag.key, tag.value]));
  return definition;
}

function warningsFor(script: ScriptDetail): string[] {
  const warnings: string[] = [];
  for (const tag of userTags(script.resource_tags)) {
    const keyRule = explainTagKey(tag.key);
    const valueRule = explainTagValue(tag.value);
    if (keyRule !== undefined)
      warnings.push(`${script.name}: tag key '${tag.key}' ${keyRule}; edit it before validate`);
    if (valueRule !== undefined)
      warnings.push(`${script.name}: value of tag '${tag.key}' ${valueRule}; edit it before validate`);
  }
  if (!/^\d+\.\d+\.\d+$/u.test(script.properties.version)) {
    warnings.push(
      `${script.name}: version "${script.properties.version}" is not N.N.N; edit it before validate`,
    );
  }
  return warnings;
}

/**
 * Whether a one-line string, written plain, would be read as something else by a YAML 1.1 reader
 * (`yes`, `off`, `1_000`, `1:20`, `2025-01-01`, …) — editors, linters and many tools still read
 * YAML 1.1, while the `yaml` library writes 1.2 and quotes only what 1.2 would misread.
 */
function misreadAsYaml11(text: string): boolean {
  if (text.includes('\n')) return false;
  try {
    return parse(text, { version: '1.1' }) !== text;
  } catch {
    return true;
  }
}

/** Double-quotes every string scalar (keys too: tag keys) that a YAML 1.1 reader would misread. */
function quoteAmbiguousScalars(document: Document): void {
  visit(document, {
    // Keys are scalars too (tag keys are the user's), so one visitor covers both.
    Scalar(_key, node) {
      if (typeof node.value === 'string' && misreadAsYaml11(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/** Renders one script; `allocate` hands out env variable names unique across the export. */
export function renderExport(
  script: ScriptDetail,
  allocate: Allocate = createEnvNameAllocator(),
  options: RenderExportOptions = {},
): ExportedScript {
  const stem = fileStem(script.name);
  const contentFile = `${stem}${EXTENSIONS[scriptType(script)]}`;
  const envVariables: EnvVariableNote[] = [];
  const document = new Document(definitionObject(script, contentFile, allocate, envVariables));
  quoteAmbiguousScalars(document);
  const header = `# yaml-language-server: $schema=${options.schemaUrl ?? DEFAULT_SCHEMA_URL}\n`;
  return {
    name: script.name,
    uuid: script.script_uuid,
    yamlFile: `${stem}.yaml`,
    yamlText: header + document.toString({ lineWidth: 0 }),
    contentFile,
    content: script.content,
    envVariables,
    warnings: warningsFor(script),
  };
}

/** Renders scripts in name order with one env-name allocator, so variable names never clash. */
export function renderExports(
  scripts: readonly ScriptDetail[],
  options: RenderExportOptions = {},
): ExportedScript[] {
  const allocate = createEnvNameAllocator();
  return [...scripts]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((script) => renderExport(script, allocate, options));
}
