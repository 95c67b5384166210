/**
 * Run outcome -> the values of every action output (README, Outputs), in every mode. Pure: publish.ts
 * writes them.
 */
import { OUTPUT, type OutputName } from '../config/names.js';
import { hasChanges, unchangedCount } from '../plan/plan.js';
import type { ItemResult, PlanAction, PlanItem, ReviewerReset, RunOutcome } from '../model.js';
import { wroteScript } from './view.js';

/**
 * Status reported for a reviewer reset in `plan` mode, where nothing was written yet: the script
 * is expected to go back to review. Apply mode reports the status read back after the write.
 */
export const EXPECTED_RESET_STATUS = 'PENDING_APPROVE (expected)';

/** Status reported when apply wrote the script but could not read it back. */
export const UNKNOWN_STATUS = 'unknown';

/** Results of apply whose item had the given action and whose script was written. */
function countWritten(results: readonly ItemResult[], action: PlanAction): number {
  return results.filter((r) => r.item.action === action && wroteScript(r)).length;
}

/** How many creates/updates/deletes happened (apply) or would happen (plan). */
function actionCount(outcome: RunOutcome, action: 'create' | 'update' | 'delete'): number {
  if (outcome.mode === 'apply') return countWritten(outcome.results ?? [], action);
  if (outcome.mode === 'plan') return outcome.plan?.counts[action] ?? 0;
  return 0;
}

/** Reviewer names of an item, from what the modify sends (the complete reviewer list). */
function reviewerNames(item: PlanItem): string[] {
  return (item.desired?.reviewers ?? []).map((r) => r.name);
}

/**
 * The reviewer resets of a run. In `plan` mode: the forecast (status EXPECTED_RESET_STATUS).
 * In `apply` mode: only the modifies that were applied, with the status read back afterwards.
 */
export function reviewerResets(outcome: RunOutcome): ReviewerReset[] {
  if (outcome.mode === 'apply') {
    return (outcome.results ?? [])
      .filter((r) => r.item.reviewerReset && wroteScript(r))
      .map((r) => ({
        name: r.item.name,
        uuid: r.uuid ?? r.item.uuid ?? '',
        reviewers: reviewerNames(r.item),
        status: r.readBackStatus ?? UNKNOWN_STATUS,
      }));
  }
  if (outcome.mode !== 'plan') return [];
  return (outcome.plan?.items ?? [])
    .filter((item) => item.reviewerReset)
    .map((item) => ({
      name: item.name,
      uuid: item.uuid ?? '',
      reviewers: reviewerNames(item),
      status: EXPECTED_RESET_STATUS,
    }));
}

/**
 * Every output the README's Outputs section lists. Counts are decimal strings; `unchanged` counts present definitions
 * equal to their remote script; `failed` counts failed apply items.
 */
export function computeOutputs(outcome: RunOutcome): Record<OutputName, string> {
  const failed = (outcome.results ?? []).filter((r) => r.outcome === 'failed').length;
  return {
    [OUTPUT.hasChanges]: String(hasChanges(outcome.plan)),
    [OUTPUT.created]: String(actionCount(outcome, 'create')),
    [OUTPUT.updated]: String(actionCount(outcome, 'update')),
    [OUTPUT.deleted]: String(actionCount(outcome, 'delete')),
    [OUTPUT.unchanged]: String(outcome.plan ? unchangedCount(outcome.plan) : 0),
    [OUTPUT.failed]: String(failed),
    [OUTPUT.reviewerResets]: JSON.stringify(reviewerResets(outcome)),
    [OUTPUT.planFile]: outcome.planFile ?? '',
    [OUTPUT.planHash]: outcome.plan?.hash ?? '',
    [OUTPUT.failureReason]: outcome.failureReason ?? '',
  };
}
