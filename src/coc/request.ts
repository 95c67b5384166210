/**
 * The request loop shared by the COC client and the IAM exchanges: build and sign each attempt,
 * hold a concurrency slot only while it is in flight, retry per coc/retry.ts, and turn the final
 * failure into a CocApiError.
 */
import type { z } from 'zod';
import type { RequestSigner } from '../auth/signer.js';
import { percentEncode } from '../auth/aksk.js';
import type { Logger } from '../log.js';
import type { CocFailureKind, CocOperation } from './errors.js';
import { CocApiError } from './errors.js';
import type { HttpAttempt, HttpMethod, HttpTransport } from './http.js';
import type { Limiter } from './limiter.js';
import type { AttemptFailure, RetryPolicy } from './retry.js';
import { decideRetry, describeFailure } from './retry.js';
import { errorBodySchema } from './wire.js';

export type HttpResponse = Extract<HttpAttempt, { kind: 'response' }>;

export interface CallSpec {
  readonly operation: CocOperation;
  /** Script name or uuid, for messages. */
  readonly target?: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Query pairs in wire order; values are percent-encoded here (spaces as %20). */
  readonly query?: readonly (readonly [string, string])[];
  /** Serialised once with JSON.stringify; the same bytes are signed and sent on every attempt. */
  readonly body?: unknown;
  /** Extra headers for this call only (e.g. X-Idp-Id). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Called before a retry; returning a value ends the call with it (create uses this to look the
 * script up by name when the failed attempt may have applied the write).
 */
export type BeforeRetry<T> = (ambiguous: boolean) => Promise<T | undefined>;

export interface ExecutorOptions {
  readonly baseUrl: string;
  readonly signer: RequestSigner;
  /** Headers sent on every request before signing (Content-Type, X-Language, project…). */
  readonly headers: Readonly<Record<string, string>>;
  readonly transport: HttpTransport;
  readonly limiter: Limiter;
  readonly logger: Logger;
  readonly timeoutSeconds: number;
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export interface Executor {
  execute<T>(spec: CallSpec, parse: (response: HttpResponse) => T, beforeRetry?: BeforeRetry<T>): Promise<T>;
  readonly counters: { requests: number; retries: number };
}

/** Builds the URL: base + path + percent-encoded query. */
export function buildUrl(baseUrl: string, path: string, query: CallSpec['query'] = []): URL {
  const search = query.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  return new URL(`${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`);
}

function label(spec: CallSpec): string {
  return `${spec.operation} ${spec.target ?? (spec.operation === 'listing' ? 'scripts' : '')}`.trim();
}

function toFailure(attempt: HttpAttempt): AttemptFailure {
  if (attempt.kind === 'timeout') return { kind: 'timeout' };
  if (attempt.kind === 'network') return { kind: 'network', sent: attempt.sent };
  const retryAfter = attempt.headers['retry-after'];
  return retryAfter === undefined
    ? { kind: 'status', status: attempt.status }
    : { kind: 'status', status: attempt.status, retryAfter };
}

function parseErrorBody(body: string): z.infer<typeof errorBodySchema> | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function failureError(spec: CallSpec, attempt: HttpAttempt, timeoutSeconds: number): CocApiError {
  const base = { operation: spec.operation, ...(spec.target === undefined ? {} : { target: spec.target }) };
  if (attempt.kind === 'timeout') return new CocApiError({ ...base, kind: 'timeout', timeoutSeconds });
  if (attempt.kind === 'network') {
    return new CocApiError({ ...base, kind: 'network', apiMessage: attempt.message, cause: attempt.cause });
  }
  const body = parseErrorBody(attempt.body);
  // IAM's keystone body repeats the HTTP status as a numeric `code`: only string codes count.
  const nested = body?.error?.code;
  const code = body?.error_code ?? (typeof nested === 'string' ? nested : undefined);
  const message = body?.error_msg ?? body?.error?.message ?? (attempt.body.trim().slice(0, 200) || undefined);
  const requestId = attempt.headers['x-request-id'] ?? body?.request_id ?? undefined;
  return new CocApiError({
    ...base,
    kind: 'api',
    httpStatus: attempt.status,
    ...(code ? { code } : {}),
    ...(message ? { apiMessage: message } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

function invalidResponse(spec: CallSpec, response: HttpResponse, cause: unknown): CocApiError {
  const kind: CocFailureKind = 'invalid-response';
  return new CocApiError({
    operation: spec.operation,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    kind,
    httpStatus: response.status,
    apiMessage: 'the body does not have the documented shape',
    ...(response.headers['x-request-id'] ? { requestId: response.headers['x-request-id'] } : {}),
    cause,
  });
}

/** Creates the request loop for one base URL and signer. */
export function createExecutor(options: ExecutorOptions): Executor {
  const counters = { requests: 0, retries: 0 };
  const timeoutMs = Math.max(1, options.timeoutSeconds * 1000);

  const attemptOnce = (spec: CallSpec, url: URL, body: string | undefined): Promise<HttpAttempt> =>
    options.limiter.run(() => {
      counters.requests += 1;
      const base = spec.headers ? { ...options.headers, ...spec.headers } : options.headers;
      const headers = options.signer.sign(
        { method: spec.method, url, headers: base, body },
        new Date(options.now()),
      );
      return options.transport.send({ method: spec.method, url, headers, body }, timeoutMs);
    });

  const parseSuccess = <T>(spec: CallSpec, response: HttpResponse, parse: (r: HttpResponse) => T): T => {
    try {
      return parse(response);
    } catch (error) {
      throw invalidResponse(spec, response, error);
    }
  };

  async function execute<T>(
    spec: CallSpec,
    parse: (r: HttpResponse) => T,
    beforeRetry?: BeforeRetry<T>,
  ): Promise<T> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await attemptOnce(spec, url, body);
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        return parseSuccess(spec, outcome, parse);
      }
      const failure = toFailure(outcome);
      const decision = decideRetry(failure, attempt, options.policy, options.random, options.now());
      if (!decision.retry) throw failureError(spec, outcome, options.timeoutSeconds);
      const resolved = beforeRetry ? await beforeRetry(decision.ambiguous) : undefined;
      if (resolved !== undefined) return resolved;
      counters.retries += 1;
      options.logger.info(
        `Retrying ${label(spec)} after ${describeFailure(failure)}: attempt ${attempt + 1} of ${options.policy.maxAttempts} in ${decision.delayMs} ms`,
      );
      await options.sleep(decision.delayMs);
    }
  }

  return { execute, counters };
}
