/**
 * Sharing a list of independent jobs between this thread and worker threads (the load stage's
 * files, the content check's shell batches): every thread claims the next job from one shared
 * counter, so a worker that starts late simply claims fewer, and this thread never waits for a
 * worker that has not begun. A worker's garbage (YAML trees, parser instances) lives in its own
 * small heap. The results are those of doing every job here, in order; a worker that cannot
 * start or dies leaves its jobs to this thread.
 *
 * Workers come from a pool (createWorkerPool) that one run keeps from its load to the end of its
 * content check: a worker's start (a Node environment and the worker bundle, about 90 ms of CPU)
 * is paid once, and the check's batches find it ready.
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

/** What a worker receives for one task: its input, the claim counter and its own slot. */
export interface SharedJobs<I> {
  /** Which call of shareJobs this is: the answer carries it back. */
  readonly id: number;
  readonly task: string;
  readonly input: I;
  readonly total: number;
  /** [0]: the next job to claim; [1 + w]: worker w's state (0 not begun, 1 working, 2 not wanted). */
  readonly claims: SharedArrayBuffer;
  readonly slot: number;
}

/** A worker's answer: the results of the jobs it claimed, by job index. */
export type SharedResults<R> = readonly (readonly [number, R])[];

/** What a worker posts back for the task `id`. */
export interface WorkerAnswer<R> {
  readonly id: number;
  readonly results: SharedResults<R>;
}

/** How a task's jobs are shared: worth a worker from `perWorker` jobs, `lanes` at a time a thread. */
export interface ShareOptions {
  readonly perWorker: number;
  readonly lanes: number;
}

/** Started workers that take one task after another; `close` ends them. */
export interface WorkerPool {
  readonly threads: WorkerThreads;
  /** Up to `count` workers, started now where the pool has fewer (fewer if one cannot start). */
  take(count: number): PooledWorker[];
  /** Ends every worker; the pool starts new ones if it is used again. */
  close(): void;
}

/** One pooled worker: `run` posts a task and resolves with its answer (empty if it dies). */
export interface PooledWorker {
  run<R>(jobs: SharedJobs<unknown>): Promise<SharedResults<R>>;
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

let nextTaskId = 1;

/** A pool of workers running `threads.script`; none is started before it is taken. */
export function createWorkerPool(threads: WorkerThreads): WorkerPool {
  let workers: StartedWorker[] = [];
  return {
    threads,
    take(count) {
      workers = workers.filter((worker) => !worker.dead);
      while (workers.length < count) {
        const started = startWorker(threads);
        if (!started) break;
        workers.push(started);
      }
      return workers.slice(0, count);
    },
    close() {
      for (const worker of workers) worker.end();
      workers = [];
    },
  };
}

/**
 * Does `work(input, i)` for every i < total, shared with `pool`'s workers that run `task` on the
 * same input; without a pool, all here.
 */
export async function shareJobs<I, R>(
  task: string,
  input: I,
  total: number,
  work: (input: I, index: number) => Promise<R>,
  options: ShareOptions,
  pool?: WorkerPool,
): Promise<{ readonly results: R[]; readonly byWorkers: number }> {
  const workers = pool ? pool.take(workerCount(total, options.perWorker, pool.threads)) : [];
  const claims = new Int32Array(new SharedArrayBuffer(4 * (1 + workers.length)));
  const jobs = { id: nextTaskId++, task, input, total, claims: claims.buffer };
  const answers = workers.map((worker, slot) => worker.run<R>({ ...jobs, slot }));
  const results = new Array<R | undefined>(total);
  const done = new Array<boolean>(total).fill(false);
  const record = (index: number, result: R): void => {
    results[index] = result;
    done[index] = true;
  };
  const mainWorks = pool?.threads.mainThreadWorks ?? true;
  if (mainWorks) await claimJobs(jobs, work, options.lanes, record);
  let byWorkers = 0;
  for (const [slot, answer] of answers.entries()) {
    // A worker that has not begun is told it is not wanted; one that has is waited for.
    const state = mainWorks ? Atomics.compareExchange(claims, 1 + slot, NOT_BEGUN, NOT_WANTED) : WORKING;
    const found = state === NOT_BEGUN ? [] : await answer;
    for (const [index, result] of found) record(index, result);
    byWorkers += found.length;
  }
  // Jobs a failed worker claimed but never answered are done here.
  for (const [index, finished] of done.entries()) {
    if (!finished) record(index, await work(input, index));
  }
  return { results: results as R[], byWorkers };
}

function workerCount(total: number, perWorker: number, threads: WorkerThreads): number {
  if (threads.count !== undefined) return threads.count;
  return Math.max(0, Math.min(MAX_WORKERS, availableParallelism() - 1, Math.floor(total / perWorker)));
}

type StartedWorker = PooledWorker & { dead: boolean; end(): void };

/** A started worker; undefined when it cannot even be created (its jobs stay with this thread). */
function startWorker(threads: WorkerThreads): StartedWorker | undefined {
  let thread: Worker;
  try {
    thread = new Worker(threads.script, {
      ...(threads.execArgv ? { execArgv: [...threads.execArgv] } : {}),
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      // What the jobs need travels with them (the run's environment snapshot included).
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
  const pending = new Map<number, (results: SharedResults<unknown>) => void>();
  const worker = {
    dead: false,
    run<R>(jobs: SharedJobs<unknown>): Promise<SharedResults<R>> {
      if (worker.dead) return Promise.resolve([]);
      return new Promise<SharedResults<R>>((resolve) => {
        pending.set(jobs.id, resolve as (results: SharedResults<unknown>) => void);
        thread.postMessage(jobs);
      });
    },
    end(): void {
      die();
      void thread.terminate();
    },
  };
  // A worker that fails or ends answers nothing more: what it was asked falls back to this thread.
  const die = (): void => {
    worker.dead = true;
    for (const resolve of pending.values()) resolve([]);
    pending.clear();
  };
  thread.on('message', (answer: WorkerAnswer<unknown>) => {
    pending.get(answer.id)?.(answer.results);
    pending.delete(answer.id);
  });
  thread.once('error', die);
  thread.once('exit', die);
  return worker;
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

/** The worker's side of one task: begin unless no longer wanted, claim jobs, answer with their results. */
export async function serveJobs<I, R>(
  jobs: SharedJobs<I>,
  work: (input: I, index: number) => Promise<R>,
  lanes: number,
  answer: (answer: WorkerAnswer<R>) => void,
): Promise<void> {
  const claims = new Int32Array(jobs.claims);
  const results: [number, R][] = [];
  if (Atomics.compareExchange(claims, 1 + jobs.slot, NOT_BEGUN, WORKING) === NOT_BEGUN) {
    await claimJobs(jobs, work, lanes, (index, result) => results.push([index, result]));
  }
  answer({ id: jobs.id, results });
}
