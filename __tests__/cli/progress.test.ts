import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';
import { useEmulator } from '../support/emulator.js';
import {
  definitionYaml,
  emulatorFlags,
  runCli,
  seedFor,
  TOKEN_ENV,
  useWorkDir,
  writeFiles,
} from './cli-helpers.js';

function sink(isTTY?: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { write: (text: string) => chunks.push(text), ...(isTTY === undefined ? {} : { isTTY }) },
  };
}

describe('createProgressLine', () => {
  it('redraws in place on a TTY and skips identical frames', () => {
    const { chunks, stream } = sink(true);
    const progress = createProgressLine(stream);
    progress.update(1, 4, 'reading');
    progress.update(1, 4, 'reading');
    progress.update(2, 4, 'reading');
    progress.clear();
    expect(chunks).toEqual(['\r\u001b[Kreading 1/4 (25%)', '\r\u001b[Kreading 2/4 (50%)', '\r\u001b[K']);
  });

  it('writes nothing when not a TTY', () => {
    const { chunks, stream } = sink(false);
    const progress = createProgressLine(stream);
    progress.update(1, 2, 'reading');
    progress.clear();
    expect(chunks).toEqual([]);
  });
});

describe('the progress line of a plan', () => {
  const emulator = useEmulator();
  const work = useWorkDir();

  it('never shows a total that later grows: while the list is read it shows a count only', async () => {
    // Two definitions bound by name and a prune match: three reads, known only after the list.
    await writeFiles(work.current, {
      'coc-scripts/a.yaml': definitionYaml('a', 'changed'),
      'coc-scripts/b.yaml': definitionYaml('b', 'changed'),
    });
    emulator.current.seed([seedFor('a'), seedFor('b'), seedFor('ops_old')]);
    const run = await runCli(
      ['plan', '--prune', 'ops_*', '--ownership', 'name', ...emulatorFlags(emulator.current)],
      { cwd: work.current, env: TOKEN_ENV, tty: true },
    );
    expect(run.code).toBe(2);
    const frames = run.stderr.split('\r\u001b[K').filter((frame) => frame.startsWith('reading'));
    const totals = new Set(frames.flatMap((frame) => /\d+\/(\d+)/.exec(frame)?.[1] ?? []));
    expect([...totals]).toEqual(['3']);
    expect(frames.at(-1)).toBe('reading 3/3 (100%)');
  });
});
