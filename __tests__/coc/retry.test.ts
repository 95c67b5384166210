import { describe, expect, it } from 'vitest';
import type { AttemptFailure } from '../../src/coc/retry.js';
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
  const cases: {
    name: string;
    failure: AttemptFailure;
    attempt: number;
    expected: ReturnType<typeof decideRetry>;
  }[] = [
    { name: '400 never', failure: { kind: 'status', status: 400 }, attempt: 1, expected: { retry: false } },
    { name: '403 never', failure: { kind: 'status', status: 403 }, attempt: 1, expected: { retry: false } },
    {
      name: '429 unambiguous',
      failure: { kind: 'status', status: 429 },
      attempt: 1,
      expected: { retry: true, delayMs: 250, ambiguous: false },
    },
    {
      name: '503 ambiguous',
      failure: { kind: 'status', status: 503 },
      attempt: 2,
      expected: { retry: true, delayMs: 500, ambiguous: true },
    },
    {
      name: 'Retry-After wins',
      failure: { kind: 'status', status: 429, retryAfter: '4' },
      attempt: 1,
      expected: { retry: true, delayMs: 4000, ambiguous: false },
    },
    {
      name: 'Retry-After capped',
      failure: { kind: 'status', status: 503, retryAfter: '3600' },
      attempt: 1,
      expected: { retry: true, delayMs: 60_000, ambiguous: true },
    },
    {
      name: 'timeout ambiguous',
      failure: { kind: 'timeout' },
      attempt: 1,
      expected: { retry: true, delayMs: 250, ambiguous: true },
    },
    {
      name: 'refused not ambiguous',
      failure: { kind: 'network', sent: false },
      attempt: 1,
      expected: { retry: true, delayMs: 250, ambiguous: false },
    },
    {
      name: 'reset ambiguous',
      failure: { kind: 'network', sent: true },
      attempt: 1,
      expected: { retry: true, delayMs: 250, ambiguous: true },
    },
    {
      name: 'last attempt',
      failure: { kind: 'status', status: 503 },
      attempt: 5,
      expected: { retry: false },
    },
  ];
  it.each(cases)('$name', ({ failure, attempt, expected }) => {
    expect(decideRetry(failure, attempt, DEFAULT_RETRY_POLICY, half, NOW)).toEqual(expected);
  });

  it('honours a configured attempt count', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 };
    expect(decideRetry({ kind: 'timeout' }, 1, policy, half, NOW).retry).toBe(true);
    expect(decideRetry({ kind: 'timeout' }, 2, policy, half, NOW).retry).toBe(false);
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
