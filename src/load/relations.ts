/**
 * Rules that span several keys of one definition: exactly one of `content` / `content_file`,
 * exactly one of `value` / `value_from_env`, unique parameter names. They run on the raw data so they are reported even when other fields failed
 * (zod skips object refinements after a field error).
 */
import { MAX_TAGS, OWNERSHIP_TAG_KEY } from '../common/tags.js';
import type { FieldIssue } from './issues.js';

type Raw = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What the rules need to know about the run. */
export interface RelationOptions {
  /** 1 when the action writes the ownership tag (`ownership: tag`): it counts towards the limit. */
  readonly reservedTags: number;
}

/** Every cross-key problem of one definition. `absent` tombstones need no content. */
export function relationIssues(data: Raw, absent: boolean, options: RelationOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const hasContent = data['content'] !== undefined;
  const hasContentFile = data['content_file'] !== undefined;
  if (hasContent && hasContentFile) {
    issues.push({
      path: ['content_file'],
      message: 'content_file cannot be used together with content; keep only one of them',
      target: 'key',
    });
  } else if (!absent && !hasContent && !hasContentFile) {
    issues.push({
      path: ['content'],
      message: 'content is required: give the script inline (content: |) or as a file (content_file: …)',
      target: 'value',
    });
  }
  const params = data['params'];
  if (Array.isArray(params)) issues.push(...paramIssues(params));
  const tags = data['tags'];
  if (isRecord(tags)) issues.push(...tagCountIssues(Object.keys(tags).length, options.reservedTags));
  return issues;
}

/** At most 20 tags per script, the ownership tag included (it is written by the action). */
function tagCountIssues(count: number, reserved: number): FieldIssue[] {
  const allowed = MAX_TAGS - reserved;
  if (count <= allowed) return [];
  const why =
    reserved > 0
      ? ` (COC allows ${MAX_TAGS} per script and the ownership tag ${OWNERSHIP_TAG_KEY} takes one; ownership: name frees it)`
      : '';
  return [
    {
      path: ['tags'],
      message: `tags has ${count} entries; at most ${allowed} are allowed${why}`,
      target: 'value',
    },
  ];
}

function paramIssues(params: readonly unknown[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndexOfName = new Map<string, number>();
  params.forEach((param, index) => {
    if (!isRecord(param)) return;
    issues.push(...valueSourceIssues(param, index));
    const name = param['name'];
    if (typeof name !== 'string') return;
    const first = firstIndexOfName.get(name);
    if (first === undefined) {
      firstIndexOfName.set(name, index);
      return;
    }
    issues.push({
      path: ['params', index, 'name'],
      message: `params[${index}].name '${name}' is already used by params[${first}]; parameter names must be unique`,
      target: 'value',
    });
  });
  return issues;
}

function valueSourceIssues(param: Raw, index: number): FieldIssue[] {
  const hasValue = param['value'] !== undefined;
  const hasEnv = param['value_from_env'] !== undefined;
  if (hasValue && hasEnv) {
    return [
      {
        path: ['params', index, 'value_from_env'],
        message: `params[${index}] has both value and value_from_env; keep only one of them`,
        target: 'key',
      },
    ];
  }
  if (!hasValue && !hasEnv) {
    return [
      { path: ['params', index], message: `params[${index}] needs value or value_from_env`, target: 'value' },
    ];
  }
  const variable = param['value_from_env'];
  if (typeof variable === 'string' && isCredentialVariable(variable)) {
    return [
      {
        path: ['params', index, 'value_from_env'],
        message: `params[${index}].value_from_env may not name ${variable}: it holds a credential of the runner or of this action (${CREDENTIAL_VARIABLES_TEXT}), which must never be copied into a COC parameter`,
        target: 'value',
      },
    ];
  }
  return [];
}

/** Variables `value_from_env` may not read: the action's, the SDK's and the runner's credentials. */
const CREDENTIAL_PREFIXES = ['HUAWEICLOUD_SDK_', 'COC_SCRIPT_SYNC_', 'ACTIONS_'];
const CREDENTIAL_NAMES = ['GITHUB_TOKEN'];
const CREDENTIAL_VARIABLES_TEXT = 'HUAWEICLOUD_SDK_*, COC_SCRIPT_SYNC_*, GITHUB_TOKEN, ACTIONS_*';

/** Whether a variable name is one of the credential variables (case-insensitive, like Windows). */
export function isCredentialVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return CREDENTIAL_NAMES.includes(upper) || CREDENTIAL_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
