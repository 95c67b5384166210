/**
 * Whole-request checks: create (AddScriptModel), modify (EditScriptModel), approve and the list
 * query (docs/coc-api.md §4). Each returns the checked input or the first problem's message.
 */
import {
  RISK_LEVELS,
  SCRIPT_TYPES,
  asObject,
  attempt,
  checkName,
  checkParams,
  checkProperties,
  fail,
  oneOf,
  text,
  type CheckedProperties,
  type Checked,
} from './validate.js';
import type { SeedParam, SeedScript } from './types.js';

/** A checked create body. */
export interface CreateInput {
  name: string;
  type: SeedScript['type'];
  description: string;
  content: string;
  properties: CheckedProperties;
  script_params: SeedParam[];
  enterprise_project_id: string;
}

/** A checked modify body; absent parts keep the stored value. */
export interface ModifyInput {
  description: string;
  content: string;
  properties?: CheckedProperties;
  script_params?: SeedParam[];
}

/** A checked list query. */
export interface ListInput {
  limit: number;
  marker?: number;
  name_like?: string;
  creator?: string;
  risk_level?: string;
  type?: string;
  enterprise_project_id?: string;
}

function body(value: unknown): Record<string, unknown> {
  return asObject(value) ?? fail('request body', 'body', 'must be a JSON object');
}

function enterpriseProjectId(value: unknown): string {
  if (value === undefined || value === null) return '0';
  // The schema says string, the examples return the number 0 (docs/coc-api.md §7 row 10).
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return text(value, 'enterpriseProjectId', 'enterprise_project_id', 1, 64);
}

/** POST /v1/job/scripts body. */
export function checkCreate(value: unknown): Checked<CreateInput> {
  return attempt(() => {
    const input = body(value);
    return {
      name: checkName(input['name']),
      type: oneOf(input['type'], 'type', 'type', SCRIPT_TYPES) as SeedScript['type'],
      description: text(input['description'], 'description', 'description', 1, 256),
      content: text(input['content'], 'content', 'content', 1, 4096),
      properties: checkProperties(input['properties']),
      script_params: checkParams(input['script_params']) ?? [],
      enterprise_project_id: enterpriseProjectId(input['enterprise_project_id']),
    };
  });
}

/** PUT /v1/job/scripts/{uuid} body; `name`, `type` and `enterprise_project_id` are ignored. */
export function checkModify(value: unknown): Checked<ModifyInput> {
  return attempt(() => {
    const input = body(value);
    const result: ModifyInput = {
      description: text(input['description'], 'description', 'description', 1, 256),
      content: text(input['content'], 'content', 'content', 1, 4096),
    };
    if (input['properties'] !== undefined && input['properties'] !== null) {
      result.properties = checkProperties(input['properties']);
    }
    const params = checkParams(input['script_params']);
    if (params !== undefined) result.script_params = params;
    return result;
  });
}

/** POST /v1/job/scripts/{uuid}/action body. */
export function checkAction(value: unknown): Checked<{ status: 'APPROVED' | 'REJECTED' }> {
  return attempt(() => {
    const input = body(value);
    const status = oneOf(input['status'], 'status', 'status', ['APPROVED', 'REJECTED']);
    if (input['comments'] !== undefined && input['comments'] !== null) {
      text(input['comments'], 'comments', 'comments', 1, 256);
    }
    return { status: status as 'APPROVED' | 'REJECTED' };
  });
}

function integer(raw: string, label: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) fail(label, label, `must be an integer from ${min} to ${max}`);
  return value;
}

/** GET /v1/job/scripts query; `limit` is required (1–100), `marker` is a numeric id. */
export function checkList(query: Record<string, string>): Checked<ListInput> {
  return attempt(() => {
    const limit = query['limit'];
    const result: ListInput = { limit: integer(limit ?? '', 'limit', 1, 100) };
    if (query['marker'] !== undefined)
      result.marker = integer(query['marker'], 'marker', 0, Number.MAX_SAFE_INTEGER);
    const nameLike = query['name_like'];
    if (nameLike !== undefined) result.name_like = text(nameLike, 'name_like', 'name_like', 1, 32);
    const creator = query['creator'];
    if (creator !== undefined) result.creator = text(creator, 'creator', 'creator', 1, 64);
    const risk = query['risk_level'];
    if (risk !== undefined) result.risk_level = oneOf(risk, 'risk_level', 'risk_level', RISK_LEVELS);
    const type = query['type'];
    if (type !== undefined) result.type = oneOf(type, 'type', 'type', SCRIPT_TYPES);
    const project = query['enterprise_project_id'];
    if (project !== undefined) result.enterprise_project_id = project;
    return result;
  });
}
