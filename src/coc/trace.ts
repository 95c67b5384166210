/** Redaction for HTTP debug traces: no credential header and no sensitive value is ever logged. */
import { REDACTED } from '../common/scrub.js';

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token']);
/** Body keys whose whole value is secret (IAM password and OIDC exchanges, temporary keys). */
const SECRET_KEYS = new Set([
  'password',
  'id_token',
  'secret',
  'securitytoken',
  'access_token',
  'token_value',
]);
const MAX_TRACE_BODY = 4000;

/** Copies headers with every credential header value replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const sensitiveParam = record['sensitive'] === true && 'param_value' in record;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    // `password` is also the name of the IAM method object: redact values, walk into objects.
    const secretKey = SECRET_KEYS.has(key.toLowerCase()) && (typeof inner !== 'object' || key === 'id_token');
    if (secretKey || (sensitiveParam && key === 'param_value')) out[key] = REDACTED;
    else out[key] = redactValue(inner);
  }
  return out;
}

/**
 * A body as it may appear in a trace: JSON with sensitive parameter values and secret keys
 * replaced, cut to a few KB; a non-JSON body only by its size.
 */
export function redactBody(body: string | undefined): string {
  if (body === undefined || body.length === 0) return '(no body)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `(${Buffer.byteLength(body, 'utf8')} bytes, not JSON)`;
  }
  const text = JSON.stringify(redactValue(parsed));
  return text.length > MAX_TRACE_BODY ? `${text.slice(0, MAX_TRACE_BODY)}… (truncated)` : text;
}
