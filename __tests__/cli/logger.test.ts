import { describe, expect, it } from 'vitest';
import { paletteFor } from '../../src/cli/color.js';
import { safeStream } from '../../src/cli/io.js';
import { createCliLogger } from '../../src/cli/logger.js';
import { createSecretSet, REDACTED } from '../../src/common/scrub.js';

function sink(isTTY?: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { write: (text: string) => chunks.push(text), ...(isTTY === undefined ? {} : { isTTY }) },
  };
}

describe('secret masking', () => {
  it('scrubs every registered secret and makes the text inert', () => {
    const { chunks, stream } = sink();
    safeStream(stream, createSecretSet(['s3cr3t'])).write('a s3cr3t b\n ::add-mask::x\n');
    expect(chunks).toEqual([`a ${REDACTED} b\n \\::add-mask::x\n`]);
  });

  it('masks secrets registered through the logger in later stream writes', () => {
    const { chunks, stream } = sink();
    const secrets = createSecretSet();
    const stderr = safeStream(stream, secrets);
    const logger = createCliLogger(stderr, paletteFor(false), false, secrets);
    logger.mask('tok-123');
    logger.warning('token tok-123 expired');
    logger.info('hidden without verbose');
    logger.notice('hidden without verbose');
    logger.error('x');
    expect(chunks).toEqual([`warning: token ${REDACTED} expired\n`, 'error: x\n']);
  });

  it.each([
    { name: 'verbose', verbose: true, debug: false, expected: ['i\n', 'note: n\n'] },
    { name: 'debug', verbose: false, debug: true, expected: ['debug: d\n'] },
    { name: 'both', verbose: true, debug: true, expected: ['i\n', 'debug: d\n', 'note: n\n'] },
  ])('prints what $name asks for', ({ verbose, debug, expected }) => {
    const { chunks, stream } = sink();
    const logger = createCliLogger(stream, paletteFor(false), verbose, createSecretSet(), debug);
    logger.info('i');
    logger.debug('d');
    logger.notice('n');
    expect(chunks).toEqual(expected);
    expect(logger.isDebug()).toBe(debug);
  });
});
