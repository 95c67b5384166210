/**
 * Reading the emulator's request log: what kind of request each entry was, how many of each,
 * how many were answered by an injected fault (each one forces the client to retry), and the
 * rate at which requests arrived.
 */
import type { RequestLogEntry } from '../../emulator/types.js';

/** The COC operations a sync run makes. */
export type RequestKind = 'list' | 'get' | 'create' | 'modify' | 'delete' | 'approve' | 'iam' | 'other';

/** Counts of one run's requests. */
export interface RequestCounts {
  readonly total: number;
  readonly byKind: Readonly<Record<RequestKind, number>>;
  /** Entries answered by an injected fault (429/503/dropped) or the rps limit. */
  readonly faulted: number;
  /** Faulted entries by fault name (`503`, `429`, `rps`, `drop-before`, `drop-after`). */
  readonly byFault: Readonly<Record<string, number>>;
  /** Entries with a 4xx/5xx status that no fault injected (real API errors). */
  readonly apiErrors: number;
}

const SCRIPTS = '/v1/job/scripts';

/** Classifies one logged request by method and path. */
export function requestKind(entry: Pick<RequestLogEntry, 'method' | 'path'>): RequestKind {
  const path = entry.path.replace(/\/+$/, '');
  if (!path.startsWith(SCRIPTS)) return path.startsWith('/v3') ? 'iam' : 'other';
  const rest = path.slice(SCRIPTS.length);
  if (rest === '') return entry.method === 'GET' ? 'list' : entry.method === 'POST' ? 'create' : 'other';
  if (/^\/[^/]+\/action$/.test(rest)) return 'approve';
  if (!/^\/[^/]+$/.test(rest)) return 'other';
  if (entry.method === 'GET') return 'get';
  if (entry.method === 'PUT') return 'modify';
  return entry.method === 'DELETE' ? 'delete' : 'other';
}

/** Counts requests by kind and by fault. */
export function countRequests(entries: readonly RequestLogEntry[]): RequestCounts {
  const byKind: Record<RequestKind, number> = {
    list: 0,
    get: 0,
    create: 0,
    modify: 0,
    delete: 0,
    approve: 0,
    iam: 0,
    other: 0,
  };
  const byFault: Record<string, number> = {};
  let faulted = 0;
  let apiErrors = 0;
  for (const entry of entries) {
    byKind[requestKind(entry)] += 1;
    // `latency` only slowed the answer down; it is not a failure the client has to retry.
    if (entry.fault !== undefined && entry.fault !== 'latency') {
      faulted += 1;
      byFault[entry.fault] = (byFault[entry.fault] ?? 0) + 1;
    } else if (typeof entry.status === 'number' && entry.status >= 400) {
      apiErrors += 1;
    }
  }
  return { total: entries.length, byKind, faulted, byFault, apiErrors };
}

/** Requests that did work: everything but the ones a fault refused before acting. */
export function usefulRequests(counts: RequestCounts): number {
  return counts.total - counts.faulted + (counts.byFault['drop-after'] ?? 0);
}

/**
 * The physical limit of a run: every request needs at least one latency, and at most
 * `concurrency` can be in flight, so no client can finish sooner than this (milliseconds).
 */
export function physicalLimitMs(requests: number, latencyMs: number, concurrency: number): number {
  return (requests * latencyMs) / concurrency;
}

/** Arrival rate over the run: requests per second between the first and the last arrival. */
export function averageRate(entries: readonly RequestLogEntry[]): number {
  if (entries.length < 2) return 0;
  const times = entries.map((entry) => entry.at);
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  // n arrivals at rate r span (n - 1) / r seconds.
  return span > 0 ? (entries.length - 1) / span : Infinity;
}

/** The most arrivals inside any window of `windowMs` (sliding over the arrivals). */
export function peakWindowCount(entries: readonly RequestLogEntry[], windowMs = 1000): number {
  const times = entries.map((entry) => entry.at).sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** `list 11 · get 1000 · modify 100` — only the kinds that occurred. */
export function describeCounts(counts: RequestCounts): string {
  const kinds = Object.entries(counts.byKind).filter(([, count]) => count > 0);
  return kinds.map(([kind, count]) => `${kind} ${count}`).join(' · ');
}
