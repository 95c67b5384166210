/**
 * The bundled worker entry (dist/worker/index.js, next to both bundles) runs on its own:
 * everything it imports is inside it, and it answers the claim protocol of src/common/threads.ts.
 * (A worker that fails would only cost speed: the main thread does its jobs.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpecs, writeDefinitions } from '../support/generate.js';
import { REPO_ROOT } from '../support/runner.js';

const WORKER = join(REPO_ROOT, 'dist/worker/index.js');

let dir: string;
beforeAll(async () => {
  dir = await writeDefinitions(makeSpecs(3, 'worker', 2), 'worker');
});
afterAll(async () => {
  await rm(dirname(dir), { recursive: true, force: true });
});

describe('dist/worker', () => {
  it('loads files and parses shell batches it claims, answering with the results, in a Node without node_modules', () => {
    expect(existsSync(WORKER)).toBe(true);
    const probe = `
      import { readFileSync } from 'node:fs';
      import { Worker } from 'node:worker_threads';
      const [worker, dir] = process.argv.slice(1);
      // One worker, two tasks one after the other, as the pool of src/common/threads.ts sends them.
      const thread = new Worker(worker, { execArgv: [] });
      let id = 0;
      const run = (task, input, total) => new Promise((resolve) => {
        const jobs = { id: ++id, task, input, total, claims: new SharedArrayBuffer(8), slot: 0 };
        thread.once('message', (answer) => resolve(answer.id === jobs.id ? answer.results : 'wrong id'));
        thread.postMessage(jobs);
      });
      const paths = ['worker_0001', 'worker_0002', 'worker_0003'].map((name) => dir + '/' + name + '.yaml');
      const load = await run('load', {
        paths, displays: paths.map((p) => p.slice(dir.length + 1)),
        shared: { root: { path: dir, realPath: dir }, env: {}, reservedTags: 1 },
      }, 3);
      // The shell check's task: batches of scripts and the compiled parser (dist/main.wasm) it is sent.
      const parser = new WebAssembly.Module(readFileSync(new URL('../main.wasm', 'file://' + worker)));
      const batches = [['echo fine\\n', 'echo also fine\\n'], ['if true; then\\n  echo open\\n']];
      const shell = await run('shell-syntax', { batches, dialect: 'bash', parser }, 2);
      console.log(JSON.stringify({ load: load.map(([i, o]) => [i, o.definition?.name]), shell }));
      await thread.terminate();
    `;
    // Run from a folder with no node_modules above it: the bundle must carry yaml and zod.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe, WORKER, dir], {
      cwd: dirname(dir),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as { load: unknown; shell: unknown };
    expect(answer.load).toEqual([
      [0, 'worker_0001'],
      [1, 'worker_0002'],
      [2, 'worker_0003'],
    ]);
    expect(answer.shell).toEqual([
      [0, [null, null]],
      [1, [{ message: '`if` statement must end with `fi`', index: 0 }]],
    ]);
  });
});
