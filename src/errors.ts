/** The values of the `failure-reason` output (empty string = success). */
export const FAILURE_REASONS = [
  'validation',
  'auth',
  'plan-changed',
  'delete-guard',
  'apply-failed',
  /** Apply applied everything else; blocked items (gone, renamed, retyped, foreign-owned) were not. */
  'blocked',
  'drift',
  /** The COC API could not be read (after retries) for a reason other than authentication. */
  'api-error',
  /** SIGINT or SIGTERM (the runner's cancel): no new write started; what was done is reported. */
  'cancelled',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Where in a definition file something was found. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path relative to the working directory (the repository root on a runner), with `/`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path inside the file, e.g. `params[2].value`; absent for file-level problems. */
  readonly field?: string;
}

/** One problem found while loading or checking definitions. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly location?: SourceLocation;
}

/** Formats a diagnostic as `file:line:column: message` (or just the message). */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.location;
  return where ? `${where.file}:${where.line}:${where.column}: ${diagnostic.message}` : diagnostic.message;
}

export interface SyncErrorOptions {
  readonly location?: SourceLocation;
  readonly cause?: unknown;
  /** Extra diagnostics that travel with the error (all validation errors, for example). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The one error type the project raises. `reason` becomes the `failure-reason` output. */
export class SyncError extends Error {
  readonly reason: FailureReason;
  readonly location: SourceLocation | undefined;
  readonly diagnostics: readonly Diagnostic[];

  constructor(reason: FailureReason, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.reason = reason;
    this.location = options.location;
    this.diagnostics = options.diagnostics ?? [];
  }
}

/** Narrows anything caught to a message; the single place `unknown` errors are interpreted. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
