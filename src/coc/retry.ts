/**
 * Which failures retry and how long to wait (docs/coc-api.md §6). Pure: the clock value and the random
 * source are parameters, so tests decide every delay.
 */

export interface RetryPolicy {
  /**
   * Attempts that may fail for a reason other than throttling (5xx, timeouts, lost connections),
   * the first one included. Throttling (429) does not count here: it is bounded by time.
   */
  readonly maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles per retry (full jitter below it). */
  readonly baseDelayMs: number;
  /** Upper bound of the exponential backoff ceiling. */
  readonly maxDelayMs: number;
  /** Upper bound for a server-sent Retry-After, so a hostile value cannot stall a run. */
  readonly maxRetryAfterMs: number;
  /**
   * Waiting one request may spend on throttling (429 retries and the client-wide pacer's gate)
   * before it gives up. Throttling asks the client to slow down, not to stop: time, not a count.
   */
  readonly maxThrottleWaitMs: number;
  /**
   * The least each throttled retry is charged against `maxThrottleWaitMs`, so a server answering
   * `Retry-After: 0` for ever still ends the request (after at most max / charge retries).
   */
  readonly minThrottleChargeMs: number;
}

/**
 * Defaults: 5 attempts for server and transport failures, 0.5 s doubling up to 20 s; throttling
 * retried for up to 60 s of waiting per request; one Retry-After honoured up to 60 s.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  maxThrottleWaitMs: 60_000,
  minThrottleChargeMs: 250,
};

/** What one request has spent on retries so far. */
export interface RetryState {
  /** Failed attempts other than throttling, the one being decided included. */
  readonly failures: number;
  /** Throttled answers (429), the one being decided included. */
  readonly throttles: number;
  /** Waiting already charged to throttling (retry waits and pacer waits), in ms. */
  readonly throttledMs: number;
}

/** The outcome of one HTTP attempt, as far as retrying is concerned. */
export type AttemptFailure =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly sent: boolean };

export type RetryDecision =
  | { readonly retry: false }
  | {
      readonly retry: true;
      readonly delayMs: number;
      /** True when the failed write may have been applied (create must look before retrying). */
      readonly ambiguous: boolean;
      /** A 429: charged to the throttling time budget instead of the attempt count. */
      readonly throttled: boolean;
    };

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** 429, 500, 502, 503 and 504 retry; every other status (other 4xx above all) does not. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Parses Retry-After (delay seconds or an HTTP date) into milliseconds from `nowMs`;
 * `undefined` when absent or unparsable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(retry-1))). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Whether a failure may have applied a write: anything after the request left, bar 429. */
function isAmbiguous(failure: AttemptFailure): boolean {
  if (failure.kind === 'timeout') return true;
  if (failure.kind === 'network') return failure.sent;
  return failure.status >= 500;
}

/** Whether a failure is throttling (429): retried within a time budget, not a count. */
export function isThrottled(failure: AttemptFailure): boolean {
  return failure.kind === 'status' && failure.status === 429;
}

/** What a throttled retry is charged against the budget: its wait, at least the minimum charge. */
export function throttleCharge(delayMs: number, policy: RetryPolicy): number {
  return Math.max(delayMs, policy.minThrottleChargeMs);
}

/**
 * Decides whether a request whose latest attempt failed with `failure` is retried, and after how
 * long: Retry-After first (capped), otherwise jittered backoff. A 429 retries while the request's
 * throttling budget lasts; every other retryable failure counts against `maxAttempts`.
 */
export function decideRetry(
  failure: AttemptFailure,
  state: RetryState,
  policy: RetryPolicy,
  random: () => number,
  nowMs: number,
): RetryDecision {
  if (failure.kind === 'status' && !isRetryableStatus(failure.status)) return { retry: false };
  const throttled = isThrottled(failure);
  if (!throttled && state.failures >= policy.maxAttempts) return { retry: false };
  const retryAfter = failure.kind === 'status' ? parseRetryAfter(failure.retryAfter, nowMs) : undefined;
  const delayMs =
    retryAfter === undefined
      ? backoffDelay(throttled ? state.throttles : state.failures, policy, random)
      : Math.min(retryAfter, policy.maxRetryAfterMs);
  if (throttled && state.throttledMs + throttleCharge(delayMs, policy) > policy.maxThrottleWaitMs) {
    return { retry: false };
  }
  return { retry: true, delayMs, ambiguous: isAmbiguous(failure), throttled };
}

/** One-word reason used in retry log lines. */
export function describeFailure(failure: AttemptFailure): string {
  if (failure.kind === 'status') return `HTTP ${failure.status}`;
  if (failure.kind === 'timeout') return 'a timeout';
  return failure.sent ? 'a lost connection' : 'a connection failure';
}
