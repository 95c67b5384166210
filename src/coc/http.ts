/**
 * One HTTP attempt over a keep-alive undici Agent, with a per-attempt timeout and redacted debug
 * traces. Failures are returned as values, never thrown, so the retry loop can classify them.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { Logger } from '../log.js';
import { errorMessage } from '../errors.js';
import { redactBody, redactHeaders } from './trace.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  /** Complete headers (already signed). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export type HttpAttempt =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** Lower-case names; repeated headers joined with `, `. */
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  /**
   * An answer above MAX_RESPONSE_BYTES: its status came, its body was cut off at the cap (never
   * read whole) and the connection closed.
   */
  | {
      readonly kind: 'too-large';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly limitBytes: number;
    }
  | { readonly kind: 'timeout' }
  /**
   * Abandoned because the run stopped (coc/stop.ts) or was cancelled (common/cancel.ts): not a
   * failure of this request. `inFlight`: it had been sent (a write may have been applied).
   */
  | { readonly kind: 'aborted'; readonly inFlight: boolean }
  | {
      readonly kind: 'network';
      /** False only when the connection was never established (nothing can have been applied). */
      readonly sent: boolean;
      readonly message: string;
      readonly cause: unknown;
    };

/** Sends single attempts; one Agent (connection pool) per transport. */
export interface HttpTransport {
  /** One attempt; `stop` abandons it (answer `aborted`) when the run stops or is cancelled. */
  send(request: HttpRequest, timeoutMs: number, stop?: AbortSignal): Promise<HttpAttempt>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** Sockets per origin; the client's limiter keeps attempts at or below it. */
  readonly connections: number;
  readonly logger: Logger;
  /** Largest answer body read; MAX_RESPONSE_BYTES unless given. */
  readonly maxResponseBytes?: number;
}

/**
 * The largest answer body read. COC's largest honest answer, a list page of 100 scripts or a
 * script of 4,096 characters, is far below it; a bigger body is a broken or hostile server, and
 * reading it whole once took gigabytes.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Error codes that prove the request never left this machine. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function traceRequest(logger: Logger, req: HttpRequest): void {
  if (!logger.isDebug()) return;
  logger.debug(
    `HTTP → ${req.method} ${req.url.href} headers=${JSON.stringify(redactHeaders(req.headers))} body=${redactBody(req.body)}`,
  );
}

function traceOutcome(logger: Logger, req: HttpRequest, outcome: HttpAttempt, startedMs: number): void {
  if (!logger.isDebug()) return;
  const took = `${Date.now() - startedMs} ms`;
  if (outcome.kind !== 'response') {
    const what =
      outcome.kind === 'network'
        ? `network error: ${outcome.message}`
        : outcome.kind === 'too-large'
          ? `${outcome.status}, body above ${outcome.limitBytes} bytes (cut off)`
          : outcome.kind;
    logger.debug(`HTTP ← ${req.method} ${req.url.pathname} ${what} (${took})`);
    return;
  }
  logger.debug(
    `HTTP ← ${outcome.status} ${req.method} ${req.url.pathname} (${took}) headers=${JSON.stringify(redactHeaders(outcome.headers))} body=${redactBody(outcome.body)}`,
  );
}

/**
 * The body as text, or undefined once it passes `limit` bytes: then the stream is destroyed (the
 * connection with it) instead of being read on. Content-Length above the limit ends it unread.
 */
async function readCapped(response: Dispatcher.ResponseData, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discard(response.body);
    return undefined;
  }
  // A declared length within the limit is all the body can hold (undici enforces the framing):
  // read it in one go, without the per-chunk promises of the loop below.
  if (Number.isFinite(declared)) return response.body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const piece = chunk as Buffer;
    size += piece.length;
    if (size > limit) {
      discard(response.body);
      return undefined;
    }
    chunks.push(piece);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Closes a body unread; undici reports that as an 'aborted' error, which is expected here. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

async function attemptOnce(
  agent: Agent,
  req: HttpRequest,
  timeoutMs: number,
  stop: AbortSignal | undefined,
  limit: number,
): Promise<HttpAttempt> {
  if (stop?.aborted) return { kind: 'aborted', inFlight: false };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const abandon = (): void => controller.abort();
  stop?.addEventListener('abort', abandon, { once: true });
  try {
    const response = await request(req.url, {
      dispatcher: agent,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: controller.signal,
    });
    const body = await readCapped(response, limit);
    const headers = flattenHeaders(response.headers);
    if (body === undefined)
      return { kind: 'too-large', status: response.statusCode, headers, limitBytes: limit };
    return { kind: 'response', status: response.statusCode, headers, body };
  } catch (error) {
    if (stop?.aborted) return { kind: 'aborted', inFlight: true };
    if (timedOut) return { kind: 'timeout' };
    const codes = errorCodes(error);
    const message = codes[0] ? `${codes[0]}: ${errorMessage(error)}` : errorMessage(error);
    return { kind: 'network', sent: !codes.some((code) => NOT_SENT_CODES.has(code)), message, cause: error };
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener('abort', abandon);
  }
}

/** Creates a transport with one keep-alive Agent; `close()` ends its sockets. */
export function createTransport(options: TransportOptions): HttpTransport {
  const agent = new Agent({ connections: Math.max(1, options.connections), keepAliveTimeout: 4_000 });
  const limit = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return {
    async send(req, timeoutMs, stop) {
      const started = Date.now();
      traceRequest(options.logger, req);
      const outcome = await attemptOnce(agent, req, timeoutMs, stop, limit);
      traceOutcome(options.logger, req, outcome, started);
      return outcome;
    },
    close: () => agent.close(),
  };
}
