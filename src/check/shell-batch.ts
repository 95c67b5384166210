/**
 * Many SHELL scripts parsed in few parser calls. Every call of the bundled parser needs a fresh
 * WebAssembly instance (its TinyGo build does not support a second call into one instance), and
 * that instance costs more than parsing a 4 KB script; so scripts of one dialect are parsed
 * together, one after the other in one text, and the tree proves that each stands alone.
 *
 * The proof: every top-level statement of the joined text, with everything it contains (here-
 * document bodies too), lies inside one script. A script that leaves anything open (an `if`
 * without `fi`, a quote, a here-document, a trailing `\`) would make a statement cross into the
 * next script, or make the text fail to parse. Either way that batch is parsed again one script
 * at a time, which gives each script its own verdict, message and position.
 */
import { shareJobs, type WorkerPool } from '../common/threads.js';
import type { ShellDialect, ShellParser, ShellSyntaxError } from './shell.js';
import { findShellSyntaxError, parseShell } from './shell.js';

/** Bytes of script text per parser call (32 scripts of 2 KB, 16 of 4 KB). */
const BATCH_BYTES = 64 * 1024;

/** The task name workers know the shell check by (src/worker.ts). */
export const SHELL_SYNTAX_TASK = 'shell-syntax';

/**
 * A worker from 8 batches (about 500 KB of scripts): a cold batch takes 20–30 ms, a worker about
 * 50 ms to start, on the core python3 uses too; for 100 scripts of 4 KB (5 batches) a worker made
 * validate slower (367 → 405 ms), for 1,000 of 1–4 KB (40 batches) faster (1.36 → 1.17 s).
 * One batch at a time a thread: the parser is all CPU.
 */
export const SHELL_SHARE = { perWorker: 8, lanes: 1 } as const;

/** The batches of one dialect and the compiled parser (plain data: it crosses to the workers). */
export interface ShellBatches {
  readonly batches: readonly (readonly string[])[];
  readonly dialect: ShellDialect;
  readonly parser: ShellParser;
}

/**
 * The first syntax error of each text (LF line endings), or undefined, in the order given; the
 * batches are shared with `workers` when given (`byWorkers`: how many batches
 * they parsed). Throws like parseShell.
 */
export async function findShellSyntaxErrors(
  texts: readonly string[],
  dialect: ShellDialect,
  parser: ShellParser,
  workers?: WorkerPool,
): Promise<{ readonly errors: (ShellSyntaxError | undefined)[]; readonly byWorkers: number }> {
  const jobs: ShellBatches = { batches: batches(texts), dialect, parser };
  const { results, byWorkers } = await shareJobs(
    SHELL_SYNTAX_TASK,
    jobs,
    jobs.batches.length,
    checkBatchAt,
    SHELL_SHARE,
    workers,
  );
  return { errors: results.flat(), byWorkers };
}

/** Checks batch `index` of `jobs` (in whichever thread claimed it): one result per script. */
export async function checkBatchAt(
  jobs: ShellBatches,
  index: number,
): Promise<(ShellSyntaxError | undefined)[]> {
  const batch = jobs.batches[index] ?? [];
  if (batch.length > 1 && (await standAlone(batch, jobs.dialect, jobs.parser))) {
    return batch.map(() => undefined);
  }
  const results: (ShellSyntaxError | undefined)[] = [];
  for (const text of batch) results.push(await findShellSyntaxError(text, jobs.dialect, jobs.parser));
  return results;
}

function batches(texts: readonly string[]): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const size = Buffer.byteLength(text) + 1;
    if (current.length > 0 && bytes + size > BATCH_BYTES) {
      found.push(current);
      current = [];
      bytes = 0;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** True when the joined batch parses and each of its top-level statements stays in one script. */
async function standAlone(
  batch: readonly string[],
  dialect: ShellDialect,
  parser: ShellParser,
): Promise<boolean> {
  const ends: number[] = [];
  let joined = '';
  let offset = 0;
  for (const text of batch) {
    // Each script ends with a line break of its own, so the next one starts on a fresh line.
    const piece = text.endsWith('\n') ? text : `${text}\n`;
    joined += piece;
    offset += Buffer.byteLength(piece);
    ends.push(offset);
  }
  let tree: Awaited<ReturnType<typeof parseShell>>;
  try {
    tree = await parseShell(joined, dialect, parser);
  } catch {
    return false;
  }
  return tree.Stmts.every((statement) => {
    const start = statement.Pos.Offset;
    const script = ends.findIndex((end) => start < end);
    const scriptStart = script <= 0 ? 0 : (ends[script - 1] ?? 0);
    return script !== -1 && start >= scriptStart && furthestEnd(statement) <= (ends[script] ?? 0);
  });
}

/**
 * The largest end offset of any node inside `node` (a here-document body ends after its line).
 * It visits every node of the batch's tree, so it loops without the entry arrays of
 * `Object.entries` and the argument lists of a spread: a quarter of the time (1,000 scripts:
 * about 170 ms → 45 ms), same nodes, same answer.
 */
function furthestEnd(node: unknown): number {
  let furthest = 0;
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current as unknown[]) pending.push(item);
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const value = record[key];
      if (key === 'End' || key === 'ValueEnd') {
        const end = (value as { Offset?: unknown } | null)?.Offset;
        if (typeof end === 'number' && end > furthest) furthest = end;
      } else if (key !== 'Pos' && key !== 'ValuePos' && key !== 'OpPos') {
        pending.push(value);
      }
    }
  }
  return furthest;
}
