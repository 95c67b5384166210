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
import type { PacedAnswer, Pacer } from './pacer.js';
import type { AttemptFailure, RetryPolicy, RetryState } from './retry.js';
import { decideRetry, describeFailure, parseRetryAfter, throttleCharge } from './retry.js';
import type { RunStop } from './stop.js';
import { isFatal, waitUnlessStopped } from './stop.js';
import { errorBodySchema } from './wire.js';
import { excerpt } from '../common/inert.js';
import { cancelledBy, type Cancellation } from '../common/cancel.js';

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

/**
 * The client-wide pacer with the clock it runs on. Its own clock, because pacing only means
 * something in real time: tests that fake the retry sleep leave pacing out.
 */
export interface Pacing {
  readonly pacer: Pacer;
  readonly now: () => number;
  readonly sleep: Sleep;
}

/** Waits `ms`; a real sleep also ends early (without keeping a timer) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface ExecutorOptions {
  readonly baseUrl: string;
  readonly signer: RequestSigner;
  /** Headers sent on every request before signing (Content-Type, X-Language, project…). */
  readonly headers: Readonly<Record<string, string>>;
  readonly transport: HttpTransport;
  readonly limiter: Limiter;
  /** Shared by every executor of one client; absent = no pacing. */
  readonly pacing?: Pacing;
  readonly logger: Logger;
  readonly timeoutSeconds: number;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly now: () => number;
  /** Shared by every executor of one client: the first fatal answer stops them all. */
  readonly stop: RunStop;
  /**
   * The run's cancel (common/cancel.ts): once requested no attempt starts and none is retried,
   * reads in flight stop; writes in flight are abandoned only when it expires.
   */
  readonly cancellation?: Cancellation;
}

export interface Executor {
  execute<T>(spec: CallSpec, parse: (response: HttpResponse) => T, beforeRetry?: BeforeRetry<T>): Promise<T>;
  readonly counters: { requests: number; retries: number };
}

/**
 * The parse of a write whose answer carries nothing the client needs (modify, delete, approve,
 * a tags update): any 2xx is a success whatever its body — no body, no `data` (the official SDKs
 * type it optional), or something else. The GET that reads the script back decides what happened.
 */
export function acceptAnyBody(): void {
  return undefined;
}

/** Builds the URL: base + path + percent-encoded query. */
export function buildUrl(baseUrl: string, path: string, query: CallSpec['query'] = []): URL {
  const search = query.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  return new URL(`${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`);
}

function label(spec: CallSpec): string {
  return `${spec.operation} ${spec.target ?? (spec.operation === 'listing' ? 'scripts' : '')}`.trim();
}

type Answered = Exclude<HttpAttempt, { kind: 'aborted' } | { kind: 'too-large' }>;

function toFailure(attempt: Answered): AttemptFailure {
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

function failureError(spec: CallSpec, attempt: Answered, timeoutSeconds: number): CocApiError {
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

/**
 * A 2xx whose body the call could not use. A gateway error body under a success status (seen:
 * `{"error_code":"APIGW.0301",…}` on a list) is named as such: it is no empty result.
 */
function invalidResponse(spec: CallSpec, response: HttpResponse, cause: unknown): CocApiError {
  const kind: CocFailureKind = 'invalid-response';
  const errorBody = parseErrorBody(response.body);
  const code = errorBody?.error_code ?? undefined;
  const said = errorBody?.error_msg ? `: ${excerpt(errorBody.error_msg)}` : '';
  return new CocApiError({
    operation: spec.operation,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    kind,
    httpStatus: response.status,
    apiMessage: code
      ? `a success status with an error body (${excerpt(code)}${said}) instead of \`data\``
      : 'the body does not have the documented shape',
    ...(code ? { code } : {}),
    ...(response.headers['x-request-id'] ? { requestId: response.headers['x-request-id'] } : {}),
    cause,
  });
}

/** An answer above the body cap: cut off there, and never retried (the next would be as big). */
function tooLargeError(spec: CallSpec, attempt: Extract<HttpAttempt, { kind: 'too-large' }>): CocApiError {
  const requestId = attempt.headers['x-request-id'];
  return new CocApiError({
    operation: spec.operation,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    kind: 'too-large',
    httpStatus: attempt.status,
    apiMessage: `answer larger than ${formatBytes(attempt.limitBytes)}`,
    ...(requestId ? { requestId } : {}),
  });
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

/** What the pacer learns from an attempt; undefined for timeouts and network failures. */
function pacedAnswer(
  attempt: HttpAttempt,
  sentAt: number,
  nowMs: number,
  policy: RetryPolicy,
): PacedAnswer | undefined {
  if (attempt.kind !== 'response') return undefined;
  if (attempt.status !== 429) return { kind: 'admitted' };
  // No Retry-After: the gateway counts per second, so one second is the natural wait.
  const retryAfterMs = Math.min(
    parseRetryAfter(attempt.headers['retry-after'], nowMs) ?? 1000,
    policy.maxRetryAfterMs,
  );
  const code = parseErrorBody(attempt.body)?.error_code;
  return { kind: 'throttled', sentAt, retryAfterMs, ...(code ? { code } : {}) };
}

/**
 * Waits until the pacer lets an attempt go: no wait (and no timer) while nothing throttles.
 * Returns how long it waited (charged to the request's throttling budget).
 */
async function pace(pacing: Pacing, stop: RunStop, cancel: AbortSignal | undefined): Promise<number> {
  const start = pacing.now();
  let wait = pacing.pacer.reserve(start);
  // Bounded: a gate closed while we slept means one more booking, not an endless loop.
  for (let round = 0; wait > 0 && round < 3 && stop.error() === undefined; round += 1) {
    await waitUnlessStopped(pacing.sleep, wait, stop, cancel);
    wait = pacing.pacer.held(pacing.now()) ? pacing.pacer.reserve(pacing.now()) : 0;
  }
  return Math.max(0, pacing.now() - start);
}

/** An attempt and the time it waited for the pacer first. */
interface PacedAttempt {
  readonly attempt: HttpAttempt;
  readonly pacedMs: number;
}

/**
 * One attempt under the pacer: wait for it outside the limiter (a paced request holds no
 * concurrency slot), send, and tell it the answer.
 */
async function sendPaced(
  pacing: Pacing,
  options: Pick<ExecutorOptions, 'limiter' | 'now' | 'policy' | 'stop' | 'cancellation'>,
  send: () => Promise<HttpAttempt>,
): Promise<PacedAttempt> {
  let pacedMs = 0;
  for (let round = 0; ; round += 1) {
    pacedMs += await pace(pacing, options.stop, options.cancellation?.requested);
    let sentAt = 0;
    // A gate may have closed while this request queued for a slot: back to the pacer then.
    const attempt = await options.limiter.run(() => {
      sentAt = pacing.now();
      return round < 3 && pacing.pacer.held(sentAt) ? Promise.resolve(undefined) : send();
    });
    if (attempt === undefined) continue;
    const answer = pacedAnswer(attempt, sentAt, options.now(), options.policy);
    if (answer) pacing.pacer.record(answer, pacing.now());
    return { attempt, pacedMs };
  }
}

/** The retry line: attempts count for server and transport failures, waiting for throttling. */
function retryLine(
  spec: CallSpec,
  failure: AttemptFailure,
  state: RetryState,
  policy: RetryPolicy,
  delayMs: number,
): string {
  const budget =
    failure.kind === 'status' && failure.status === 429
      ? `throttled for ${(state.throttledMs / 1000).toFixed(1)} s of up to ${Math.round(policy.maxThrottleWaitMs / 1000)} s, next attempt`
      : `attempt ${state.failures + 1} of ${policy.maxAttempts}`;
  return `Retrying ${label(spec)} after ${describeFailure(failure)}: ${budget} in ${delayMs} ms`;
}

/** Why a cancelled request ended: never sent, stopped in flight, or not retried. */
type CancelPoint =
  | { readonly kind: 'unsent' }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'no-retry'; readonly failure: AttemptFailure; readonly ambiguous: boolean };

/** A request the run's cancel ended; for a write, whether it may still have been applied. */
function cancelError(spec: CallSpec, by: string, point: CancelPoint): CocApiError {
  const write = spec.method !== 'GET';
  const unsure = '; it may or may not have been applied';
  const what =
    point.kind === 'unsent'
      ? 'not sent'
      : point.kind === 'in-flight'
        ? write
          ? `abandoned in flight when the grace for writes ended${unsure}`
          : 'stopped in flight'
        : `not retried after ${describeFailure(point.failure)}${write && point.ambiguous ? unsure : ''}`;
  return new CocApiError({
    operation: spec.operation,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    kind: 'cancelled',
    apiMessage: `${by}: ${what}`,
  });
}

/**
 * What a request listens to while in flight: the run's stop, and once cancelled, the cancel
 * (reads: at once; writes: when their grace expires, so their outcome is known). Made once per
 * executor, not per request: a composite signal costs its sources a follower each.
 */
function abortSignals(
  stop: RunStop,
  cancellation: Cancellation | undefined,
): (method: HttpMethod) => AbortSignal {
  if (cancellation === undefined) return () => stop.signal;
  const reads = AbortSignal.any([stop.signal, cancellation.requested]);
  const writes = AbortSignal.any([stop.signal, cancellation.expired]);
  return (method) => (method === 'GET' ? reads : writes);
}

/** Creates the request loop for one base URL and signer. */
export function createExecutor(options: ExecutorOptions): Executor {
  const counters = { requests: 0, retries: 0 };
  const timeoutMs = Math.max(1, options.timeoutSeconds * 1000);
  const { pacing, stop, cancellation } = options;
  const cancelled = (): string | undefined => cancelledBy(cancellation);
  const abortSignalOf = abortSignals(stop, cancellation);

  const send = (spec: CallSpec, url: URL, body: string | undefined): Promise<HttpAttempt> => {
    // Queued behind the limiter when the run stopped or was cancelled: never sent at all.
    if (stop.error() !== undefined || cancelled() !== undefined) {
      return Promise.resolve({ kind: 'aborted', inFlight: false });
    }
    counters.requests += 1;
    const base = spec.headers ? { ...options.headers, ...spec.headers } : options.headers;
    const headers = options.signer.sign(
      { method: spec.method, url, headers: base, body },
      new Date(options.now()),
    );
    const signal = abortSignalOf(spec.method);
    return options.transport.send({ method: spec.method, url, headers, body }, timeoutMs, signal);
  };

  const pacedSend = (spec: CallSpec, url: URL, body: string | undefined): Promise<PacedAttempt> =>
    pacing
      ? sendPaced(pacing, options, () => send(spec, url, body))
      : options.limiter.run(() => send(spec, url, body)).then((attempt) => ({ attempt, pacedMs: 0 }));

  const parseSuccess = <T>(spec: CallSpec, response: HttpResponse, parse: (r: HttpResponse) => T): T => {
    try {
      return parse(response);
    } catch (error) {
      throw invalidResponse(spec, response, error);
    }
  };

  /** The error to end a request with: the run's stop error once it stopped, else this one. */
  const finalError = (spec: CallSpec, attempt: Answered): CocApiError => {
    const error = failureError(spec, attempt, options.timeoutSeconds);
    if (!isFatal(error, attempt.kind === 'network' ? attempt.sent : undefined)) return error;
    stop.trip(error.stopping());
    return stop.error() ?? error;
  };

  async function execute<T>(
    spec: CallSpec,
    parse: (r: HttpResponse) => T,
    beforeRetry?: BeforeRetry<T>,
  ): Promise<T> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let state: RetryState = { failures: 0, throttles: 0, throttledMs: 0 };
    for (;;) {
      const { attempt, pacedMs } = await pacedSend(spec, url, body);
      const stopped = stop.error();
      // After a stop nothing retries, logs or reports its own failure: the stop error is the answer.
      if (stopped !== undefined) throw stopped;
      if (attempt.kind === 'aborted') {
        const by = cancelled();
        if (by === undefined) throw new Error('request abandoned without a stop');
        throw cancelError(spec, by, attempt.inFlight ? { kind: 'in-flight' } : { kind: 'unsent' });
      }
      if (attempt.kind === 'too-large') throw tooLargeError(spec, attempt);
      if (attempt.kind === 'response' && attempt.status >= 200 && attempt.status < 300) {
        return parseSuccess(spec, attempt, parse);
      }
      const failure = toFailure(attempt);
      const throttled = failure.kind === 'status' && failure.status === 429;
      state = {
        failures: state.failures + (throttled ? 0 : 1),
        throttles: state.throttles + (throttled ? 1 : 0),
        throttledMs: state.throttledMs + pacedMs,
      };
      const decision = decideRetry(failure, state, options.policy, options.random, options.now());
      if (!decision.retry) throw finalError(spec, attempt);
      // A retry is a new request: after a cancel none starts (not even create's lookup).
      const noRetry = { kind: 'no-retry', failure, ambiguous: decision.ambiguous } as const;
      const byNow = cancelled();
      if (byNow !== undefined) throw cancelError(spec, byNow, noRetry);
      const resolved = beforeRetry ? await beforeRetry(decision.ambiguous) : undefined;
      if (resolved !== undefined) return resolved;
      const stoppedMeanwhile = stop.error();
      if (stoppedMeanwhile !== undefined) throw stoppedMeanwhile;
      counters.retries += 1;
      options.logger.info(retryLine(spec, failure, state, options.policy, decision.delayMs));
      if (decision.throttled) {
        state = {
          ...state,
          throttledMs: state.throttledMs + throttleCharge(decision.delayMs, options.policy),
        };
      }
      await waitUnlessStopped(options.sleep, decision.delayMs, stop, cancellation?.requested);
      const byThen = cancelled();
      if (byThen !== undefined && stop.error() === undefined) throw cancelError(spec, byThen, noRetry);
    }
  }

  return { execute, counters };
}
