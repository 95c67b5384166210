/** common/cancel.ts: a first signal requests the cancel, the grace (or a second signal) expires it. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CANCEL_GRACE_MS,
  cancelledBy,
  cancelOnSignals,
  createCancelSource,
} from '../../src/common/cancel.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createCancelSource', () => {
  it('requests at the first cancel and expires when the grace is over', () => {
    vi.useFakeTimers();
    const source = createCancelSource();
    const { requested, expired } = source.cancellation;
    expect(cancelledBy(source.cancellation)).toBeUndefined();
    source.cancel('SIGTERM');
    expect([requested.aborted, expired.aborted]).toEqual([true, false]);
    expect(cancelledBy(source.cancellation)).toBe('SIGTERM');
    vi.advanceTimersByTime(CANCEL_GRACE_MS - 1);
    expect(expired.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(expired.aborted).toBe(true);
  });

  it('a second cancel ends the grace at once; the first cause stays the one named', () => {
    vi.useFakeTimers();
    const source = createCancelSource();
    source.cancel('SIGINT');
    source.cancel('SIGTERM');
    expect(source.cancellation.expired.aborted).toBe(true);
    expect(cancelledBy(source.cancellation)).toBe('SIGINT');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('cancelOnSignals', () => {
  it('turns SIGINT and SIGTERM into the cancel, and takes its listeners away again', () => {
    const emitter = new EventEmitter();
    const source = createCancelSource();
    const stop = cancelOnSignals(source, emitter);
    expect([emitter.listenerCount('SIGINT'), emitter.listenerCount('SIGTERM')]).toEqual([1, 1]);
    emitter.emit('SIGTERM');
    expect(cancelledBy(source.cancellation)).toBe('SIGTERM');
    stop();
    expect([emitter.listenerCount('SIGINT'), emitter.listenerCount('SIGTERM')]).toEqual([0, 0]);
  });
});
