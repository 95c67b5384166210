/**
 * Entry of a worker thread (common/threads.ts), bundled on its own as dist/worker/index.js: it
 * takes one task after another from its messages (the files of the load stage, the content
 * check's shell batches), does the jobs of each it claims and answers each once with their
 * results. A job that throws ends the worker: the main thread then does what it had claimed.
 */
import { parentPort } from 'node:worker_threads';
import { serveJobs, type SharedJobs, type WorkerAnswer } from './common/threads.js';
import { checkBatchAt, SHELL_SHARE, SHELL_SYNTAX_TASK } from './check/shell-batch.js';
import { LOAD_SHARE, LOAD_TASK, loadFileAt } from './load/parallel.js';

const answer = (found: WorkerAnswer<unknown>): void => parentPort?.postMessage(found);

function serve(jobs: SharedJobs<never>): Promise<void> {
  if (jobs.task === LOAD_TASK) return serveJobs(jobs, loadFileAt, LOAD_SHARE.lanes, answer);
  if (jobs.task === SHELL_SYNTAX_TASK) return serveJobs(jobs, checkBatchAt, SHELL_SHARE.lanes, answer);
  answer({ id: jobs.id, results: [] });
  return Promise.resolve();
}

// One task at a time, in the order they come.
let queue = Promise.resolve();
parentPort?.on('message', (jobs: SharedJobs<never>) => {
  queue = queue
    .then(() => serve(jobs))
    .catch((error: unknown) => {
      setImmediate(() => {
        throw error;
      });
    });
});
