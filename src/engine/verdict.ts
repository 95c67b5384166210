/**
 * How a finished run ends, decided once for both front ends: the action fails its step (and sets
 * `failure-reason`) exactly when the verdict has a failure reason; the CLI exits with its status.
 * The rules are a list, checked in order; the first that finds a failure decides. To add a rule,
 * add a function to RULES (and a row to __tests__/engine/verdict.test.ts).
 */
import { plural } from '../common/text.js';
import type { Config, Mode } from '../config/config.js';
import type { Surface } from '../config/names.js';
import type { FailureReason } from '../errors.js';
import type { PlanItem, RunOutcome } from '../model.js';
import { checkDeleteGuard } from '../plan/guards.js';
import { changeCount, hasChanges } from '../plan/plan.js';
import { wroteScript } from '../report/view.js';

/** Exit statuses of the CLI: 0 success / no changes, 2 changes pending (plan), 1 error. */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** What a front end needs besides the outcome. */
export interface VerdictContext {
  /** The command asked for: a plan that degraded to validation still answers for `plan`. */
  readonly command: Mode;
  /** `fail-on-drift`: in plan mode, pending changes are a failure (`drift`). */
  readonly failOnDrift: boolean;
  /**
   * Whether a plan without credentials may end as a successful validation (the action: a pull
   * request from a fork has no secrets). The CLI says no: the user asked for a plan.
   */
  readonly mayDegrade: boolean;
  /** `max-deletes`: a plan that apply would refuse fails now, with the same reason. */
  readonly maxDeletes: number;
  /** Whose words the messages use (action inputs, or CLI flags). */
  readonly surface: Surface;
}

/** The context both front ends pass, from the one Config (the CLI's never degrades). */
export function verdictContextOf(config: Config, command: Mode): VerdictContext {
  return {
    command,
    failOnDrift: config.failOnDrift,
    mayDegrade: config.withoutCredentials === 'validate',
    maxDeletes: config.maxDeletes,
    surface: config.surface,
  };
}

export interface Verdict {
  /** Set when the run failed; the action's `failure-reason` output. */
  readonly failureReason?: FailureReason;
  readonly failureMessage?: string;
  readonly exitStatus: ExitStatus;
}

interface Failure {
  readonly reason: FailureReason;
  readonly message: string;
}

type Rule = (outcome: RunOutcome, context: VerdictContext) => Failure | undefined;

/** At most this many writes are named in a cancelled run's message; the summary shows them all. */
const WRITES_LISTED = 10;

const DONE: Readonly<Record<PlanItem['action'], string>> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  noop: 'marked as owned',
  blocked: 'blocked',
  unreadable: 'unreadable',
};

/**
 * SIGINT or SIGTERM (the runner's cancel) came before the run ended: whatever else happened, it
 * ends `cancelled`, and says which writes were made before the cancel and how many were not.
 */
const cancelledRun: Rule = (outcome) => {
  const by = outcome.cancelled;
  if (by === undefined) return undefined;
  const results = outcome.results;
  if (results === undefined) {
    const when = outcome.mode === 'apply' ? 'before apply started' : 'while planning (plan never writes)';
    return { reason: 'cancelled', message: `Cancelled (${by}) ${when}: nothing was changed.` };
  }
  const made = results.filter(wroteScript);
  const cut = results.filter((r) => r.error?.stopsRun === 'cancelled' && r.scriptWritten !== true).length;
  const failed = results.filter((r) => r.outcome === 'failed' && r.error?.stopsRun !== 'cancelled').length;
  const named = made
    .slice(0, WRITES_LISTED)
    .map(
      (r) => `${DONE[r.item.action]} ${r.item.name}${r.outcome === 'applied' ? '' : ' (without its tags)'}`,
    );
  const more = made.length > named.length ? `, and ${made.length - named.length} more` : '';
  const list = named.length > 0 ? ` (${named.join(', ')}${more})` : '';
  return {
    reason: 'cancelled',
    message:
      `Cancelled (${by}) during apply: ${plural(made.length, 'change')} made before the cancel${list}; ` +
      `${cut} not made (not started, or cut short: each item says which)` +
      `${failed > 0 ? `; ${failed} failed` : ''}. Run apply again: it plans against what COC holds now.`,
  };
};

/** A failure the engine recorded (validation, auth, api-error, a refused apply, …). */
const recordedFailure: Rule = (outcome) =>
  outcome.failureReason === undefined
    ? undefined
    : { reason: outcome.failureReason, message: outcome.failureMessage ?? outcome.failureReason };

/** An error diagnostic always fails the run, even if no stage named a reason for it. */
const unreportedErrors: Rule = (outcome) => {
  const errors = outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return errors === 0
    ? undefined
    : { reason: 'validation', message: `${plural(errors, 'validation error')}.` };
};

/** plan/apply that ended without a plan and without a failure: it ran without credentials. */
const missingCredentials: Rule = (outcome, context) => {
  if (context.command === 'validate' || outcome.plan !== undefined || context.mayDegrade) return undefined;
  const what =
    context.surface === 'cli' ? 'authentication flags or environment variables' : 'authentication inputs';
  return {
    reason: 'auth',
    message: `${context.command} needs credentials; none of the ${what} is set.`,
  };
};

/**
 * A fatal answer (rejected credentials, denied permission, no COC API at the endpoint) stopped
 * apply part-way: the run fails with that reason (`auth` for 401/403), not as item failures.
 */
const stoppedRun: Rule = (outcome) => {
  const stop = outcome.results?.find((result) => result.error?.stopsRun !== undefined)?.error;
  if (stop?.stopsRun === undefined) return undefined;
  const notApplied = (outcome.results ?? []).filter((result) => result.outcome === 'failed').length;
  return {
    reason: stop.stopsRun,
    message: `${stop.message}. The run stopped there: ${notApplied} of ${plural(outcome.results?.length ?? 0, 'item')} not applied.`,
  };
};

/** Apply isolates items: the run fails at the end when any of them failed. */
const failedItems: Rule = (outcome) => {
  const results = outcome.results ?? [];
  const failures = results.filter((result) => result.outcome === 'failed').length;
  if (failures === 0) return undefined;
  return {
    reason: 'apply-failed',
    message: `${failures} of ${plural(results.length, 'item')} failed to apply.`,
  };
};

/**
 * Refusals are forecast: a plan that apply would refuse for its deletions fails now with the
 * reason apply would give, so the reviewer sees it before the merge rather than the deploy after.
 */
const deleteGuardForecast: Rule = (outcome, context) => {
  if (context.command !== 'plan' || outcome.plan === undefined) return undefined;
  const guard = checkDeleteGuard(outcome.plan, context.maxDeletes, context.surface, 'plan');
  return guard === undefined ? undefined : { reason: guard.reason, message: guard.message };
};

/**
 * A plan that could not read some scripts is incomplete: it is shown, then fails with
 * `api-error`. (In apply they are failed items, above, and everything else was applied.)
 */
const unreadableItems: Rule = (outcome) => {
  const unread = outcome.plan?.items.filter((item) => item.action === 'unreadable') ?? [];
  if (unread.length === 0 || outcome.results !== undefined) return undefined;
  const listed = unread.map((item) => `${item.name} (${item.readError?.message ?? 'unknown error'})`);
  return {
    reason: 'api-error',
    message: `${unread.length} of ${plural(outcome.plan?.items.length ?? 0, 'script')} could not be read, so the plan is incomplete: ${listed.join('; ')}. Run again.`,
  };
};

/** One blocked item with its fix, for the failure message. */
function blockedLine(item: PlanItem): string {
  const at = item.location
    ? ` (${item.location.file}:${item.location.line})`
    : item.file
      ? ` (${item.file})`
      : '';
  return `${item.name}${at}: ${item.reason ?? 'blocked'}`;
}

/** At most this many blocked items are spelled out in the message; the summary lists them all. */
const BLOCKED_LISTED = 10;

/**
 * Apply applied everything else, then fails with `blocked`: the account does not match the
 * definitions, and each blocked item needs a change in the repository (its fix is listed).
 */
const blockedItems: Rule = (outcome, context) => {
  const count = outcome.plan?.counts.blocked ?? 0;
  if (context.command !== 'apply' || count === 0) return undefined;
  const blocked = outcome.plan?.items.filter((item) => item.action === 'blocked') ?? [];
  const listed = blocked.slice(0, BLOCKED_LISTED).map(blockedLine);
  const more =
    count > listed.length ? ` … and ${count - listed.length} more (the summary lists them all).` : '';
  return {
    reason: 'blocked',
    message:
      `${plural(count, 'blocked item')} ${count === 1 ? 'was' : 'were'} not applied (everything else ` +
      `was)${listed.length > 0 ? `: ${listed.join(' — ')}` : '.'}${more}`,
  };
};

/** Plan with fail-on-drift: any pending change (blocked items included) is drift. */
const drift: Rule = (outcome, context) => {
  const drifted = changeCount(outcome.plan);
  if (context.command !== 'plan' || !context.failOnDrift || drifted === 0) return undefined;
  const differ = drifted === 1 ? 'differs' : 'differ';
  return {
    reason: 'drift',
    message: `Drift detected: ${plural(drifted, 'script')} ${differ} from the definitions.`,
  };
};

const RULES: readonly Rule[] = [
  cancelledRun,
  recordedFailure,
  unreportedErrors,
  missingCredentials,
  stoppedRun,
  failedItems,
  unreadableItems,
  deleteGuardForecast,
  blockedItems,
  drift,
];

/** Decides failure reason and exit status of a finished run, for the action and the CLI alike. */
export function decideVerdict(outcome: RunOutcome, context: VerdictContext): Verdict {
  for (const rule of RULES) {
    const failure = rule(outcome, context);
    if (failure === undefined) continue;
    // Drift is pending changes that the user asked to fail on: the CLI still says "changes" (2).
    const exitStatus = failure.reason === 'drift' ? EXIT.changes : EXIT.error;
    return { failureReason: failure.reason, failureMessage: failure.message, exitStatus };
  }
  const pending = context.command === 'plan' && hasChanges(outcome.plan);
  return { exitStatus: pending ? EXIT.changes : EXIT.ok };
}

/** The outcome as the front ends present it: with the verdict's failure recorded on it. */
export function withVerdict(outcome: RunOutcome, verdict: Verdict): RunOutcome {
  if (verdict.failureReason === undefined) return outcome;
  return {
    ...outcome,
    failureReason: verdict.failureReason,
    failureMessage: verdict.failureMessage ?? verdict.failureReason,
  };
}
