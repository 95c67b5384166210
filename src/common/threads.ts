/**
 * Sharing a list of independent jobs between this thread and worker threads (the load stage's
 * files, the content check's shell batches): every thread claims the next job from one shared
 * counter, so a worker that starts late simply claims fewer, and this thread never waits for a
 * worker that has not begun. A worker's garbage (YAML trees, parser instances) lives in its own
 * small heap and goes when it ends. The results are those of doing every job here, in order; a
 * worker that cannot start or dies leaves its jobs to this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Where the bundled worker entry is, and how to use it. */
export interface WorkerThreads {
  /** dist/worker/index.js (src/worker.ts), next to the bundles. */
  readonly script: URL;
  /** Worker threads; default: one less than the cores (at most 3), none for a short list. */
  readonly count?: number;
  /** False leaves every job to the workers (tests use it to know who did what). */
  readonly mainThreadWorks?: boolean;
  /** Node options of the workers (tests run the TypeScript entry through tsx). */
  readonly execArgv?: readonly string[];
}

/** What a worker receives: which task, its input, the claim counter and its own slot. */
export interface SharedJobs<I> {
  readonly task: string;
  readonly input: I;
  readonly total: number;
  /** [0]: the next job to claim; [1 + w]: worker w's state (0 not begun, 1 working, 2 not wanted). */
  readonly claims: SharedArrayBuffer;
  readonly slot: number;
}

/** A worker's answer: the results of the jobs it claimed, by job index. */
export type SharedResults<R> = readonly (readonly [number, R])[];

/** How a task's jobs are shared: worth a worker from `perWorker` jobs, `lanes` at a time a thread. */
export interface ShareOptions {
  readonly perWorker: number;
  readonly lanes: number;
}

const NOT_BEGUN = 0;
const WORKING = 1;
const NOT_WANTED = 2;
const MAX_WORKERS = 3;

/**
 * Young generation of a worker, in MB: the garbage of a few jobs at a time fits, so its heap
 * stays small instead of growing to V8's default maximum (tens of MB).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** Does `work(input, i)` for every i < total, shared with workers that run `task` on the same input. */
export async function shareJobs<I, R>(
  task: string,
  input: I,
  total: number,
  work: (input: I, index: number) => Promise<R>,
  options: ShareOptions,
  threads?: WorkerThreads,
): Promise<{ readonly results: R[]; readonly byWorkers: number }> {
  const count = workerCount(total, options.perWorker, threads);
  const claims = new Int32Array(new SharedArrayBuffer(4 * (1 + count)));
  const jobs = { task, input, total, claims: claims.buffer };
  const workers = threads
    ? Array.from({ length: count }, (_, slot) => startWorker<R>(threads, { ...jobs, slot }))
    : [];
  const results = new Array<R | undefined>(total);
  const done = new Array<boolean>(total).fill(false);
  const record = (index: number, result: R): void => {
    results[index] = result;
    done[index] = true;
  };
  const mainWorks = threads?.mainThreadWorks ?? true;
  if (mainWorks) await claimJobs(jobs, work, options.lanes, record);
  let byWorkers = 0;
  for (const [slot, worker] of workers.entries()) {
    // A worker that has not begun is told it is not wanted; one that has is waited for.
    const state = mainWorks ? Atomics.compareExchange(claims, 1 + slot, NOT_BEGUN, NOT_WANTED) : WORKING;
    const answer = state === NOT_BEGUN || !worker ? [] : await worker.answer;
    for (const [index, result] of answer) record(index, result);
    byWorkers += answer.length;
    void worker?.thread.terminate();
  }
  // Jobs a failed worker claimed but never answered are done here.
  for (const [index, finished] of done.entries()) {
    if (!finished) record(index, await work(input, index));
  }
  return { results: results as R[], byWorkers };
}

function workerCount(total: number, perWorker: number, threads: WorkerThreads | undefined): number {
  if (!threads) return 0;
  if (threads.count !== undefined) return threads.count;
  return Math.max(0, Math.min(MAX_WORKERS, availableParallelism() - 1, Math.floor(total / perWorker)));
}

/** A started worker and its answer (empty when it failed: its jobs fall back to this thread). */
interface StartedWorker<R> {
  readonly thread: Worker;
  readonly answer: Promise<SharedResults<R>>;
}

/** Starts a worker; undefined when it cannot even be created (its jobs stay with this thread). */
function startWorker<R>(threads: WorkerThreads, jobs: SharedJobs<unknown>): StartedWorker<R> | undefined {
  let thread: Worker;
  try {
    thread = new Worker(threads.script, {
      workerData: jobs,
      ...(threads.execArgv ? { execArgv: [...threads.execArgv] } : {}),
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      // What the jobs need travels in workerData (the run's environment snapshot included).
      env: {},
      // Anything a worker printed would bypass the run's logger and its scrubbing: dropped.
      stdout: true,
      stderr: true,
    });
  } catch {
    return undefined;
  }
  thread.stdout.resume();
  thread.stderr.resume();
  // It must never keep a finished run alive.
  thread.unref();
  const answer = new Promise<SharedResults<R>>((resolve) => {
    thread.once('message', (results: SharedResults<R>) => resolve(results));
    thread.once('error', () => resolve([]));
    thread.once('exit', () => resolve([]));
  });
  return { thread, answer };
}

/** The claiming loop of every thread: `lanes` jobs at a time, each the next unclaimed index. */
async function claimJobs<I, R>(
  jobs: Omit<SharedJobs<I>, 'slot'>,
  work: (input: I, index: number) => Promise<R>,
  lanes: number,
  record: (index: number, result: R) => void,
): Promise<void> {
  const claims = new Int32Array(jobs.claims);
  const lane = async (): Promise<void> => {
    for (let index = Atomics.add(claims, 0, 1); index < jobs.total; index = Atomics.add(claims, 0, 1)) {
      record(index, await work(jobs.input, index));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, jobs.total)) }, lane));
}

/** The worker's side: begin unless no longer wanted, claim jobs, answer once with their results. */
export async function serveJobs<I, R>(
  jobs: SharedJobs<I>,
  work: (input: I, index: number) => Promise<R>,
  lanes: number,
  answer: (results: SharedResults<R>) => void,
): Promise<void> {
  const claims = new Int32Array(jobs.claims);
  const results: [number, R][] = [];
  if (Atomics.compareExchange(claims, 1 + jobs.slot, NOT_BEGUN, WORKING) === NOT_BEGUN) {
    await claimJobs(jobs, work, lanes, (index, result) => results.push([index, result]));
  }
  answer(results);
}
