/**
 * Batched parsing must give every script the verdict it gets alone: pairs of scripts that are
 * broken on their own but parse when joined (the second closes what the first left open) must
 * still be reported, with the position the script alone gives (each pair is also checked to
 * contain at least one script that is broken on its own).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileShellParser } from '../../src/check/shell-wasm.js';
import { findShellSyntaxError } from '../../src/check/shell.js';
import { findShellSyntaxErrors, SHELL_SHARE } from '../../src/check/shell-batch.js';
import { createWorkerPool, type WorkerPool, type WorkerThreads } from '../../src/common/threads.js';

/** The TypeScript worker entry, run through tsx (the bundled one is tested in e2e/worker.test.ts). */
const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});
const threads = (extra: Partial<WorkerThreads> = {}): WorkerPool => {
  const pool = createWorkerPool({
    script: new URL('../../src/worker.ts', import.meta.url),
    execArgv: ['--import', 'tsx'],
    ...extra,
  });
  pools.push(pool);
  return pool;
};

/** Enough 4 KB scripts for a worker (SHELL_SHARE.perWorker batches of 64 KB), three of them broken. */
function manyScripts(): string[] {
  const body = Array.from(
    { length: 100 },
    (_, line) => `echo "line ${line} of the script" | tr a-z A-Z`,
  ).join('\n');
  const texts = Array.from(
    { length: SHELL_SHARE.perWorker * 16 + 5 },
    (_, index) => `#!/bin/bash\n# ${index}\n${body}\n`,
  );
  texts[3] = 'if true; then\n  echo never closed\n';
  texts[70] = "echo 'unterminated\n";
  texts[texts.length - 1] = 'fi\n';
  return texts;
}

const fine = ['#!/bin/bash\necho one\n', 'cat <<EOF\nbody\nEOF\n', 'f() { echo "$1"; }\nf x'];

describe('batched shell parsing', () => {
  it.each([
    { name: 'if closed by the next script', open: 'if true; then\n  echo a\n', close: 'fi\necho b\n' },
    { name: 'quote closed by the next script', open: "echo 'a\n", close: "b'\n" },
    { name: 'here-document ended by the next script', open: 'cat <<EOF\nbody\n', close: 'EOF\necho b\n' },
    // Alone, a trailing backslash is no error; joined, it would swallow the next script's first line.
    { name: 'backslash continued into the next script', open: 'echo a \\', close: 'fi\n' },
    { name: 'function body closed by the next script', open: 'f() {\n  echo a\n', close: '}\n' },
    { name: 'case closed by the next script', open: 'case $1 in\n  a) echo a ;;\n', close: 'esac\n' },
  ])('$name: each keeps its own verdict', async ({ open, close }) => {
    const texts = [...fine, open, close, ...fine];
    const parser = await compileShellParser();
    const batched = (await findShellSyntaxErrors(texts, 'bash', parser)).errors;
    const alone = await Promise.all(texts.map((text) => findShellSyntaxError(text, 'bash', parser)));
    expect(batched).toEqual(alone);
    expect(batched.some((result) => result !== undefined)).toBe(true);
  });

  it('passes valid scripts in one call and still finds an error among many', async () => {
    const texts = Array.from({ length: 40 }, (_, index) => `echo ${index}\n`);
    expect((await findShellSyntaxErrors(texts, 'bash', await compileShellParser())).errors).toEqual(
      texts.map(() => undefined),
    );
    texts[17] = 'echo "unterminated\n';
    const results = (await findShellSyntaxErrors(texts, 'bash', await compileShellParser())).errors;
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(results[17]).toEqual({ message: 'reached EOF without closing quote `"`', index: 5 });
  });

  it('gives the same verdicts when the batches are shared with a worker thread', async () => {
    const texts = manyScripts();
    const parser = await compileShellParser();
    const alone = await findShellSyntaxErrors(texts, 'bash', parser);
    expect(alone.byWorkers).toBe(0);
    expect(alone.errors.filter((error) => error !== undefined)).toHaveLength(3);
    const shared = await findShellSyntaxErrors(
      texts,
      'bash',
      parser,
      threads({ count: 1, mainThreadWorks: false }),
    );
    expect(shared.byWorkers).toBeGreaterThanOrEqual(SHELL_SHARE.perWorker);
    expect(shared.errors).toEqual(alone.errors);
    const both = await findShellSyntaxErrors(texts, 'bash', parser, threads({ count: 1 }));
    expect(both.errors).toEqual(alone.errors);
  });

  it('parses every batch itself when the worker dies after claiming some', async () => {
    const texts = manyScripts();
    const parser = await compileShellParser();
    const script = new URL('../fixtures/workers/dies-after-claiming.ts', import.meta.url);
    const shared = await findShellSyntaxErrors(
      texts,
      'bash',
      parser,
      threads({ script, count: 1, mainThreadWorks: false }),
    );
    expect(shared.byWorkers).toBe(0);
    expect(shared.errors).toEqual((await findShellSyntaxErrors(texts, 'bash', parser)).errors);
  });
});
