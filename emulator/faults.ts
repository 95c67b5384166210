/**
 * Fault injection: latency, 503/429 answers, dropped connections and a requests-per-second
 * limit. Every random decision comes from a seeded RNG so a failing test replays exactly.
 */
import { ERROR_BODY_READS, LIST_PAGINGS, type FaultConfig } from './types.js';

/** What to do with a COC request before it is acted on. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' }
  | {
      readonly kind: 'error';
      readonly status: 429 | 503;
      readonly fault: 'rps' | '429' | '503';
      readonly retryAfter: number;
    };

/** The fault state of one emulator. */
export interface FaultInjector {
  config(): FaultConfig;
  /** Whether a GET of this script answers 400 COC.00040701 (failReadUuids). */
  failsRead(uuid: string): boolean;
  /** Merges a partial configuration; a new `seed` restarts the random sequence. */
  set(partial: Partial<FaultConfig>): void;
  /** Back to no faults (seed 1) and an empty rate window. */
  reset(): void;
  /** Decides drop-before, the rps limit, 503 and 429, in that order. */
  beforeAct(): FaultDecision;
  /** Decides whether a write that was just applied loses its answer. */
  dropAfterWrite(): boolean;
  /** True (and counts one down) while `failTagsUpdates` asks for failing tags updates. */
  takeTagsFailure(): boolean;
}

/** No faults at all. */
export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  error503Rate: 0,
  error429Rate: 0,
  retryAfterSeconds: 1,
  dropBeforeRate: 0,
  dropAfterRate: 0,
  requestsPerSecond: 0,
  seed: 1,
  failTagsUpdates: 0,
  omitWriteData: false,
  failReadUuids: [],
  throttleNext: 0,
  listBodyBytes: 0,
  listPaging: 'honest',
  errorBodyOn200: [],
};

/** mulberry32: tiny, fast and good enough for fault dice; returns values in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks a partial fault configuration; returns the problem or undefined. */
export function checkFaults(partial: Partial<FaultConfig>): string | undefined {
  const rates = ['error503Rate', 'error429Rate', 'dropBeforeRate', 'dropAfterRate'] as const;
  for (const key of rates) {
    const value = partial[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) {
      return `${key} must be a number between 0 and 1`;
    }
  }
  const counts = [
    'latencyMs',
    'retryAfterSeconds',
    'requestsPerSecond',
    'failTagsUpdates',
    'throttleNext',
    'listBodyBytes',
  ] as const;
  for (const key of counts) {
    const value = partial[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  if (partial.seed !== undefined && !Number.isInteger(partial.seed)) return 'seed must be an integer';
  if (partial.failTagsUpdates !== undefined && !Number.isInteger(partial.failTagsUpdates)) {
    return 'failTagsUpdates must be a whole number';
  }
  if (partial.omitWriteData !== undefined && typeof partial.omitWriteData !== 'boolean') {
    return 'omitWriteData must be true or false';
  }
  const uuids: unknown = partial.failReadUuids;
  if (uuids !== undefined && !(Array.isArray(uuids) && uuids.every((uuid) => typeof uuid === 'string'))) {
    return 'failReadUuids must be a list of script uuids';
  }
  return checkWholeNumbers(partial) ?? checkHostileAnswers(partial);
}

/** The switches of a hostile server: answers no honest COC gives. */
function checkHostileAnswers(partial: Partial<FaultConfig>): string | undefined {
  const paging: unknown = partial.listPaging;
  if (paging !== undefined && !(LIST_PAGINGS as readonly unknown[]).includes(paging)) {
    return `listPaging must be one of ${LIST_PAGINGS.join(', ')}`;
  }
  const reads: unknown = partial.errorBodyOn200;
  const allowed = ERROR_BODY_READS as readonly unknown[];
  if (reads !== undefined && !(Array.isArray(reads) && reads.every((read) => allowed.includes(read)))) {
    return `errorBodyOn200 must be a list of ${ERROR_BODY_READS.join(', ')}`;
  }
  if (partial.listBodyBytes !== undefined && !Number.isInteger(partial.listBodyBytes)) {
    return 'listBodyBytes must be a whole number';
  }
  return undefined;
}

function checkWholeNumbers(partial: Partial<FaultConfig>): string | undefined {
  // Retry-After is delta-seconds: a whole number on the wire.
  if (partial.retryAfterSeconds !== undefined && !Number.isInteger(partial.retryAfterSeconds)) {
    return 'retryAfterSeconds must be a whole number';
  }
  if (partial.throttleNext !== undefined && !Number.isInteger(partial.throttleNext)) {
    return 'throttleNext must be a whole number';
  }
  return undefined;
}

/** Creates the fault state; `now` is the emulator clock (the rps window uses it). */
export function createFaultInjector(initial: Partial<FaultConfig>, now: () => number): FaultInjector {
  let config: FaultConfig = { ...NO_FAULTS, ...initial };
  let random = createRandom(config.seed);
  // Times of the requests admitted in the last second; throttled ones do not count.
  let window: number[] = [];
  const roll = (rate: number): boolean => rate > 0 && random() < rate;

  const throttle = (): FaultDecision | undefined => {
    if (config.requestsPerSecond <= 0) return undefined;
    const at = now();
    window = window.filter((t) => t > at - 1000);
    if (window.length < config.requestsPerSecond) {
      window.push(at);
      return undefined;
    }
    const oldest = window[0] ?? at;
    const retryAfter = Math.max(1, Math.ceil((oldest + 1000 - at) / 1000));
    return { kind: 'error', status: 429, fault: 'rps', retryAfter };
  };

  return {
    config: () => ({
      ...config,
      failReadUuids: [...config.failReadUuids],
      errorBodyOn200: [...config.errorBodyOn200],
    }),
    failsRead: (uuid) => config.failReadUuids.includes(uuid),
    set(partial) {
      config = { ...config, ...partial };
      if (partial.seed !== undefined) random = createRandom(config.seed);
    },
    reset() {
      config = { ...NO_FAULTS };
      random = createRandom(config.seed);
      window = [];
    },
    beforeAct() {
      if (config.throttleNext > 0) {
        config = { ...config, throttleNext: config.throttleNext - 1 };
        return { kind: 'error', status: 429, fault: '429', retryAfter: config.retryAfterSeconds };
      }
      if (roll(config.dropBeforeRate)) return { kind: 'drop' };
      const throttled = throttle();
      if (throttled) return throttled;
      const retryAfter = config.retryAfterSeconds;
      if (roll(config.error503Rate)) return { kind: 'error', status: 503, fault: '503', retryAfter };
      if (roll(config.error429Rate)) return { kind: 'error', status: 429, fault: '429', retryAfter };
      return { kind: 'none' };
    },
    dropAfterWrite: () => roll(config.dropAfterRate),
    takeTagsFailure() {
      if (config.failTagsUpdates <= 0) return false;
      config = { ...config, failTagsUpdates: config.failTagsUpdates - 1 };
      return true;
    },
  };
}
