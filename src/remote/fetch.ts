/**
 * COC → RemoteState: at most one paginated list, then a GET per script the folder cares about.
 * GETs start while later pages are still being listed, so listing and detail reads overlap.
 * A GET that fails after its retries is isolated like a failed write: that one script is
 * unreadable (nothing is planned or written for it) and the rest goes on. Only a failed list —
 * prune and binding by name need all of it — or a stop of the whole run fails the fetch.
 */
import type { CocApi } from '../coc/api.js';
import { toErrorInfo } from '../coc/errors.js';
import { isRunStop } from '../coc/stop.js';
import type { ApiErrorInfo, Definition, RemoteScript, RemoteScriptSummary, RemoteState } from '../model.js';
import { createLimiter, type Limiter } from '../coc/limiter.js';
import { createPruneMatcher } from '../common/globs.js';
import { normalizeScript } from './normalize.js';

export interface FetchOptions {
  readonly prune: readonly string[];
  /**
   * Whether a listed prune match may be deleted at all (with `ownership: tag`: only when it
   * carries this folder's ownership tag); the others are never read with GET. Default: all may.
   */
  readonly mayPrune?: (summary: RemoteScriptSummary) => boolean;
  /** Limit on GETs in flight; without it the client's own bound applies. */
  readonly concurrency?: number;
  /** Called with each script as its GET is answered (the engine digests content meanwhile). */
  readonly onScript?: (script: RemoteScript) => void;
}

/** Reads the remote state the plan needs, with one list at most. Never writes. */
export async function fetchRemoteState(
  api: CocApi,
  definitions: readonly Definition[],
  options: FetchOptions,
): Promise<RemoteState> {
  const reader = createDetailReader(api, options.concurrency, options.onScript);
  const boundUuids = new Set(definitions.flatMap((d) => (d.uuid === undefined ? [] : [d.uuid])));
  // uuid-bound scripts need no list: their GETs start at once, in parallel with the listing.
  for (const uuid of boundUuids) reader.read(uuid);
  const needList = definitions.some((d) => d.uuid === undefined) || options.prune.length > 0;
  const summaries = needList ? await listRelevant(api, definitions, options, reader) : undefined;
  const { details, unreadable } = await reader.settle();
  const byUuid = new Map<string, RemoteScript>();
  for (const [uuid, script] of details) if (script) byUuid.set(uuid, script);
  const missingUuids = new Set([...boundUuids].filter((uuid) => !byUuid.has(uuid) && !unreadable.has(uuid)));
  return { byUuid, summaries, missingUuids, unreadable };
}

/**
 * Lists every page and starts a GET for each listed script bound by name, or matching prune and
 * owned by this folder (the list carries the tags, so telling costs nothing).
 */
async function listRelevant(
  api: CocApi,
  definitions: readonly Definition[],
  options: FetchOptions,
  reader: DetailReader,
): Promise<RemoteScriptSummary[]> {
  const namesWithoutUuid = new Set(definitions.filter((d) => d.uuid === undefined).map((d) => d.name));
  const matchesPrune = createPruneMatcher(options.prune);
  const summaries: RemoteScriptSummary[] = [];
  for await (const page of api.listPages()) {
    for (const summary of page) {
      summaries.push(summary);
      const prunable = matchesPrune(summary.name) && (options.mayPrune?.(summary) ?? true);
      if (namesWithoutUuid.has(summary.name) || prunable) reader.read(summary.uuid);
    }
  }
  return summaries;
}

interface DetailReader {
  /** Starts the GET of `uuid` unless it already started. */
  read(uuid: string): void;
  /**
   * Waits for every GET. `undefined` = does not exist; a failed GET is `unreadable`. Rejects only
   * when the run stopped (a rejected credential), with that error.
   */
  settle(): Promise<{
    details: Map<string, RemoteScript | undefined>;
    unreadable: Map<string, ApiErrorInfo>;
  }>;
}

function createDetailReader(
  api: CocApi,
  concurrency: number | undefined,
  onScript: ((script: RemoteScript) => void) | undefined,
): DetailReader {
  const limiter: Limiter | undefined = concurrency === undefined ? undefined : createLimiter(concurrency);
  const pending = new Map<string, Promise<RemoteScript | undefined>>();
  const get = async (uuid: string): Promise<RemoteScript | undefined> => {
    const detail = await (limiter ? limiter.run(() => api.getScript(uuid)) : api.getScript(uuid));
    if (detail === undefined) return undefined;
    const script = normalizeScript(detail);
    onScript?.(script);
    return script;
  };
  return {
    read(uuid) {
      if (pending.has(uuid)) return;
      const promise = get(uuid);
      // Observed now so that a GET failing while the list is still running (or after the list
      // itself failed) is never an unhandled rejection; settle() still reports it.
      promise.catch(() => undefined);
      pending.set(uuid, promise);
    },
    async settle() {
      const entries = [...pending.entries()];
      const settled = await Promise.allSettled(entries.map(([, promise]) => promise));
      const details = new Map<string, RemoteScript | undefined>();
      const unreadable = new Map<string, ApiErrorInfo>();
      settled.forEach((result, index) => {
        const uuid = entries[index]?.[0] ?? '';
        if (result.status === 'fulfilled') details.set(uuid, result.value);
        else if (isRunStop(result.reason)) throw result.reason;
        else unreadable.set(uuid, toErrorInfo(result.reason));
      });
      return { details, unreadable };
    },
  };
}
