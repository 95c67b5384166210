/**
 * One definition file -> its Definition (when valid), every diagnostic with file:line:column,
 * and its identity keys for the cross-file rules.
 */
import type { Diagnostic, SourceLocation } from '../errors.js';
import { sortTags } from '../common/tags.js';
import { ownCopy } from '../common/text.js';
import type { ContentOrigin, Definition, DefinitionParam, PresentDefinition, Tag } from '../model.js';
import type { ContentRoot } from './content.js';
import { readContentFile } from './content.js';
import { readDefinitionText } from './discover.js';
import type { FieldIssue } from './issues.js';
import { contentFileOrigin, inlineContentOrigin } from './origin.js';
import { formatPath } from './issues.js';
import type { ParsedYaml, PathSegment } from './parse.js';
import { parseYaml } from './parse.js';
import type { FileIdentity, LocatedValue } from './rules.js';
import { envValueIssues } from './rules.js';
import type { ParamData, PresentData } from './schema.js';
import { validateDefinitionData } from './validate.js';

/** What one file contributes to the load result. */
export interface FileOutcome {
  readonly definition?: Definition;
  readonly diagnostics: readonly Diagnostic[];
  readonly identity: FileIdentity;
}

/** Everything a file needs from its surroundings. */
export interface FileContext {
  readonly root: ContentRoot;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file's path relative to the working directory, with `/`. */
  readonly display: string;
  /** Tags the action adds itself (the ownership tag), counted towards the limit per script. */
  readonly reservedTags: number;
}

/** Loads one definition file. Never throws for anything found in the file. */
export async function loadDefinitionFile(path: string, context: FileContext): Promise<FileOutcome> {
  const file = context.display;
  const read = readDefinitionText(path);
  if (!read.ok) return { diagnostics: [errorAt(file, 1, 1, read.message)], identity: { file } };
  const parsed = parseYaml(read.text);
  if (parsed.problems.length > 0) {
    const diagnostics = parsed.problems.map((problem) =>
      errorAt(file, problem.position.line, problem.position.column, problem.message),
    );
    return { diagnostics, identity: { file } };
  }
  const identity = identityOf(parsed, file);
  const validation = validateDefinitionData(parsed.data, parsed.sourceOf, {
    reservedTags: context.reservedTags,
  });
  const located = (issue: FieldIssue): Diagnostic => locate(parsed, file, issue);
  const found = validation.definition;
  if (found === undefined) return { diagnostics: validation.issues.map(located), identity };
  // A valid definition has a name, so identityOf already located it.
  const location = identity.name?.location ?? locationOf(parsed, file, ['name']);
  const base = {
    file,
    location,
    name: ownCopy(found.data.name),
    ...(found.data.uuid ? { uuid: found.data.uuid } : {}),
  };
  if (found.state === 'absent')
    return { definition: { ...base, state: 'absent' }, diagnostics: [], identity };
  const issues = envValueIssues(found.data, context.env);
  const content = await contentOf(found.data, path, context);
  if (!content.ok) issues.push(content.issue);
  if (!content.ok || issues.length > 0) return { diagnostics: issues.map(located), identity };
  const origin =
    found.data.content_file === undefined
      ? inlineContentOrigin(parsed, file, content.content)
      : contentFileOrigin(file, found.data.content_file);
  const definition = presentDefinition(base, found.data, content.content, origin, context.env, (index, key) =>
    locationOf(parsed, file, ['params', index, key]),
  );
  return { definition, diagnostics: [], identity };
}

type ContentOutcome =
  { readonly ok: true; readonly content: string } | { readonly ok: false; readonly issue: FieldIssue };

async function contentOf(data: PresentData, path: string, context: FileContext): Promise<ContentOutcome> {
  if (data.content !== undefined) return { ok: true, content: data.content };
  const contentFile = data.content_file ?? '';
  const read = await readContentFile(context.root, path, contentFile);
  if (read.ok) return read;
  const message = `content_file '${contentFile}' ${read.rule}`;
  return { ok: false, issue: { path: ['content_file'], message, target: 'value' } };
}

function presentDefinition(
  base: Pick<PresentDefinition, 'file' | 'location' | 'name' | 'uuid'>,
  data: PresentData,
  content: string,
  contentOrigin: ContentOrigin,
  env: Readonly<Record<string, string | undefined>>,
  paramLocation: (index: number, key: 'value' | 'value_from_env') => SourceLocation,
): PresentDefinition {
  return {
    ...base,
    state: 'present',
    type: data.type,
    description: ownCopy(data.description),
    content,
    ...(data.content_file === undefined ? {} : { contentFile: data.content_file }),
    contentOrigin,
    riskLevel: data.risk_level,
    version: ownCopy(data.version),
    ...(data.reviewers === undefined
      ? {}
      : { reviewers: data.reviewers.map((reviewer) => ({ name: reviewer.name, id: reviewer.id })) }),
    ...(data.protocol === undefined ? {} : { protocol: data.protocol }),
    params: (data.params ?? []).map((param, index) =>
      paramOf(
        param,
        env,
        paramLocation(index, param.value_from_env === undefined ? 'value' : 'value_from_env'),
      ),
    ),
    ...(data.tags === undefined ? {} : { tags: tagsOf(data.tags) }),
  };
}

function tagsOf(tags: Readonly<Record<string, string>>): Tag[] {
  return sortTags(Object.entries(tags).map(([key, value]) => ({ key: ownCopy(key), value: ownCopy(value) })));
}

function paramOf(
  param: ParamData,
  env: Readonly<Record<string, string | undefined>>,
  location: SourceLocation,
): DefinitionParam {
  const variable = param.value_from_env;
  // A secret missing on a runner (fork pull requests) arrives as an empty string: treat it as unset.
  const fromEnv = variable === undefined ? undefined : env[variable] || undefined;
  return {
    name: ownCopy(param.name),
    value:
      variable === undefined
        ? { source: 'literal', value: ownCopy(param.value ?? '') }
        : { source: 'env', variable, value: fromEnv },
    description: ownCopy(param.description ?? ''),
    sensitive: param.sensitive ?? false,
    location,
  };
}

function identityOf(parsed: ParsedYaml, file: string): FileIdentity {
  const data = parsed.data;
  const record =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  const located = (key: 'name' | 'uuid'): LocatedValue | undefined => {
    const value = record[key];
    return typeof value === 'string' && value !== ''
      ? { value, location: locationOf(parsed, file, [key]) }
      : undefined;
  };
  const name = located('name');
  const uuid = located('uuid');
  return { file, ...(name ? { name } : {}), ...(uuid ? { uuid } : {}) };
}

function locationOf(parsed: ParsedYaml, file: string, path: readonly PathSegment[]): SourceLocation {
  const { line, column } = parsed.locate(path, 'value');
  return { file, line, column, field: formatPath(path) };
}

function locate(parsed: ParsedYaml, file: string, issue: FieldIssue): Diagnostic {
  const { line, column } = parsed.locate(issue.path, issue.target);
  const field = formatPath(issue.path);
  return {
    severity: 'error',
    message: issue.message,
    location: { file, line, column, ...(field ? { field } : {}) },
  };
}

function errorAt(file: string, line: number, column: number, message: string): Diagnostic {
  return { severity: 'error', message, location: { file, line, column } };
}
