/**
 * Cancelling a run. The runner cancels a job with SIGINT, then SIGTERM 7.5 s later, then SIGKILL
 * 2.5 s after that; a terminal user presses Ctrl-C. The front ends (src/action.ts, src/cli.ts)
 * turn those signals into a Cancellation; the engine and the COC client see only its two
 * AbortSignals, never a process.
 *
 * At the first signal no new request starts (reads in flight stop at once); writes in flight get
 * CANCEL_GRACE_MS to finish, so their outcome is known and reported. A second signal ends the
 * grace at once. Either way the run then reports what it did and exits non-zero.
 */

/** How long writes in flight may take after a cancel before they are abandoned. */
export const CANCEL_GRACE_MS = 5_000;

/** The signals a run is cancelled by. */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type CancelSignal = (typeof CANCEL_SIGNALS)[number];

export interface Cancellation {
  /** Aborted at the first cancel, with what cancelled (`SIGTERM`) as its reason. */
  readonly requested: AbortSignal;
  /** Aborted when writes in flight must be abandoned: the grace is over, or a second cancel came. */
  readonly expired: AbortSignal;
}

export interface CancelSource {
  readonly cancellation: Cancellation;
  /** Cancels the run (`by` names the cause); a second call ends the grace at once. */
  cancel(by: string): void;
  /** Clears the grace timer (the run is over). */
  dispose(): void;
}

/** Creates a cancellation that has not been requested. */
export function createCancelSource(graceMs: number = CANCEL_GRACE_MS): CancelSource {
  const requested = new AbortController();
  const expired = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const dispose = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    cancellation: { requested: requested.signal, expired: expired.signal },
    cancel(by) {
      if (requested.signal.aborted) {
        dispose();
        expired.abort(by);
        return;
      }
      requested.abort(by);
      timer = setTimeout(() => expired.abort(by), graceMs);
      // The grace must never keep a finished run alive.
      timer.unref();
    },
    dispose,
  };
}

/** What cancelled the run, once it was cancelled. */
export function cancelledBy(cancellation: Cancellation | undefined): string | undefined {
  if (cancellation?.requested.aborted !== true) return undefined;
  const reason: unknown = cancellation.requested.reason;
  return typeof reason === 'string' ? reason : 'a cancel';
}

/** The part of `process` the front ends hand over: signal listeners. */
export interface SignalEmitter {
  on(signal: CancelSignal, listener: () => void): unknown;
  off(signal: CancelSignal, listener: () => void): unknown;
}

/**
 * Cancels `source` on SIGINT and SIGTERM of `emitter` (the front end passes `process`); returns
 * the function that removes the listeners again. While they are on, the signals no longer kill
 * the process: the run ends itself, after reporting.
 */
export function cancelOnSignals(source: CancelSource, emitter: SignalEmitter): () => void {
  const listeners = CANCEL_SIGNALS.map((signal) => {
    const listener = (): void => source.cancel(signal);
    emitter.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) emitter.off(signal, listener);
    source.dispose();
  };
}
