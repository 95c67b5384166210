/**
 * Client-wide rate adaptation to COC throttling (429 APIGW.0308). Pure logic: every method takes
 * the clock value, and the caller does the waiting, so tests decide every instant.
 *
 * Until the first 429 the pacer is inert (no delay, no timer). A 429 that looks like throttling
 * holds every new attempt until its Retry-After has elapsed (a shared gate: one request waiting
 * alone would let the others keep spending the quota) and caps the rate at a share of what the
 * gateway admitted over the last second. Then AIMD: the cap grows additively for each second
 * without throttling, shrinks multiplicatively on each further throttling episode, and goes away
 * after a quiet period. Injected random 429s (fault tests, transient gateway hiccups) must not
 * ratchet the rate down to a crawl, so a 429 that arrives well below the rate of the last
 * throttling episode, between successes, is treated as noise: only its own request waits.
 */

export interface PacerSettings {
  /** The cap set on throttling, as a share of the rate admitted over the last second. */
  readonly shareOfAdmitted: number;
  /** Factor applied to the cap on each further throttling episode. */
  readonly decrease: number;
  /** Increase of the cap per second without throttling, as a share of the throttled rate. */
  readonly increase: number;
  /** Without throttling for this long, the cap is removed. */
  readonly quietMs: number;
  /** A 429 between successes counts as throttling only at this share of the throttled rate. */
  readonly noiseBelow: number;
  /** Fewer admitted answers than this in the last second give no rate estimate (no cap). */
  readonly minSamples: number;
  /** The cap never goes below this many requests per second. */
  readonly minRate: number;
}

/** Defaults: cap at 0.9 × admitted, ×0.7 per episode, +10%/s, removed after 5 s of quiet. */
export const DEFAULT_PACER_SETTINGS: PacerSettings = {
  shareOfAdmitted: 0.9,
  decrease: 0.7,
  increase: 0.1,
  quietMs: 5000,
  noiseBelow: 0.95,
  minSamples: 4,
  minRate: 1,
};

/** The answer to one attempt, as far as pacing is concerned (timeouts and network errors are not). */
export type PacedAnswer =
  | { readonly kind: 'admitted' }
  | {
      readonly kind: 'throttled';
      /** When the refused attempt was sent (epoch ms): older ones belong to an episode seen already. */
      readonly sentAt: number;
      /** How long the server asked to wait (already capped by the retry policy). */
      readonly retryAfterMs: number;
      /** The API error code (APIGW.0308), for the log line. */
      readonly code?: string;
    };

/** Pacing starts (with its rate in requests/s) or ends; the caller logs these once each. */
export type PacerEvent =
  { readonly kind: 'started'; readonly rate: number; readonly code?: string } | { readonly kind: 'ended' };

/** The one log line for an event (never one per request). */
export function describePacerEvent(event: PacerEvent): string {
  if (event.kind === 'ended') return 'COC stopped throttling requests: pacing removed';
  const rate = Math.max(1, Math.round(event.rate));
  return `COC is throttling requests (${event.code ?? 'HTTP 429'}): pacing at ${rate} requests/s`;
}

export interface Pacer {
  /**
   * Books the next send slot: milliseconds to wait before sending (0 = send now). Without any
   * throttling this is always 0.
   */
  reserve(nowMs: number): number;
  /** Whether the shared gate holds new attempts at `nowMs` (re-checked after waiting). */
  held(nowMs: number): boolean;
  /** Records the answer to an attempt. */
  record(answer: PacedAnswer, nowMs: number): void;
  /** The current cap in requests/s, undefined when not pacing. */
  rate(): number | undefined;
}

const SECOND = 1000;

/** Everything one client's pacer remembers. */
interface PacerState {
  readonly s: PacerSettings;
  readonly onEvent: (event: PacerEvent) => void;
  /** Times of the answers admitted over the last second. */
  readonly admitted: number[];
  firstAdmitted: number | undefined;
  cap: number | undefined;
  /** The admitted rate at the last throttling episode. */
  throttledRate: number | undefined;
  gateUntil: number;
  nextSlot: number;
  lastEpisode: number;
  lastChange: number;
  previousThrottled: boolean;
  /** The cap last logged, so a settling cap is not logged again and again. */
  announced: number | undefined;
}

function prune(state: PacerState, now: number): void {
  const { admitted } = state;
  while (admitted.length > 0 && (admitted[0] ?? now) <= now - SECOND) admitted.shift();
}

/** Answers admitted over the last second, per second (over the elapsed time in a run's first second). */
function admittedRate(state: PacerState, now: number): { count: number; rate: number } {
  prune(state, now);
  const span = Math.min(SECOND, Math.max(1, now - (state.firstAdmitted ?? now)));
  return { count: state.admitted.length, rate: (state.admitted.length * SECOND) / span };
}

function expire(state: PacerState, now: number): void {
  if (state.cap === undefined || now - state.lastEpisode < state.s.quietMs) return;
  state.cap = undefined;
  state.announced = undefined;
  state.onEvent({ kind: 'ended' });
}

function onAdmitted(state: PacerState, now: number): void {
  state.previousThrottled = false;
  prune(state, now);
  state.admitted.push(now);
  state.firstAdmitted ??= now;
  if (state.cap === undefined || now - state.lastChange < SECOND) return;
  state.cap += Math.max(1, state.s.increase * (state.throttledRate ?? state.cap));
  state.lastChange = now;
}

/** Throttling, not noise: the first 429, a run of 429s, or one at the rate throttled before. */
function isThrottling(state: PacerState, rate: number, consecutive: boolean): boolean {
  const before = state.throttledRate;
  return before === undefined || consecutive || rate >= state.s.noiseBelow * before;
}

/** Sets (or cuts) the cap after a throttling episode and announces it when it matters. */
function cut(state: PacerState, rate: number, code: string | undefined): void {
  const fromAdmitted = state.s.shareOfAdmitted * rate;
  const cap = state.cap === undefined ? fromAdmitted : Math.min(state.cap * state.s.decrease, fromAdmitted);
  state.cap = Math.max(state.s.minRate, cap);
  state.throttledRate = rate;
  // Announced once, and again only if the cap fell by half since (a run's first second
  // overestimates the rate, so the second episode is often the one that finds the limit).
  if (state.announced !== undefined && state.cap >= state.announced / 2) return;
  state.announced = state.cap;
  state.onEvent({ kind: 'started', rate: state.cap, ...(code ? { code } : {}) });
}

function onThrottled(
  state: PacerState,
  answer: Extract<PacedAnswer, { kind: 'throttled' }>,
  now: number,
): void {
  const consecutive = state.previousThrottled;
  state.previousThrottled = true;
  const gate = Math.max(state.gateUntil, now + answer.retryAfterMs);
  // Answers to attempts sent before the last episode describe that episode: wait, no new cut.
  if (answer.sentAt < state.lastEpisode) {
    state.gateUntil = gate;
    return;
  }
  const { count, rate } = admittedRate(state, now);
  if (!isThrottling(state, rate, consecutive)) return;
  state.gateUntil = gate;
  state.nextSlot = Math.max(state.nextSlot, gate);
  state.lastEpisode = now;
  state.lastChange = now;
  if (count >= state.s.minSamples) cut(state, rate, answer.code);
}

/** Creates a pacer; `onEvent` hears when pacing starts and ends. */
export function createPacer(
  settings: Partial<PacerSettings> = {},
  onEvent: (event: PacerEvent) => void = () => undefined,
): Pacer {
  const state: PacerState = {
    s: { ...DEFAULT_PACER_SETTINGS, ...settings },
    onEvent,
    admitted: [],
    firstAdmitted: undefined,
    cap: undefined,
    throttledRate: undefined,
    gateUntil: -Infinity,
    nextSlot: -Infinity,
    lastEpisode: -Infinity,
    lastChange: -Infinity,
    previousThrottled: false,
    announced: undefined,
  };
  return {
    reserve(now) {
      expire(state, now);
      if (state.cap === undefined && now >= state.gateUntil) return 0;
      const start = Math.max(now, state.gateUntil, state.nextSlot);
      if (state.cap !== undefined) state.nextSlot = start + SECOND / state.cap;
      return start - now;
    },
    held: (now) => now < state.gateUntil,
    record(answer, now) {
      expire(state, now);
      if (answer.kind === 'admitted') onAdmitted(state, now);
      else onThrottled(state, answer, now);
    },
    rate: () => state.cap,
  };
}
