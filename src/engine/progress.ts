/** Progress reporting for long runs (the CLI's progress line), without touching the engine. */
import type { CocApi } from '../coc/api.js';

export type ProgressListener = (done: number, total: number, phase: string) => void;

export interface ProgressTracker {
  /** The API to use: it reports finished detail reads, then finished writes. */
  readonly api: CocApi;
  /** Switches from counting reads to counting writes (read-backs are not counted). */
  startApplying(total: number): void;
}

/** Wraps a CocApi so that every finished detail read and every finished write is reported. */
export function trackProgress(
  api: CocApi,
  listener: ProgressListener,
  expectedReads: number,
): ProgressTracker {
  let phase: 'reading' | 'applying' = 'reading';
  let total = expectedReads;
  let done = 0;
  const tick = <T>(counted: boolean, promise: Promise<T>): Promise<T> =>
    counted
      ? promise.finally(() => {
          done += 1;
          listener(done, Math.max(total, done), phase);
        })
      : promise;
  const tracked: CocApi = {
    listPages: (query) => api.listPages(query),
    listScripts: (query) => api.listScripts(query),
    getScript: (uuid) => tick(phase === 'reading', api.getScript(uuid)),
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
    startApplying: (writes) => {
      phase = 'applying';
      total = writes;
      done = 0;
    },
  };
}
