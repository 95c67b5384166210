import { describe, expect, it } from 'vitest';
import type { AttemptFailure, RetryState } from '../../src/coc/retry.js';
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  describeFailure,
  isRetryableStatus,
  parseRetryAfter,
} from '../../src/coc/retry.js';

const NOW = Date.UTC(2025, 10, 24, 9, 30, 0);
const half = (): number => 0.5;

describe('isRetryableStatus', () => {
  it.each([
    { status: 429, retry: true },
    { status: 500, retry: true },
    { status: 502, retry: true },
    { status: 503, retry: true },
    { status: 504, retry: true },
    { status: 400, retry: false },
    { status: 401, retry: false },
    { status: 403, retry: false },
    { status: 404, retry: false },
    { status: 409, retry: false },
    { status: 501, retry: false },
  ])('HTTP $status → $retry', ({ status, retry }) => {
    expect(isRetryableStatus(status)).toBe(retry);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    { name: 'absent', value: undefined, expected: undefined },
    { name: 'seconds', value: '3', expected: 3000 },
    { name: 'zero', value: '0', expected: 0 },
    { name: 'fractional seconds', value: '1.5', expected: 1500 },
    { name: 'HTTP date 7 s ahead', value: new Date(NOW + 7000).toUTCString(), expected: 7000 },
    { name: 'HTTP date in the past', value: new Date(NOW - 7000).toUTCString(), expected: 0 },
    { name: 'garbage', value: 'soon', expected: undefined },
    { name: 'negative', value: '-5', expected: undefined },
  ])('$name', ({ value, expected }) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('backoffDelay (full jitter)', () => {
  it.each([
    { retry: 1, random: 0.999, max: 500 },
    { retry: 2, random: 0.999, max: 1000 },
    { retry: 3, random: 0.999, max: 2000 },
    { retry: 10, random: 0.999, max: 20_000 },
  ])('retry $retry stays below $max', ({ retry, random, max }) => {
    const delay = backoffDelay(retry, DEFAULT_RETRY_POLICY, () => random);
    expect(delay).toBeLessThan(max);
    expect(delay).toBeGreaterThanOrEqual(Math.floor(max * 0.99));
  });
  it('random 0 gives no wait', () => {
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });
});

describe('decideRetry', () => {
  const fresh = (failures: number, throttles = 0, throttledMs = 0): RetryState => ({
    failures,
    throttles,
    throttledMs,
  });
  const cases: {
    name: string;
    failure: AttemptFailure;
    state: RetryState;
    expected: ReturnType<typeof decideRetry>;
  }[] = [
    {
      name: '400 never',
      failure: { kind: 'status', status: 400 },
      state: fresh(1),
      expected: { retry: false },
    },
    {
      name: '403 never',
      failure: { kind: 'status', status: 403 },
      state: fresh(1),
      expected: { retry: false },
    },
    {
      name: '429 unambiguous, backoff by throttle count',
      failure: { kind: 'status', status: 429 },
      state: fresh(0, 1),
      expected: { retry: true, delayMs: 250, ambiguous: false, throttled: true },
    },
    {
      name: '503 ambiguous',
      failure: { kind: 'status', status: 503 },
      state: fresh(2),
      expected: { retry: true, delayMs: 500, ambiguous: true, throttled: false },
    },
    {
      name: 'Retry-After wins',
      failure: { kind: 'status', status: 429, retryAfter: '4' },
      state: fresh(0, 1),
      expected: { retry: true, delayMs: 4000, ambiguous: false, throttled: true },
    },
    {
      name: 'Retry-After capped',
      failure: { kind: 'status', status: 503, retryAfter: '3600' },
      state: fresh(1),
      expected: { retry: true, delayMs: 60_000, ambiguous: true, throttled: false },
    },
    {
      name: 'timeout ambiguous',
      failure: { kind: 'timeout' },
      state: fresh(1),
      expected: { retry: true, delayMs: 250, ambiguous: true, throttled: false },
    },
    {
      name: 'refused not ambiguous',
      failure: { kind: 'network', sent: false },
      state: fresh(1),
      expected: { retry: true, delayMs: 250, ambiguous: false, throttled: false },
    },
    {
      name: 'reset ambiguous',
      failure: { kind: 'network', sent: true },
      state: fresh(1),
      expected: { retry: true, delayMs: 250, ambiguous: true, throttled: false },
    },
    {
      name: 'the fifth failure is the last',
      failure: { kind: 'status', status: 503 },
      state: fresh(5),
      expected: { retry: false },
    },
    {
      name: 'a tenth 429 still retries: throttling is not counted',
      failure: { kind: 'status', status: 429, retryAfter: '1' },
      state: fresh(4, 10, 9000),
      expected: { retry: true, delayMs: 1000, ambiguous: false, throttled: true },
    },
    {
      name: 'a 429 that would pass 60 s of waiting ends the request',
      failure: { kind: 'status', status: 429, retryAfter: '1' },
      state: fresh(0, 60, 59_500),
      expected: { retry: false },
    },
    {
      name: 'Retry-After: 0 is charged at least 250 ms, so it cannot loop for ever',
      failure: { kind: 'status', status: 429, retryAfter: '0' },
      state: fresh(0, 240, 59_800),
      expected: { retry: false },
    },
  ];
  it.each(cases)('$name', ({ failure, state, expected }) => {
    expect(decideRetry(failure, state, DEFAULT_RETRY_POLICY, half, NOW)).toEqual(expected);
  });

  it('honours a configured attempt count', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 };
    expect(decideRetry({ kind: 'timeout' }, fresh(1), policy, half, NOW).retry).toBe(true);
    expect(decideRetry({ kind: 'timeout' }, fresh(2), policy, half, NOW).retry).toBe(false);
  });

  it('throttling is bounded by the configured waiting time', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxThrottleWaitMs: 3000 };
    const throttled = { kind: 'status', status: 429, retryAfter: '1' } as const;
    expect(decideRetry(throttled, fresh(0, 3, 2000), policy, half, NOW).retry).toBe(true);
    expect(decideRetry(throttled, fresh(0, 4, 3000), policy, half, NOW).retry).toBe(false);
  });

  it.each([
    { failure: { kind: 'status', status: 503 } as const, text: 'HTTP 503' },
    { failure: { kind: 'timeout' } as const, text: 'a timeout' },
    { failure: { kind: 'network', sent: true } as const, text: 'a lost connection' },
    { failure: { kind: 'network', sent: false } as const, text: 'a connection failure' },
  ])('describeFailure: $text', ({ failure, text }) => {
    expect(describeFailure(failure)).toBe(text);
  });
});
