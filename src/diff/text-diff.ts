/** Unified diff of script content, made by the `diff` package (never hand-written). */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { normalizeLineEndings } from '../common/line-endings.js';

/**
 * Unified diff from `before` (undefined = the script does not exist yet) to `after`, or
 * undefined when they are equal once CRLF is read as LF — a line-ending change is no change.
 */
export function renderContentDiff(before: string | undefined, after: string): string | undefined {
  const oldText = before === undefined ? '' : normalizeLineEndings(before);
  const newText = normalizeLineEndings(after);
  if (before !== undefined && oldText === newText) return undefined;
  // ASCII labels, not the script name: the `diff` package C-quotes non-ASCII file names
  // (`"\346\270…"`), and the name already heads every rendering of the diff.
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : 'remote',
    'desired',
    oldText,
    newText,
    undefined,
    undefined,
    // The `Index:`/`===` banner is meant for multi-file patches; one script needs none.
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
}
