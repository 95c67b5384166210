/**
 * The action's logger (src/log.ts): `infoLines` writes what as many `info` calls would, in one
 * write — each message scrubbed and one inert line, so a line break in a message cannot forge a
 * workflow command.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActionsLogger } from '../../src/log.js';

const messages = ['create deploy_app', 'update web (content)\n::error::forged', 'token s3cr3t-value inside'];

function captured(log: (logger: ReturnType<typeof createActionsLogger>) => void): string[] {
  const writes: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  const logger = createActionsLogger();
  logger.secrets.add('s3cr3t-value');
  log(logger);
  vi.restoreAllMocks();
  return writes;
}

afterEach(() => vi.restoreAllMocks());

describe('createActionsLogger().infoLines', () => {
  it('writes the lines of as many info calls, in one write', () => {
    const one = captured((logger) => logger.infoLines(messages));
    const each = captured((logger) => messages.forEach((message) => logger.info(message)));
    expect(one).toHaveLength(1);
    expect(each).toHaveLength(3);
    expect(one.join('')).toBe(each.join(''));
    const lines = one.join('').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => !line.startsWith('::'))).toBe(true);
    expect(one.join('')).not.toContain('s3cr3t-value');
  });

  it('writes nothing for no lines', () => {
    expect(captured((logger) => logger.infoLines([]))).toEqual([]);
  });
});
