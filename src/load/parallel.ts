/**
 * Loading many definition files on more than one core. A very large folder is shared with
 * worker threads (common/threads.ts) that run the same `loadDefinitionFile`; the outcomes are the
 * same as loading in one thread, in the same order.
 */
import { shareJobs, type WorkerPool } from '../common/threads.js';
import type { FileContext, FileOutcome } from './file.js';
import { loadDefinitionFile } from './file.js';

/** The task name workers know the load by (src/worker.ts). */
export const LOAD_TASK = 'load';

/**
 * A worker from 20,000 files: since most files take the fast YAML path (fast-yaml.ts), one thread
 * loads 5,000 files in about 0.25 s, and a worker's start-up costs more than it saves below that
 * (validate of 5,000 files, check off: 0.90 s with a worker, 0.88 s without, and 30 MB more peak
 * RSS). 16 files in flight per thread, so a large folder does not hold every file's text and
 * pending reads at once (all 1,000 files of the benchmark in flight grew V8's young generation to
 * its maximum: peak RSS of validate 155 MB; 16 at a time: 130 MB, and no slower).
 */
export const LOAD_SHARE = { perWorker: 20_000, lanes: 16 } as const;

/** What every file of one load shares (plain data: it crosses to the workers). */
export type SharedContext = Omit<FileContext, 'display'>;

/** The files of one load: `displays[i]` is how `paths[i]` is shown. */
export interface LoadJobs {
  readonly paths: readonly string[];
  readonly displays: readonly string[];
  readonly shared: SharedContext;
}

/** Loads file `index` of `jobs` (in whichever thread claimed it). */
export function loadFileAt(jobs: LoadJobs, index: number): Promise<FileOutcome> {
  const context: FileContext = { ...jobs.shared, display: jobs.displays[index] ?? '' };
  return loadDefinitionFile(jobs.paths[index] ?? '', context);
}

/** Loads every file, shared with `workers` when given; outcomes in file order. */
export async function loadDefinitionFiles(
  jobs: LoadJobs,
  workers?: WorkerPool,
): Promise<{ readonly outcomes: FileOutcome[]; readonly byWorkers: number }> {
  const { results, byWorkers } = await shareJobs(
    LOAD_TASK,
    jobs,
    jobs.paths.length,
    loadFileAt,
    LOAD_SHARE,
    workers,
  );
  return { outcomes: results, byWorkers };
}
