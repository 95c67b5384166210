import { describe, expect, it } from 'vitest';
import { paletteFor } from '../../src/cli/color.js';
import { maskingStream, redactSecrets } from '../../src/cli/io.js';
import { createCliLogger } from '../../src/cli/logger.js';

function sink(isTTY?: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { write: (text: string) => chunks.push(text), ...(isTTY === undefined ? {} : { isTTY }) },
  };
}

describe('secret masking', () => {
  it('redacts every registered secret', () => {
    expect(redactSecrets('a s3cr3t b s3cr3t', ['s3cr3t', ''])).toBe('a *** b ***');
  });

  it('masks secrets registered through the logger in later stream writes', () => {
    const { chunks, stream } = sink();
    const secrets: string[] = [];
    const stderr = maskingStream(stream, secrets);
    const logger = createCliLogger(stderr, paletteFor(false), false, secrets);
    logger.mask('tok-123');
    logger.warning('token tok-123 expired');
    logger.info('hidden without verbose');
    logger.notice('hidden without verbose');
    logger.error('x');
    expect(chunks).toEqual(['warning: token *** expired\n', 'error: x\n']);
  });

  it.each([
    { name: 'verbose', verbose: true, debug: false, expected: ['i\n', 'note: n\n'] },
    { name: 'debug', verbose: false, debug: true, expected: ['debug: d\n'] },
    { name: 'both', verbose: true, debug: true, expected: ['i\n', 'debug: d\n', 'note: n\n'] },
  ])('prints what $name asks for', ({ verbose, debug, expected }) => {
    const { chunks, stream } = sink();
    const logger = createCliLogger(stream, paletteFor(false), verbose, [], debug);
    logger.info('i');
    logger.debug('d');
    logger.notice('n');
    expect(chunks).toEqual(expected);
    expect(logger.isDebug()).toBe(debug);
  });
});
