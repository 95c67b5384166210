/** A one-line progress indicator on stderr, redrawn in place; only on a terminal. */
import type { OutputStream } from './io.js';

export interface ProgressLine {
  /** Matches RunDeps.onProgress. */
  readonly update: (done: number, total: number, phase: string) => void;
  /** Erases the line so the final report starts on a clean line. */
  readonly clear: () => void;
}

const ERASE = '\r\u001b[K';

/** A progress line on `stream`, or a silent one when the stream is not a TTY. */
export function createProgressLine(stream: OutputStream): ProgressLine {
  if (stream.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  let shown = '';
  return {
    update: (done, total, phase) => {
      const text = total > 0 ? `${phase} ${done}/${total} (${Math.floor((done * 100) / total)}%)` : phase;
      // Redraw only when the text changes: a thousand identical writes would flicker.
      if (text === shown) return;
      shown = text;
      stream.write(`${ERASE}${text}`);
    },
    clear: () => {
      if (shown !== '') stream.write(ERASE);
      shown = '';
    },
  };
}
