/**
 * One HTTP attempt over a keep-alive undici Agent, with a per-attempt timeout and redacted debug
 * traces. Failures are returned as values, never thrown, so the retry loop can classify them.
 */
import { Agent, request } from 'undici';
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
  | { readonly kind: 'timeout' }
  /** Abandoned because the run stopped (coc/stop.ts): not a failure of this request. */
  | { readonly kind: 'aborted' }
  | {
      readonly kind: 'network';
      /** False only when the connection was never established (nothing can have been applied). */
      readonly sent: boolean;
      readonly message: string;
      readonly cause: unknown;
    };

/** Sends single attempts; one Agent (connection pool) per transport. */
export interface HttpTransport {
  /** One attempt; `stop` abandons it (answer `aborted`) when the run stops. */
  send(request: HttpRequest, timeoutMs: number, stop?: AbortSignal): Promise<HttpAttempt>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** Sockets per origin; the client's limiter keeps attempts at or below it. */
  readonly connections: number;
  readonly logger: Logger;
}

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
    const what = outcome.kind === 'network' ? `network error: ${outcome.message}` : outcome.kind;
    logger.debug(`HTTP ← ${req.method} ${req.url.pathname} ${what} (${took})`);
    return;
  }
  logger.debug(
    `HTTP ← ${outcome.status} ${req.method} ${req.url.pathname} (${took}) headers=${JSON.stringify(redactHeaders(outcome.headers))} body=${redactBody(outcome.body)}`,
  );
}

async function attemptOnce(
  agent: Agent,
  req: HttpRequest,
  timeoutMs: number,
  stop: AbortSignal | undefined,
): Promise<HttpAttempt> {
  if (stop?.aborted) return { kind: 'aborted' };
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
    const body = await response.body.text();
    return { kind: 'response', status: response.statusCode, headers: flattenHeaders(response.headers), body };
  } catch (error) {
    if (stop?.aborted) return { kind: 'aborted' };
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
  return {
    async send(req, timeoutMs, stop) {
      const started = Date.now();
      traceRequest(options.logger, req);
      const outcome = await attemptOnce(agent, req, timeoutMs, stop);
      traceOutcome(options.logger, req, outcome, started);
      return outcome;
    },
    close: () => agent.close(),
  };
}
