/**
 * One measured run of the action against the emulator: the action's own figures (wall time,
 * peak RSS) joined with the emulator's view of it (requests, faults, timing of the first and
 * last request), and the physical limit the run is compared with.
 */
import type { Emulator } from '../../emulator/types.js';
import { runActionProcess, type ActionProcessOptions, type ActionProcessResult } from './runner.js';
import { countRequests, physicalLimitMs, usefulRequests, type RequestCounts } from './requests.js';

/** The emulator's default token (emulator/defaults.ts). */
export const EMULATOR_TOKEN = 'emulator-token';

/** Where the wall time of one run went, from the emulator's request log. */
export interface RunProfile {
  /** Spawn → first request arrives: process start, bundle load, reading definitions. */
  readonly startupMs: number;
  /** First request arrives → last answer sent. */
  readonly networkMs: number;
  /** Last answer → exit: report, summary, plan file. */
  readonly tailMs: number;
  /** Requests in flight on average during the network phase (the ideal is `concurrency`). */
  readonly averageInFlight: number;
  /** First request → the last list page arrives (listing is sequential by nature). */
  readonly listingMs: number;
}

/** A run of the action with everything the reports need. */
export interface MeasuredRun {
  readonly result: ActionProcessResult;
  readonly counts: RequestCounts;
  /** Requests that did work (faulted ones excluded). */
  readonly useful: number;
  readonly limitMs: number;
  readonly ratio: number;
  readonly profile: RunProfile;
}

/** Settings shared by the runs of one measurement. */
export interface MeasureSettings {
  readonly latencyMs: number;
  readonly concurrency: number;
}

/** Runs the action against `emulator` (token auth) and measures it; clears the request log first. */
export async function measureRun(
  emulator: Emulator,
  inputs: Readonly<Record<string, string>>,
  settings: MeasureSettings,
  options: ActionProcessOptions = {},
): Promise<MeasuredRun> {
  emulator.clearRequests();
  const result = await runActionProcess(
    {
      endpoint: emulator.url,
      'auth-token': EMULATOR_TOKEN,
      concurrency: String(settings.concurrency),
      ...inputs,
    },
    options,
  );
  const entries = emulator.requests();
  const counts = countRequests(entries);
  const useful = usefulRequests(counts);
  const limitMs = physicalLimitMs(useful, settings.latencyMs, settings.concurrency);
  const ratio = limitMs > 0 ? result.wallMs / limitMs : Number.NaN;
  return { result, counts, useful, limitMs, ratio, profile: profileOf(result, entries, settings.latencyMs) };
}

function profileOf(
  result: ActionProcessResult,
  entries: readonly { readonly at: number; readonly method: string; readonly path: string }[],
  latencyMs: number,
): RunProfile {
  if (entries.length === 0) {
    return { startupMs: result.wallMs, networkMs: 0, tailMs: 0, averageInFlight: 0, listingMs: 0 };
  }
  const times = entries.map((entry) => entry.at);
  const first = Math.min(...times);
  const last = Math.max(...times) + latencyMs;
  const lists = entries.filter(
    (entry) => entry.method === 'GET' && /\/v1\/job\/scripts\/?$/.test(entry.path),
  );
  const lastList = lists.length > 0 ? Math.max(...lists.map((entry) => entry.at)) + latencyMs : first;
  const networkMs = Math.max(1, last - first);
  return {
    startupMs: first - result.startedAtMs,
    networkMs,
    tailMs: result.endedAtMs - last,
    averageInFlight: (entries.length * latencyMs) / networkMs,
    listingMs: lastList - first,
  };
}

/** `1.23 s` / `456 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Megabytes (10^6 bytes) from the KiB that /proc reports. */
export function kbToMb(kb: number): number {
  return (kb * 1024) / 1e6;
}

/** `87.3 MB` from KiB, or `n/a`. */
export function formatKb(kb: number | undefined): string {
  return kb === undefined ? 'n/a' : `${kbToMb(kb).toFixed(1)} MB`;
}
