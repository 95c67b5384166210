/**
 * Wire shape → RemoteScript: nulls resolved, masked sensitive values flagged, write-only fields
 * marked `undefined`. Content is kept byte for byte (CRLF included); comparison rules live in diff/.
 */
import type { ScriptDetail, WireParam, WireReviewer } from '../coc/api.js';
import { SENSITIVE_MASK, type RemoteParam, type RemoteScript, type Reviewer } from '../model.js';

/** Converts a GET detail into the engine's RemoteScript. */
export function normalizeScript(detail: ScriptDetail): RemoteScript {
  // Nulls and absent fields were already resolved when the client parsed the response.
  const { properties } = detail;
  return {
    uuid: detail.script_uuid,
    name: detail.name,
    type: detail.type,
    description: detail.description,
    content: detail.content,
    status: detail.status,
    riskLevel: properties.risk_level,
    version: properties.version,
    reviewers: properties.reviewers.map(normalizeReviewer),
    protocol: normalizeProtocol(properties.protocol),
    // Array order is the order the server keeps; `param_order` is deprecated and ignored by it.
    params: detail.script_params.map(normalizeParam),
    // Already in key order (the client sorted them when it parsed the answer).
    tags: detail.resource_tags,
  };
}

function normalizeReviewer(reviewer: WireReviewer): Reviewer {
  return { name: reviewer.reviewer_name, id: reviewer.reviewer_id };
}

/** An empty or null protocol is as good as absent: GET did not tell us, so it is write-only. */
function normalizeProtocol(protocol: string | null | undefined): string | undefined {
  return protocol === null || protocol === undefined || protocol === '' ? undefined : protocol;
}

/** A sensitive param whose value is exactly the 17-asterisk mask cannot be compared. */
export function normalizeParam(param: WireParam): RemoteParam {
  const sensitive = param.sensitive === true;
  const value = param.param_value ?? '';
  return {
    name: param.param_name,
    value,
    masked: sensitive && value === SENSITIVE_MASK,
    description: param.param_description ?? '',
    sensitive,
  };
}
