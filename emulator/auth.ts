/**
 * Gateway authentication of COC routes (docs/coc-api.md §8): an accepted X-Auth-Token, or an
 * SDK-HMAC-SHA256 signature rebuilt from the bytes actually received. The canonical-request
 * primitive is the one shared piece (src/auth/aksk.ts, pinned by the published vectors); the
 * parsing, header selection, window and credential rules here are the emulator's own.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { computeSignature } from '../src/auth/aksk.js';
import type { ErrorAnswer } from './http.js';
import type { TokenRegistry } from './tokens.js';
import type { EmulatorCredential } from './types.js';
import { DEFAULT_CREATOR } from './defaults.js';

/** What the gateway saw of a request. */
export interface ReceivedRequest {
  readonly method: string;
  /** Raw wire path without the query. */
  readonly path: string;
  /** Raw wire query string without `?`. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Who may call. */
export interface AuthSettings {
  readonly tokens: TokenRegistry;
  readonly credentials: readonly EmulatorCredential[];
  readonly now: () => number;
}

/** The outcome: the caller's identity or the 401 to send. */
export type AuthResult =
  | { readonly ok: true; readonly method: 'token' | 'aksk'; readonly user: string }
  | { readonly ok: false; readonly method?: 'token' | 'aksk'; readonly error: ErrorAnswer };

/** Signature window of the gateway (APIGW.0303 beyond it). */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function denied(message: string, method?: 'token' | 'aksk'): AuthResult {
  const error = {
    status: 401,
    code: 'APIGW.0301',
    message: `Incorrect IAM authentication information: ${message}`,
  };
  return method === undefined ? { ok: false, error } : { ok: false, method, error };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `X-Sdk-Date` as epoch ms; `undefined` when malformed. */
export function parseSdkDateMs(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, ...number[]];
  const ms = Date.UTC(year, (month ?? 1) - 1, day, hour, minute, second);
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z' === value ? ms : undefined;
}

function hexEqual(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed header values, or the name of the first one missing. */
function signedValues(
  request: ReceivedRequest,
  signedHeaders: readonly string[],
): Record<string, string> | string {
  const values: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return name;
    values[name] = value;
  }
  return values;
}

/** Date window and temporary-credential rules; `undefined` when they pass. */
function checkContext(
  values: Record<string, string>,
  credential: EmulatorCredential,
  now: number,
): AuthResult | undefined {
  const at = parseSdkDateMs(values['x-sdk-date'] ?? '');
  if (at === undefined) return denied('x-sdk-date is malformed', 'aksk');
  if (Math.abs(now - at) > SIGNATURE_WINDOW_MS) {
    const message = 'Incorrect app authentication information: the x-sdk-date expired';
    return { ok: false, method: 'aksk', error: { status: 401, code: 'APIGW.0303', message } };
  }
  if (credential.securityToken !== undefined && values['x-security-token'] !== credential.securityToken) {
    return denied('temporary credentials need a signed, matching X-Security-Token', 'aksk');
  }
  return undefined;
}

function verifySignature(
  request: ReceivedRequest,
  authorization: string,
  settings: AuthSettings,
): AuthResult {
  const parts = AUTHORIZATION.exec(authorization.trim());
  if (!parts) return denied('malformed Authorization header', 'aksk');
  const [, accessKey = '', signedList = '', signature = ''] = parts;
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-sdk-date')) {
    return denied('host and x-sdk-date must be signed', 'aksk');
  }
  const values = signedValues(request, signedHeaders);
  if (typeof values === 'string') return denied(`signed header ${values} is missing`, 'aksk');
  const credential = settings.credentials.find((c) => c.accessKey === accessKey);
  if (credential === undefined) return denied('unknown access key', 'aksk');
  const problem = checkContext(values, credential, settings.now());
  if (problem) return problem;
  const { method, path, query, body } = request;
  const sdkDate = values['x-sdk-date'] ?? '';
  const expected = computeSignature({
    method,
    path,
    query,
    headers: values,
    signedHeaders,
    body,
    secretKey: credential.secretKey,
    sdkDate,
  });
  return hexEqual(expected, signature)
    ? { ok: true, method: 'aksk', user: DEFAULT_CREATOR }
    : denied('verify aksk signature fail', 'aksk');
}

/** Authenticates a COC request: X-Auth-Token first, else an AK/SK signature, else 401. */
export function authenticate(request: ReceivedRequest, settings: AuthSettings): AuthResult {
  const token = header(request.headers, 'x-auth-token');
  if (token !== undefined) {
    const identity = settings.tokens.check(token);
    return identity
      ? { ok: true, method: 'token', user: identity.user }
      : denied('token is invalid or expired', 'token');
  }
  const authorization = header(request.headers, 'authorization');
  if (authorization !== undefined) return verifySignature(request, authorization, settings);
  return denied('no X-Auth-Token or Authorization header');
}
