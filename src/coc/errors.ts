/** The one error the COC client raises: what was being done, to which script, and why. */
import { errorMessage, SyncError } from '../errors.js';
import type { ApiErrorInfo } from '../model.js';

export type CocOperation =
  'listing' | 'reading' | 'creating' | 'updating' | 'tagging' | 'deleting' | 'approving' | 'authenticating';

/**
 * What kind of failure: an API answer, no answer in time, a transport problem, a 2xx body of the
 * wrong shape, an answer above the body cap, or a request the run's cancel stopped.
 */
export type CocFailureKind = 'api' | 'timeout' | 'network' | 'invalid-response' | 'too-large' | 'cancelled';

export interface CocApiErrorDetails {
  readonly operation: CocOperation;
  /** Script name or uuid; absent for a list. */
  readonly target?: string;
  readonly kind: CocFailureKind;
  readonly httpStatus?: number;
  /** `COC.xxxxxxxx`, `APIGW.xxxx` or `APIG.xxxx`. */
  readonly code?: string;
  /** `error_msg` from the body, or a description of the transport failure. */
  readonly apiMessage?: string;
  /** `X-Request-Id` header or `request_id` body field. */
  readonly requestId?: string;
  readonly timeoutSeconds?: number;
  readonly cause?: unknown;
  /** This failure stopped the whole run (coc/stop.ts): no other request can succeed. */
  readonly stopsRun?: boolean;
  /** What it means for the user and what to do, appended after the API's own words. */
  readonly hint?: string;
}

const AUTH_STATUSES = new Set([401, 403]);

function renderContext(details: CocApiErrorDetails): string {
  const what = details.target ?? (details.operation === 'listing' ? 'scripts' : '');
  return `while ${details.operation}${what ? ` ${what}` : ''}`;
}

function renderMessage(details: CocApiErrorDetails): string {
  const message = renderFailure(details);
  return details.hint === undefined ? message : `${message}: ${details.hint}`;
}

function renderFailure(details: CocApiErrorDetails): string {
  const context = renderContext(details);
  switch (details.kind) {
    case 'timeout':
      return `timed out after ${details.timeoutSeconds ?? '?'} s ${context}`;
    case 'network':
      return `connection failed (${details.apiMessage ?? 'unknown error'}) ${context}`;
    case 'invalid-response':
      return `unexpected response (HTTP ${details.httpStatus ?? '?'}): ${details.apiMessage ?? ''} ${context}`;
    case 'cancelled':
      return `cancelled (${details.apiMessage ?? 'the run was cancelled'}) ${context}`;
    case 'too-large':
      return `${details.apiMessage ?? 'answer too large'} (HTTP ${details.httpStatus ?? '?'}; read no further, not retried) ${context}`;
    case 'api': {
      const head = details.code
        ? `${details.code}: ${details.apiMessage ?? ''}`
        : (details.apiMessage ?? 'request failed');
      return `${head} (HTTP ${details.httpStatus ?? '?'}) ${context}`;
    }
  }
}

/**
 * A failed COC call, rendered like
 * `COC.00040601: Exist script with same name: backup_db (HTTP 400) while creating backup_db`.
 * 401/403 answers carry `reason: 'auth'`; everything else `api-error` (a failed item in apply is reported as `apply-failed` by main).
 */
export class CocApiError extends SyncError {
  readonly operation: CocOperation;
  readonly target: string | undefined;
  readonly kind: CocFailureKind;
  readonly httpStatus: number | undefined;
  readonly code: string | undefined;
  readonly apiMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly stopsRun: boolean;
  /** Everything the error was built from, so a copy can be made (see stopping()). */
  readonly details: CocApiErrorDetails;

  constructor(details: CocApiErrorDetails) {
    const reason =
      details.kind === 'cancelled'
        ? 'cancelled'
        : details.httpStatus !== undefined && AUTH_STATUSES.has(details.httpStatus)
          ? 'auth'
          : 'api-error';
    super(reason, renderMessage(details), details.cause === undefined ? {} : { cause: details.cause });
    this.name = 'CocApiError';
    this.operation = details.operation;
    this.target = details.target;
    this.kind = details.kind;
    this.httpStatus = details.httpStatus;
    this.code = details.code;
    this.apiMessage = details.apiMessage;
    this.requestId = details.requestId;
    this.stopsRun = details.stopsRun === true;
    this.details = details;
  }

  /** The same error, marked as the one that stopped the run. */
  stopping(): CocApiError {
    return this.stopsRun ? this : new CocApiError({ ...this.details, stopsRun: true });
  }

  /** The error as the engine reports it per item (model.ApiErrorInfo). */
  toApiErrorInfo(): ApiErrorInfo {
    return {
      message: this.message,
      ...(this.code === undefined ? {} : { code: this.code }),
      ...(this.httpStatus === undefined ? {} : { httpStatus: this.httpStatus }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
      ...(this.stopsRun || this.kind === 'cancelled' ? { stopsRun: this.reason } : {}),
    };
  }
}

/** API error details when the client gave them, else the message (for per-item reports). */
export function toErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof CocApiError) return error.toApiErrorInfo();
  return { message: errorMessage(error) };
}

/** Whether an error is a request the run's cancel stopped (never sent, or abandoned in flight). */
export function isCancelled(error: unknown): error is CocApiError {
  return error instanceof CocApiError && error.kind === 'cancelled';
}

/** Codes meaning "no such script" on GET and DELETE by uuid (docs/coc-api.md §6). */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(['COC.00040601', 'COC.00040603', 'COC.00040604']);

/** Whether an error is a not-found answer for a uuid (HTTP 400 + one of NOT_FOUND_CODES). */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof CocApiError &&
    error.kind === 'api' &&
    error.httpStatus === 400 &&
    error.code !== undefined &&
    NOT_FOUND_CODES.has(error.code)
  );
}

/**
 * Whether an error is COC's generic validation rejection (COC.00040601), which is also its answer
 * to a create with a name that exists. Only a lookup tells which: the message is localised.
 */
export function isValidationCode(error: unknown): boolean {
  return error instanceof CocApiError && error.kind === 'api' && error.code === 'COC.00040601';
}
