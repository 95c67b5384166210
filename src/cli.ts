#!/usr/bin/env node
/** CLI entry: argv -> cli/main.ts -> exit code (exit.ts ends the process). */
import { createInterface } from 'node:readline';
import { main } from './cli/main.js';
import { cancelOnSignals, createCancelSource } from './common/cancel.js';
import { holdYoungGeneration } from './common/young-generation.js';
import { exitWhenFlushed } from './exit.js';

/**
 * The worker-thread entry, beside the bundles (dist/worker/, built by `npm run bundle`). Not a
 * literal inside `new URL(…)`, so the bundler does not take it for an asset to copy.
 */
const WORKER = '../worker/index.js';

/** One line from stdin (apply's confirmation); undefined when stdin ends first. */
function readLine(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

holdYoungGeneration();

// Ctrl-C (or SIGTERM) cancels the run instead of killing it mid-write: no new write starts, the
// ones in flight get a few seconds, and the report says what was done. A second Ctrl-C hurries it.
const cancel = createCancelSource();
const stopListening = cancelOnSignals(cancel, process);
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: { isTTY: process.stdin.isTTY === true, readLine },
  env: { ...process.env },
  cwd: process.cwd(),
  threads: { script: new URL(WORKER, import.meta.url) },
  cancellation: cancel.cancellation,
});
stopListening();
await exitWhenFlushed(code);
