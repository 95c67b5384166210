/**
 * One measured run against the emulator: the process's own figures (wall time, peak RSS) joined
 * with the emulator's view of it (requests, faults, when the first request arrived and the last
 * answer left), and the floor the run is compared with. The emulator may run in this process
 * (tests) or in its own (the benchmark): only its request log is read.
 */
import type { RequestLogEntry } from '../../emulator/types.js';
import {
  runActionProcess,
  type ActionProcessOptions,
  type ActionProcessResult,
  type TimedProcess,
} from './runner.js';
import { countRequests, physicalLimitMs, usefulRequests, type RequestCounts } from './requests.js';

/** The emulator's default token (emulator/defaults.ts). */
export const EMULATOR_TOKEN = 'emulator-token';

/** An emulator's URL and request log, in this process or behind its control paths. */
export interface RequestLogSource {
  readonly url: string;
  clearRequests(): void | Promise<void>;
  requests(): readonly RequestLogEntry[] | Promise<readonly RequestLogEntry[]>;
}

/** Where the wall time of one run went, from the emulator's request log. */
export interface RunProfile {
  /** Spawn → first request arrives: process start, bundle load, reading definitions. */
  readonly startupMs: number;
  /** First request arrives → last answer sent. */
  readonly networkMs: number;
  /** The network phase's own floor: requests × latency ÷ concurrency. */
  readonly networkRatio: number;
  /** Last answer → exit: report, summary, plan file. */
  readonly tailMs: number;
  /** Requests in flight on average during the network phase (the ideal is `concurrency`). */
  readonly averageInFlight: number;
  /** First request → the last list page arrives (listing is sequential by nature). */
  readonly listingMs: number;
}

/** A run with everything the reports need (by default a run of the action). */
export interface MeasuredRun<R extends TimedProcess = ActionProcessResult> {
  readonly result: R;
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
  /** The action's `check-content` input; unset, the action's default (`syntax`). */
  readonly checkContent?: 'syntax' | 'shellcheck' | 'off';
}

/** Runs the action against `emulator` (token auth) and measures it; clears the request log first. */
export async function measureRun(
  emulator: RequestLogSource,
  inputs: Readonly<Record<string, string>>,
  settings: MeasureSettings,
  options: ActionProcessOptions = {},
): Promise<MeasuredRun> {
  return measureProcess(emulator, settings, () =>
    runActionProcess(
      {
        endpoint: emulator.url,
        'auth-token': EMULATOR_TOKEN,
        concurrency: String(settings.concurrency),
        ...(settings.checkContent === undefined ? {} : { 'check-content': settings.checkContent }),
        ...inputs,
      },
      options,
    ),
  );
}

/** Measures any process `run` starts against `emulator`; clears the request log first. */
export async function measureProcess<R extends TimedProcess>(
  emulator: RequestLogSource,
  settings: MeasureSettings,
  run: () => Promise<R>,
): Promise<MeasuredRun<R>> {
  await emulator.clearRequests();
  const result = await run();
  const entries = await emulator.requests();
  const counts = countRequests(entries);
  const useful = usefulRequests(counts);
  const limitMs = physicalLimitMs(useful, settings.latencyMs, settings.concurrency);
  const ratio = limitMs > 0 ? result.wallMs / limitMs : Number.NaN;
  return { result, counts, useful, limitMs, ratio, profile: profileOf(result, entries, settings, limitMs) };
}

function profileOf(
  result: TimedProcess,
  entries: readonly RequestLogEntry[],
  settings: MeasureSettings,
  limitMs: number,
): RunProfile {
  if (entries.length === 0) {
    return {
      startupMs: result.wallMs,
      networkMs: 0,
      networkRatio: Number.NaN,
      tailMs: 0,
      averageInFlight: 0,
      listingMs: 0,
    };
  }
  // An answer left when the emulator wrote it; older logs (or a dropped one) say only when the
  // request arrived, so the latency stands in for the time it was held.
  const answered = (entry: RequestLogEntry): number => entry.answeredAt ?? entry.at + settings.latencyMs;
  const first = Math.min(...entries.map((entry) => entry.at));
  const last = Math.max(...entries.map(answered));
  const lists = entries.filter(
    (entry) => entry.method === 'GET' && /\/v1\/job\/scripts\/?$/.test(entry.path),
  );
  const lastList = lists.length > 0 ? Math.max(...lists.map(answered)) : first;
  const networkMs = Math.max(1, last - first);
  return {
    startupMs: first - result.startedAtMs,
    networkMs,
    networkRatio: limitMs > 0 ? networkMs / limitMs : Number.NaN,
    tailMs: result.endedAtMs - last,
    averageInFlight: (entries.length * settings.latencyMs) / networkMs,
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
