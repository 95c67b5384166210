/**
 * Holding the young generation (src/common/young-generation.ts), in a process of its own (V8's
 * flags are per process): a program that keeps what it allocates, as a run keeps its definitions
 * and scripts, grows the young generation for good without it, and keeps its size with it.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/runner.js';

/** The young generation's size at the start and after each of 20 rounds of keeping 1 MB more. */
function youngGenerationSizes(held: boolean): { before: number; rounds: number[] } {
  const program = `
    import { holdYoungGeneration, youngGenerationBytes } from './src/common/young-generation.ts';
    if (${held}) holdYoungGeneration();
    const before = youngGenerationBytes();
    const kept = [];
    const rounds = [];
    for (let round = 0; round < 20; round += 1) {
      for (let i = 0; i < 10_000; i += 1) kept.push({ name: 'script-' + round + '-' + i, lines: [round, i] });
      rounds.push(youngGenerationBytes());
    }
    console.log(JSON.stringify({ before, rounds, kept: kept.length }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.stderr).toBe('');
  const answer = JSON.parse(run.stdout) as { before: number; rounds: number[]; kept: number };
  expect(answer.kept).toBe(200_000);
  return answer;
}

describe('holdYoungGeneration', () => {
  it('stops the young generation growing from the size it has', () => {
    const free = youngGenerationSizes(false);
    expect(free.rounds.at(-1)).toBeGreaterThanOrEqual(4 * free.before);
    expect(free.rounds.filter((size) => size === free.before).length).toBeLessThan(free.rounds.length / 2);
    // Held, it keeps its size; while the old generation is being marked, V8 lends it pages for a
    // few rounds and takes them back, so most rounds (not every one) see the size it started at.
    const held = youngGenerationSizes(true);
    const atStart = held.rounds.filter((size) => size === held.before).length;
    expect(atStart).toBeGreaterThanOrEqual(held.rounds.length / 2);
  });
});
