/** Small pure helpers that build and extend a RunOutcome; main.ts stays a list of stages. */
import type { ContentCheck } from '../check/check.js';
import { plural } from '../common/text.js';
import type { Config } from '../config/config.js';
import { errorMessage, formatDiagnostic, SyncError } from '../errors.js';
import type { FailureReason } from '../errors.js';
import type { LoadResult } from '../load/load.js';
import type { Logger } from '../log.js';
import {
  isUnsetEnvParam,
  type Definition,
  type Plan,
  type PlanItem,
  type PresentDefinition,
  type RunOutcome,
} from '../model.js';
import { unchangedCount } from '../plan/plan.js';
import { ACTION_SIGNS } from '../report/view.js';
import { ownershipLogLines } from '../report/ownership.js';

/**
 * The outcome after loading and the content check: validate mode ends here; a validation failure
 * (a definition rule or a script's syntax) too.
 */
export function initialOutcome(config: Config, loaded: LoadResult, checked?: ContentCheck): RunOutcome {
  const diagnostics = [...loaded.diagnostics, ...(checked?.diagnostics ?? [])];
  const outcome: RunOutcome = {
    mode: config.mode,
    target: {
      path: config.path,
      ...(config.region === undefined ? {} : { region: config.region }),
      ...(config.projectId === undefined ? {} : { projectId: config.projectId }),
    },
    files: loaded.files,
    definitions: loaded.definitions.length,
    diagnostics,
    notes: [...(checked?.notes ?? [])],
  };
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return outcome;
  const files = new Set(errors.map((d) => d.location?.file ?? config.path)).size;
  const first = errors[0] === undefined ? '' : ` First: ${formatDiagnostic(errors[0])}`;
  const message = `${plural(errors.length, 'validation error')} in ${plural(files, 'file')}; nothing was sent to COC.${first}`;
  return failedOutcome(outcome, new SyncError('validation', message));
}

/** Records a failure on an outcome; API and unexpected errors get a reason too. */
export function failedOutcome(outcome: RunOutcome, error: unknown): RunOutcome {
  return { ...outcome, failureReason: reasonOf(error), failureMessage: errorMessage(error) };
}

function reasonOf(error: unknown): FailureReason {
  // CocApiError is a SyncError too: 401/403 carry `auth`, other API failures `api-error`.
  return error instanceof SyncError ? error.reason : 'api-error';
}

/** Masks every sensitive parameter value before anything is logged or sent. */
export function maskSensitiveValues(definitions: readonly Definition[], logger: Logger): void {
  for (const definition of definitions) {
    if (definition.state !== 'present') continue;
    for (const param of definition.params) {
      if (param.sensitive && param.value.value !== undefined) logger.mask(param.value.value);
    }
  }
}

/**
 * Plan mode: an unset `value_from_env` is only a notice (apply refuses instead). A script that
 * would be written needs the value; a non-sensitive value is also compared, so a script that
 * looks unchanged may only look so because the value was missing.
 */
export function unsetEnvNotes(plan: Plan, definitions: readonly Definition[]): string[] {
  const unset = definitions.filter(
    (definition): definition is PresentDefinition =>
      definition.state === 'present' && definition.params.some(isUnsetEnvParam),
  );
  // Most folders have none: then no map of every plan item is built at the end of the run.
  if (unset.length === 0) return [];
  const notes: string[] = [];
  const actions = new Map(plan.items.map((item) => [item.name, item.action]));
  for (const definition of unset) {
    const action = actions.get(definition.name);
    for (const param of definition.params.filter(isUnsetEnvParam)) {
      const where = `params.${param.name}`;
      const variable = param.value.variable;
      if (action === 'create' || action === 'update') {
        // A non-sensitive value is compared: without it the plan cannot tell whether it changed.
        const compared = param.sensitive ? '' : ' The plan could not compare its value.';
        notes.push(`${variable} is not set: applying ${definition.name} will need it (${where}).${compared}`);
      } else if (action === 'noop' && !param.sensitive) {
        notes.push(
          `${variable} is not set: the plan could not compare ${definition.name} ${where} and shows the script unchanged.`,
        );
      }
    }
  }
  return notes;
}

/** `+ create ` … `= unchanged`: the shared sign, then the action in words. */
function actionLabel(action: PlanItem['action']): string {
  return `${ACTION_SIGNS[action]} ${(action === 'noop' ? 'unchanged' : action).padEnd(7)}`;
}

/** One log line per plan item. */
export function logPlan(plan: Plan, logger: Logger): void {
  const lines = plan.items.map((item) => {
    const fields = item.changes.map((change) => change.field).join(', ');
    // An update's reason (tags only) adds to its fields; other reasons stand for them.
    const detail =
      item.action === 'update' && fields
        ? `(${fields})${item.reason ? ` — ${item.reason}` : ''}`
        : (item.reason ?? (fields ? `(${fields})` : ''));
    const reset = item.reviewerReset ? ' — goes back into review' : '';
    return `${actionLabel(item.action)} ${item.name} ${detail}${reset}`.trimEnd();
  });
  const c = plan.counts;
  logger.infoLines([
    ...lines,
    ...ownershipLogLines(plan),
    `Plan ${plan.hash}: ${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.blocked} blocked, ${unchangedCount(plan)} unchanged${c.unreadable === 0 ? '' : `, ${c.unreadable} unreadable`}.`,
  ]);
}
