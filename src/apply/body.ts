/**
 * DesiredScript → wire bodies, in one place: the complete state on every write, 1-based
 * `param_order`, never `name`/`type` on modify, `protocol` only when known.
 */
import type {
  CreateScriptBody,
  ModifyScriptBody,
  UpdateTagsBody,
  WireParam,
  WireProperties,
} from '../coc/api.js';
import type { DefinitionParam, DesiredScript, Tag } from '../model.js';

/** Body of a modify (PUT). */
export function toModifyBody(desired: DesiredScript): ModifyScriptBody {
  return {
    description: desired.description,
    // The file's own bytes: CRLF is kept, because that is what the user wrote.
    content: desired.content,
    properties: toProperties(desired),
    script_params: desired.params.map(toWireParam),
  };
}

/** COC's default enterprise project, where a create goes when none is configured. */
export const DEFAULT_ENTERPRISE_PROJECT = '0';

/** Body of a create (POST). */
export function toCreateBody(
  desired: DesiredScript,
  enterpriseProjectId: string | undefined,
): CreateScriptBody {
  return {
    name: desired.name,
    type: desired.type,
    ...toModifyBody(desired),
    enterprise_project_id: enterpriseProjectId ?? DEFAULT_ENTERPRISE_PROJECT,
  };
}

function toProperties(desired: DesiredScript): WireProperties {
  return {
    risk_level: desired.riskLevel,
    version: desired.version,
    // The full list every time: reviewers must be re-selected on each modify, `[]` clears them.
    reviewers: desired.reviewers.map((r) => ({ reviewer_name: r.name, reviewer_id: r.id })),
    ...(desired.protocol === undefined ? {} : { protocol: desired.protocol }),
  };
}

function toWireParam(param: DefinitionParam, index: number): WireParam {
  const value = param.value.value;
  // findMissingEnvValues() stops the run before any write; reaching this is a bug, and sending
  // an empty or masked value instead would silently overwrite a secret.
  if (value === undefined) {
    throw new Error(`parameter \`${param.name}\` has no value: \`${describeSource(param)}\` is not set`);
  }
  return {
    param_name: param.name,
    param_value: value,
    param_description: param.description,
    param_order: index + 1,
    sensitive: param.sensitive,
  };
}

function describeSource(param: DefinitionParam): string {
  return param.value.source === 'env' ? param.value.variable : param.name;
}

/** Body of a tags update: the complete set (it replaces the script's tags; `[]` removes them). */
export function toTagsBody(tags: readonly Tag[]): UpdateTagsBody {
  return { tags: tags.map((tag) => ({ key: tag.key, value: tag.value })) };
}
