/**
 * Entry of a worker thread (common/threads.ts), bundled on its own as dist/worker/index.js: it
 * does the jobs of one task it claims (the files of the load stage, or the content check's shell
 * batches) and answers once with their results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveJobs, type SharedJobs } from './common/threads.js';
import { checkBatchAt, SHELL_SHARE, SHELL_SYNTAX_TASK } from './check/shell-batch.js';
import { LOAD_SHARE, LOAD_TASK, loadFileAt } from './load/parallel.js';

const jobs = workerData as SharedJobs<never>;
const answer = (results: unknown): void => parentPort?.postMessage(results);
if (jobs.task === LOAD_TASK) await serveJobs(jobs, loadFileAt, LOAD_SHARE.lanes, answer);
else if (jobs.task === SHELL_SYNTAX_TASK) await serveJobs(jobs, checkBatchAt, SHELL_SHARE.lanes, answer);
else answer([]);
