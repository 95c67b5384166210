/** Progress reporting for long runs (the CLI's progress line), without touching the engine. */
import type { CocApi, ListQuery } from '../coc/api.js';
import type { RemoteScriptSummary } from '../model.js';

/**
 * `total` is 0 while it is not known yet (the list is still being read, and every page may add
 * scripts to read): a listener then shows the count without a fraction, never a "10/10" that
 * becomes "11/11".
 */
export type ProgressListener = (done: number, total: number, phase: string) => void;

export interface ProgressTracker {
  /** The API to use: it reports finished detail reads, then finished writes. */
  readonly api: CocApi;
  /** Switches from counting reads to counting writes (read-backs are not counted). */
  startApplying(total: number): void;
}

/** Wraps a CocApi so that every finished detail read and every finished write is reported. */
export function trackProgress(api: CocApi, listener: ProgressListener): ProgressTracker {
  let phase: 'reading' | 'applying' = 'reading';
  // Reading: the total is the GETs started, final once no listing is under way.
  let started = 0;
  let listings = 0;
  let writes = 0;
  let done = 0;
  const report = (): void => {
    if (phase === 'applying') listener(done, writes, phase);
    else if (listings > 0) listener(done, 0, `reading (${done} read, listing…)`);
    else listener(done, started, phase);
  };
  const tick = <T>(counted: boolean, promise: Promise<T>): Promise<T> =>
    counted
      ? promise.finally(() => {
          done += 1;
          report();
        })
      : promise;
  async function* listing(query: ListQuery | undefined): AsyncIterable<readonly RemoteScriptSummary[]> {
    const reading = phase === 'reading';
    if (reading) listings += 1;
    try {
      yield* api.listPages(query);
    } finally {
      if (reading) {
        listings -= 1;
        report();
      }
    }
  }
  const read = (uuid: string) => {
    const counted = phase === 'reading';
    if (counted) started += 1;
    return tick(counted, api.getScript(uuid));
  };
  const tracked: CocApi = {
    listPages: (query) => listing(query),
    listScripts: (query) => api.listScripts(query),
    getScript: read,
    createScript: (body) => tick(true, api.createScript(body)),
    modifyScript: (uuid, body) => tick(true, api.modifyScript(uuid, body)),
    updateTags: (uuid, body) => tick(true, api.updateTags(uuid, body)),
    deleteScript: (uuid) => tick(true, api.deleteScript(uuid)),
    approveScript: (uuid, status, comments) => api.approveScript(uuid, status, comments),
    stats: () => api.stats(),
    close: () => api.close(),
  };
  return {
    api: tracked,
    startApplying: (total) => {
      phase = 'applying';
      writes = total;
      done = 0;
    },
  };
}
