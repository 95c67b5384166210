/**
 * Small node:http helpers: body reading and the answer shapes of COC (docs/coc-api.md §2): success
 * envelopes, COC errors and APIGW gateway errors, each with an X-Request-Id header.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer the router turns into a response. */
export interface ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A fresh 32-hex request id, like the gateway's. */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/** Reads the whole request body as raw bytes (signatures are computed over exactly these). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a JSON body; `undefined` for an empty body, an Error for malformed JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return new Error('malformed JSON');
  }
}

/** Writes a JSON answer with the request id header. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Request-Id': requestId,
    ...headers,
  });
  res.end(text);
}

/** Writes an error: APIGW codes also carry `request_id` in the body, COC codes do not. */
export function sendError(res: ServerResponse, error: ErrorAnswer, requestId: string): void {
  const body: Record<string, string> = { error_code: error.code, error_msg: error.message };
  if (error.code.startsWith('APIGW.')) body['request_id'] = requestId;
  sendJson(res, error.status, body, requestId, error.headers);
}

/** A 400 COC validation / state error (COC reports even internal faults as 400). */
export function cocError(code: string, message: string): ErrorAnswer {
  return { status: 400, code, message };
}

/** The query string of a URL as a plain object (last value wins for repeated names). */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
