/**
 * zod schemas of the COC response bodies (docs/coc-api.md §2, §4). Null-tolerant, absent-tolerant;
 * unknown fields are dropped (zod objects strip them).
 */
import { z } from 'zod';
import type { RemoteScriptSummary } from '../model.js';
import { sortTags } from '../common/tags.js';
import type { ScriptDetail, WireParam, WireReviewer, WireTag } from './api.js';

const text = z.string().nullish();
/** `enterprise_project_id` is documented as a string but examples return the number 0. */
const epId = z.union([z.string(), z.number()]).nullish();
const numericId = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const reviewerSchema = z.object({ reviewer_name: text, reviewer_id: text });

const propertiesSchema = z
  .object({
    risk_level: text,
    version: text,
    reviewers: z.array(reviewerSchema).nullish(),
    protocol: text,
  })
  .nullish();

const paramSchema = z.object({
  param_name: z.string(),
  param_value: text,
  param_description: text,
  param_order: z.number().nullish(),
  sensitive: z.boolean().nullish(),
});

/**
 * `resource_tags` (docs/coc-api.md §4.7): may be absent, null or []. Parsed strictly otherwise: tags
 * decide ownership, so an unreadable tag list fails the read instead of passing for "no tags".
 */
const resourceTagsSchema = z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish();

const summarySchema = z.object({
  id: numericId,
  script_uuid: z.string(),
  name: z.string(),
  type: text,
  status: text,
  enterprise_project_id: epId,
  properties: propertiesSchema,
  resource_tags: resourceTagsSchema,
});

/**
 * GET /v1/job/scripts. `data` is required: a 2xx without it (a gateway error body under a success
 * status) is no empty account. Inside it, `data.data` may be missing or null on an empty page.
 */
export const listResponseSchema = z.object({
  data: z.object({ total: z.number().nullish(), data: z.array(summarySchema).nullish() }),
});

/** GET /v1/job/scripts/{uuid} */
export const detailResponseSchema = z.object({
  data: z.object({
    script_uuid: z.string(),
    name: z.string(),
    type: text,
    description: text,
    content: text,
    status: text,
    enterprise_project_id: epId,
    properties: propertiesSchema,
    script_params: z.array(paramSchema).nullish(),
    resource_tags: resourceTagsSchema,
    gmt_created: z.number().nullish(),
    gmt_modified: z.number().nullish(),
    operator: text,
  }),
});

/**
 * POST (create): `{"data": "<uuid>"}`, the only write whose answer the client needs. Modify,
 * delete and approve accept any 2xx body (request.ts acceptAnyBody).
 */
export const uuidResponseSchema = z.object({ data: z.string().min(1) });

/** Error bodies of COC and of the API gateway, plus IAM's `{"error": {code, message}}`. */
export const errorBodySchema = z.object({
  error_code: z.string().nullish(),
  error_msg: z.string().nullish(),
  request_id: z.string().nullish(),
  error: z
    .object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() })
    .nullish()
    .catch(undefined),
});

type Reviewer = z.infer<typeof reviewerSchema>;
type Param = z.infer<typeof paramSchema>;

function toReviewers(reviewers: readonly Reviewer[] | null | undefined): WireReviewer[] {
  return (reviewers ?? []).map((r) => ({
    reviewer_name: r.reviewer_name ?? '',
    reviewer_id: r.reviewer_id ?? '',
  }));
}

function toParam(param: Param, index: number): WireParam {
  return {
    param_name: param.param_name,
    param_value: param.param_value ?? '',
    param_description: param.param_description ?? '',
    param_order: param.param_order ?? index + 1,
    sensitive: param.sensitive ?? false,
  };
}

/** Parsed `resource_tags` → tags in key order, a null value read as ''. */
export function toTags(tags: z.infer<typeof resourceTagsSchema>): WireTag[] {
  return sortTags((tags ?? []).map((tag) => ({ key: tag.key, value: tag.value ?? '' })));
}

/** Parsed list item → RemoteScriptSummary. */
export function toSummary(item: z.infer<typeof summarySchema>): RemoteScriptSummary {
  return {
    id: item.id,
    uuid: item.script_uuid,
    name: item.name,
    type: item.type ?? '',
    status: item.status ?? '',
    tags: toTags(item.resource_tags),
  };
}

/** Parsed detail → ScriptDetail (nulls resolved to empty values). */
export function toDetail(data: z.infer<typeof detailResponseSchema>['data']): ScriptDetail {
  return {
    script_uuid: data.script_uuid,
    name: data.name,
    type: data.type ?? '',
    description: data.description ?? '',
    content: data.content ?? '',
    status: data.status ?? '',
    properties: {
      risk_level: data.properties?.risk_level ?? '',
      version: data.properties?.version ?? '',
      reviewers: toReviewers(data.properties?.reviewers),
      protocol: data.properties?.protocol ?? undefined,
    },
    script_params: (data.script_params ?? []).map(toParam),
    resource_tags: toTags(data.resource_tags),
  };
}
