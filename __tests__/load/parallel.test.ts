/**
 * Loading on worker threads (src/load/parallel.ts over common/threads.ts) gives exactly what
 * loading in one thread gives — same definitions, same diagnostics, same order — and a worker
 * that cannot start or dies leaves its files to the main thread. The workers run the TypeScript
 * entry (src/worker.ts) through tsx. One pool of workers serves the load, then the content check.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contentRootOf } from '../../src/load/content.js';
import { loadDefinitions } from '../../src/load/load.js';
import { createWorkerPool, type WorkerPool, type WorkerThreads } from '../../src/common/threads.js';
import { loadDefinitionFiles } from '../../src/load/parallel.js';
import { findShellSyntaxErrors } from '../../src/check/shell-batch.js';
import { compileShellParser } from '../../src/check/shell-wasm.js';
import { makeSpecs, writeDefinitions } from '../support/generate.js';

const WORKER = new URL('../../src/worker.ts', import.meta.url);
const TSX = ['--import', 'tsx'];
const env = { TARGET_DIR: '/srv/from-env' };
const VALID_FIELDS = 'type: SHELL\ndescription: d\nrisk_level: LOW\nversion: 1.0.0\n';

let dir: string;
let root: string;

beforeAll(async () => {
  // 180 generated definitions in 6 folders, plus files each thread must report the same way:
  // a syntax error, a schema error, a duplicate name, a content_file and a value_from_env.
  dir = await writeDefinitions(makeSpecs(180, 'par', 5), 'parallel', 6);
  root = dirname(dir);
  await writeFile(join(dir, 'team-000', 'broken.yaml'), 'name: [unclosed\n');
  await writeFile(
    join(dir, 'team-001', 'bad-risk.yaml'),
    'name: bad_risk\ntype: SHELL\ncontent: "x"\nrisk_level: EXTREME\n',
  );
  await writeFile(join(dir, 'team-002', 'copy.yaml'), `name: par_0001\n${VALID_FIELDS}content: "echo hi"\n`);
  await mkdir(join(dir, 'team-003', 'scripts'));
  await writeFile(join(dir, 'team-003', 'scripts', 'run.sh'), '#!/bin/sh\necho from a file\n');
  await writeFile(
    join(dir, 'team-003', 'from-file.yaml'),
    `name: from_file\n${VALID_FIELDS}content_file: scripts/run.sh\nparams:\n  - name: target\n    value_from_env: TARGET_DIR\n`,
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});
const threads = (extra: Partial<WorkerThreads> = {}): WorkerPool => {
  const pool = createWorkerPool({ script: WORKER, execArgv: TSX, ...extra });
  pools.push(pool);
  return pool;
};

describe('loading on worker threads', () => {
  it('returns what one thread returns, with the main thread and a worker sharing the files', async () => {
    const single = await loadDefinitions('coc-scripts', env, root);
    const shared = await loadDefinitions('coc-scripts', env, root, root, {
      reservedTags: 1,
      workers: threads({ count: 1 }),
    });
    expect(single.files).toBe(184);
    expect(single.definitions).toHaveLength(182);
    expect(single.diagnostics.map((d) => d.location?.file)).toEqual([
      'coc-scripts/team-000/broken.yaml',
      'coc-scripts/team-000/par_0001.yaml',
      'coc-scripts/team-001/bad-risk.yaml',
      'coc-scripts/team-001/bad-risk.yaml',
      'coc-scripts/team-001/bad-risk.yaml',
      'coc-scripts/team-002/copy.yaml',
    ]);
    const fromFile = single.definitions.find((d) => d.name === 'from_file');
    expect(fromFile).toMatchObject({ content: '#!/bin/sh\necho from a file\n' });
    const { byWorkers, ...sameAsSingle } = shared;
    expect(sameAsSingle).toEqual(single);
    expect(byWorkers ?? 0).toBeLessThanOrEqual(single.files);
  });

  it('lets the workers load every file when the main thread stays out', async () => {
    const files = (await loadDefinitions('coc-scripts', env, root)).files;
    const jobs = await inputs();
    const loaded = await loadDefinitionFiles(jobs, threads({ count: 1, mainThreadWorks: false }));
    expect(loaded.byWorkers).toBe(files);
    const alone = await loadDefinitionFiles(jobs);
    expect(loaded.outcomes).toEqual(alone.outcomes);
    expect(alone.byWorkers).toBe(0);
  });

  it.each([
    ['cannot start', new URL('./no-such-worker.js', import.meta.url)],
    ['dies after claiming files', new URL('../fixtures/workers/dies-after-claiming.ts', import.meta.url)],
  ])('loads every file itself when the worker %s', async (_, script) => {
    const jobs = await inputs();
    const alone = await loadDefinitionFiles(jobs);
    const loaded = await loadDefinitionFiles(jobs, threads({ script, count: 1, mainThreadWorks: false }));
    expect(loaded.byWorkers).toBe(0);
    expect(loaded.outcomes).toEqual(alone.outcomes);
  });
});

describe('one pool for the load and the content check', () => {
  it('keeps its worker from one task to the next: the shell batches go to the worker that loaded', async () => {
    const pool = threads({ count: 1, mainThreadWorks: false });
    const [worker] = pool.take(1);
    const jobs = await inputs();
    const loaded = await loadDefinitionFiles(jobs, pool);
    expect(loaded.byWorkers).toBe(jobs.paths.length);
    expect(pool.take(1)).toEqual([worker]);
    // 400 scripts of about 800 bytes: batches of 64 KB, each one call of the parser, all on the worker.
    const texts = Array.from({ length: 400 }, (_, n) => `echo ${n}\n`.repeat(100));
    texts[250] = 'case $1 in\n';
    const parser = await compileShellParser();
    const shared = await findShellSyntaxErrors(texts, 'bash', parser, pool);
    expect(shared.byWorkers).toBeGreaterThan(1);
    expect(shared.errors).toEqual((await findShellSyntaxErrors(texts, 'bash', parser)).errors);
    expect(shared.errors.filter((error) => error !== undefined)).toHaveLength(1);
    expect(pool.take(1)).toEqual([worker]);
    pool.close();
    const [fresh] = pool.take(1);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(worker);
  });

  it('gives each task its own answer when a worker was not wanted for the one before', async () => {
    // The main thread works too: a task of one job is done before the new worker has begun, so the
    // worker answers it late (with nothing); the next task's answer must not be taken for it.
    const pool = threads({ count: 1 });
    const parser = await compileShellParser();
    const one = await findShellSyntaxErrors(['echo one\n'], 'bash', parser, pool);
    expect(one).toEqual({ errors: [undefined], byWorkers: 0 });
    const texts = Array.from({ length: 400 }, (_, n) =>
      n % 97 === 5 ? 'if x; then\n' : `echo ${n}\n`.repeat(100),
    );
    const shared = await findShellSyntaxErrors(texts, 'bash', parser, pool);
    expect(shared.errors).toEqual((await findShellSyntaxErrors(texts, 'bash', parser)).errors);
    expect(shared.errors.filter((error) => error !== undefined)).toHaveLength(5);
  });
});

/** The inputs loadDefinitions would pass for the test folder. */
async function inputs() {
  const { discoverDefinitionFiles } = await import('../../src/load/discover.js');
  const found = await discoverDefinitionFiles(dir);
  if (found.kind !== 'found') throw new Error('test folder missing');
  const displays = found.files.map((file) => file.slice(root.length + 1));
  const shared = { root: await contentRootOf(dir), env, reservedTags: 1 };
  return { paths: found.files, displays, shared };
}
