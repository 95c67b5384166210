import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';

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
