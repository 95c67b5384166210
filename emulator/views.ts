/**
 * Wire views of stored scripts (docs/coc-api.md §4.1, §4.3): list items without content,
 * description or params; details with sensitive values masked as 17 asterisks.
 */
import type { ScriptRecord } from './types.js';

/** The mask GET returns for every sensitive parameter value (docs/coc-api.md §5.1). */
export const MASK = '*****************';

/** How the view renders optional parts. */
export interface ViewOptions {
  /** Leave `properties.protocol` out, like the real GET sometimes does. */
  readonly omitProtocol: boolean;
}

function propertiesView(record: ScriptRecord, options: ViewOptions): Record<string, unknown> {
  const { risk_level, version, reviewers, protocol } = record.properties;
  const view: Record<string, unknown> = { risk_level, version, reviewers: reviewers ?? [] };
  if (!options.omitProtocol) view['protocol'] = protocol ?? null;
  return view;
}

/** One element of `data.data` in the list answer. */
export function listItemView(record: ScriptRecord, options: ViewOptions): Record<string, unknown> {
  return {
    id: record.id,
    script_uuid: record.script_uuid,
    name: record.name,
    type: record.type,
    status: record.status,
    enterprise_project_id: record.enterprise_project_id,
    creator: record.creator,
    creator_id: record.creator_id,
    operator: record.operator,
    gmt_created: record.gmt_created,
    gmt_modified: record.gmt_modified,
    properties: propertiesView(record, options),
    resource_tags: tagsView(record),
  };
}

/** `resource_tags` of list items and details: `[{key, value}]`, `[]` when there are none. */
function tagsView(record: ScriptRecord): { key: string; value: string }[] {
  return record.resource_tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

/** `data` of GET /v1/job/scripts/{uuid}. */
export function detailView(record: ScriptRecord, options: ViewOptions): Record<string, unknown> {
  return {
    script_uuid: record.script_uuid,
    name: record.name,
    version: record.properties.version,
    description: record.description,
    type: record.type,
    content: record.content,
    script_params: record.script_params.map((param) => ({
      ...param,
      param_value: param.sensitive ? MASK : param.param_value,
    })),
    status: record.status,
    gmt_created: record.gmt_created,
    gmt_modified: record.gmt_modified,
    creator: record.creator,
    creator_id: record.creator_id,
    operator: record.operator,
    enterprise_project_id: record.enterprise_project_id,
    properties: propertiesView(record, options),
    resource_tags: tagsView(record),
  };
}
