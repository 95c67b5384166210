/**
 * The client-wide stop. Some answers mean no other request of the run can succeed: a rejected
 * token or signature (401), a denied permission (403), an API that does not exist at the
 * configured endpoint (404 APIGW.0101), or a host that cannot be reached at all. The first such
 * answer trips the stop: requests in flight are aborted, queued and waiting ones end at once with
 * the same error, and none of them retries or logs a retry line.
 */
import { CocApiError } from './errors.js';

export interface RunStop {
  /** Aborted when the stop trips; every attempt and every wait listens to it. */
  readonly signal: AbortSignal;
  /** The error that stopped the run, once one has. */
  error(): CocApiError | undefined;
  /** Stops the run with `error` (the first error wins). */
  trip(error: CocApiError): void;
}

/** Creates a stop that has not tripped. */
export function createRunStop(): RunStop {
  const controller = new AbortController();
  let first: CocApiError | undefined;
  return {
    signal: controller.signal,
    error: () => first,
    trip(error) {
      if (first !== undefined) return;
      first = error;
      controller.abort(error);
    },
  };
}

/** The gateway's "API does not exist": a wrong endpoint, not a missing script. */
const NO_SUCH_API = 'APIGW.0101';

/**
 * Whether a final failure is fatal for the whole run: authentication or permission (401, 403),
 * an endpoint that serves no COC API, or a host that refused or could not be resolved after
 * every retry (the request never left this machine).
 */
export function isFatal(error: CocApiError, sent: boolean | undefined): boolean {
  if (error.httpStatus === 401 || error.httpStatus === 403) return true;
  if (error.httpStatus === 404 && error.code === NO_SUCH_API) return true;
  return error.kind === 'network' && sent === false;
}

/**
 * Waits `ms` unless the stop trips (or `cancel` aborts) first; never keeps the process alive
 * after either.
 */
export async function waitUnlessStopped(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  stop: RunStop,
  cancel?: AbortSignal,
): Promise<void> {
  if (stop.error() !== undefined || cancel?.aborted === true) return;
  const signal = cancel ? AbortSignal.any([stop.signal, cancel]) : stop.signal;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, signal), stopped]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Whether `error` is the error a stop tripped with (so callers can tell it from item failures). */
export function isRunStop(error: unknown): error is CocApiError {
  return error instanceof CocApiError && error.stopsRun;
}
