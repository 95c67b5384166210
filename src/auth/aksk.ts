/**
 * SDK-HMAC-SHA256 request signing (docs/coc-api.md §8.2), pure. Shared with the emulator, which
 * verifies signatures with `computeSignature`, so this file imports nothing but node:crypto and
 * uses only syntax that `node --experimental-strip-types` accepts.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { compareStrings } from '../common/compare.js';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** SHA-256 of the empty body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Headers never signed: the SDKs add them after signing and proxies may rewrite them. */
const UNSIGNED_HEADERS = new Set(['authorization', 'user-agent', 'accept', 'content-length', 'connection']);

/** Everything that goes into the canonical request. */
export interface CanonicalRequestInput {
  readonly method: string;
  /** URL path as received or sent (`/v1/job/scripts`), without query. */
  readonly path: string;
  /** Raw query string as on the wire, with or without the leading `?` (`''` when none). */
  readonly query: string;
  /** Header values by lower-case name; must include `host` and `x-sdk-date`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case names of the signed headers (any order; they are sorted). */
  readonly signedHeaders: readonly string[];
  /** Exact body bytes (empty string or buffer when there is no body). */
  readonly body: Buffer | string;
}

/** Input of computeSignature: the canonical request plus the key and the X-Sdk-Date value. */
export interface SignatureInput extends CanonicalRequestInput {
  readonly secretKey: string;
  /** The `X-Sdk-Date` header value, `YYYYMMDDTHHMMSSZ`. */
  readonly sdkDate: string;
}

/** Input of signRequest. */
export interface SignRequestInput {
  readonly method: string;
  readonly url: string | URL;
  /** Headers that will be sent (any case); Authorization/User-Agent/Accept are not signed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string | undefined;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly date: Date;
}

/** Result of signRequest: headers to send (input + X-Sdk-Date + Authorization; no `host`). */
export interface SignedRequest {
  readonly authorization: string;
  readonly headers: Record<string, string>;
  readonly signedHeaders: readonly string[];
}

/** The three parts of an `Authorization: SDK-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Formats a time as the `X-Sdk-Date` value, e.g. `20251124T093000Z` (UTC). */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Parses an `X-Sdk-Date` value; `undefined` when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return formatSdkDate(date) === value ? date : undefined;
}

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x5f ||
    byte === 0x7e
  );
}

/** Percent-encodes UTF-8 bytes, keeping only `A–Z a–z 0–9 - . _ ~` (upper-case hex, space → %20). */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out += isUnreserved(byte)
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decodes a percent-encoded component; `+` stays a plus (we always send `%20`). */
function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape is signed as received rather than rejected: the signature then fails.
    return value;
  }
}

/** Canonical URI: each decoded segment percent-encoded, then a trailing `/` ensured. */
export function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => percentEncode(decodeComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Canonical query: decoded pairs re-encoded, sorted by name then value, joined with `&`. */
export function canonicalQueryString(query: string): string {
  const raw = query.startsWith('?') ? query.slice(1) : query;
  const pairs = raw
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
      return [name, value] as const;
    });
  pairs.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]));
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

function sortedNames(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.toLowerCase()))].sort(compareStrings);
}

/** Canonical headers: `name:trimmed value\n` per signed header, sorted by lower-case name. */
export function canonicalHeaders(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string {
  return sortedNames(signedHeaders)
    .map((name) => `${name}:${(headers[name] ?? '').trim()}\n`)
    .join('');
}

/** Hex SHA-256 of a string (UTF-8) or buffer. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Payload hash: the `x-sdk-content-sha256` header value if present, else SHA-256 of the body. */
export function payloadHash(body: Buffer | string, headers: Readonly<Record<string, string>>): string {
  const declared = headers['x-sdk-content-sha256'];
  if (declared !== undefined) return declared;
  return body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
}

/** Canonical request (§8.2 step 8); no trailing newline. */
export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQueryString(input.query),
    canonicalHeaders(input.headers, input.signedHeaders),
    sortedNames(input.signedHeaders).join(';'),
    payloadHash(input.body, input.headers),
  ].join('\n');
}

/** String to sign: algorithm, X-Sdk-Date value and hex SHA-256 of the canonical request. */
export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Hex HMAC-SHA256 signature of a request (what the emulator recomputes to verify). */
export function computeSignature(input: SignatureInput): string {
  const toSign = stringToSign(input.sdkDate, canonicalRequest(input));
  return createHmac('sha256', input.secretKey).update(toSign, 'utf8').digest('hex');
}

/** Builds the Authorization header value. */
export function formatAuthorization(
  accessKey: string,
  signedHeaders: readonly string[],
  signature: string,
): string {
  return `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${sortedNames(signedHeaders).join(';')}, Signature=${signature}`;
}

/** Parses an Authorization header of this scheme; `undefined` when it is not one. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-fA-F]+)$/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  return { accessKey: match[1] ?? '', signedHeaders: (match[2] ?? '').split(';'), signature: match[3] ?? '' };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signs a request: adds `X-Sdk-Date`, signs every header present (except Authorization,
 * User-Agent, Accept) plus `host` from the URL, and returns the headers to send.
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const sdkDate = formatSdkDate(input.date);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'x-sdk-date' && lower !== 'authorization' && lower !== 'host') headers[name] = value;
  }
  headers['X-Sdk-Date'] = sdkDate;
  const lowered: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(headers)) {
    if (!UNSIGNED_HEADERS.has(name.toLowerCase())) lowered[name.toLowerCase()] = value;
  }
  const signedHeaders = sortedNames(Object.keys(lowered));
  const signature = computeSignature({
    method: input.method,
    path: url.pathname,
    query: url.search,
    headers: lowered,
    signedHeaders,
    body: input.body ?? '',
    secretKey: input.secretKey,
    sdkDate,
  });
  const authorization = formatAuthorization(input.accessKey, signedHeaders, signature);
  return { authorization, headers: { ...headers, Authorization: authorization }, signedHeaders };
}
