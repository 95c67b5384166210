/**
 * Shared reading of a run outcome for every renderer: headline, counts, per-item status. Keeps
 * the summary, the PR comment and the terminal text saying the same thing in the same words.
 */
import type {
  ApiErrorInfo,
  FieldChange,
  ItemResult,
  PlanAction,
  PlanItem,
  RunOutcome,
  Target,
} from '../model.js';
import { isTagsOnlyUpdate } from '../plan/items.js';
import { unchangedCount } from '../plan/plan.js';
import { plural } from '../common/text.js';

/** The sign of each plan action: log lines, the terminal report and the CLI all use these. */
export const ACTION_SIGNS: Readonly<Record<PlanAction, string>> = {
  create: '+',
  update: '~',
  delete: '-',
  blocked: '!',
  unreadable: '?',
  noop: '=',
};

/** Human title of the effective mode. */
export function modeTitle(mode: RunOutcome['mode']): string {
  if (mode === 'apply') return 'apply';
  if (mode === 'plan') return 'plan';
  return 'validate';
}

/** `coc-scripts · cn-north-4 · project 0123` (plain text, unescaped). */
export function targetText(target: Target): string {
  const parts = [target.path];
  if (target.region) parts.push(target.region);
  if (target.projectId) parts.push(`project ${target.projectId}`);
  return parts.join(' · ');
}

/** The apply result of an item, matched by action and name. */
export function resultFor(outcome: RunOutcome, item: PlanItem): ItemResult | undefined {
  return outcome.results?.find((r) => r.item.action === item.action && r.item.name === item.name);
}

/** Items that are not no-ops, in plan order. */
export function changedItems(outcome: RunOutcome): PlanItem[] {
  return (outcome.plan?.items ?? []).filter((item) => item.action !== 'noop');
}

/**
 * Whether apply wrote the item's script: applied, or failed only after its create or modify went
 * through (its tags update failed, or the run was cancelled before it).
 */
export function wroteScript(result: ItemResult): boolean {
  return result.outcome === 'applied' || result.scriptWritten === true;
}

/** One sentence of counts for the mode: what would happen, what happened, or what was read. */
export function countsText(outcome: RunOutcome): string {
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = outcome.diagnostics.filter((d) => d.severity === 'warning').length;
  const read = `${plural(outcome.files, 'file')}, ${plural(outcome.definitions, 'definition')}`;
  const plan = outcome.plan;
  if (!plan) return `${read}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  const c = plan.counts;
  if (outcome.mode === 'apply') {
    const results = outcome.results ?? [];
    const done = (action: string) => results.filter((r) => r.item.action === action && wroteScript(r)).length;
    const failed = results.filter((r) => r.outcome === 'failed').length;
    return (
      `${done('create')} created, ${done('update')} updated, ${done('delete')} deleted, ` +
      `${failed} failed, ${c.blocked} blocked, ${unchangedCount(plan)} unchanged (${read}).`
    );
  }
  return (
    `${c.create} to create, ${c.update} to update, ${c.delete} to delete, ` +
    `${c.blocked} blocked, ${unchangedCount(plan)} unchanged (${read}).`
  );
}

/** The status of an item for the table: remote review status in plan, result in apply. */
export function itemStatus(outcome: RunOutcome, item: PlanItem): string {
  if (outcome.mode !== 'apply') {
    if (item.action === 'create') return 'new';
    return item.remoteStatus ?? '—';
  }
  const result = resultFor(outcome, item);
  if (!result) return item.action === 'blocked' ? 'blocked' : 'not applied';
  if (result.outcome === 'failed') {
    if (result.scriptWritten === true) return 'written · tags failed';
    return result.error?.stopsRun === 'cancelled' ? 'cancelled' : 'failed';
  }
  if (result.outcome === 'unchanged') return 'unchanged';
  return result.readBackStatus ? `applied · ${result.readBackStatus}` : 'applied';
}

/** Longest before/after value shown inline; longer values (and content) show in diffs only. */
export const INLINE_VALUE_MAX = 40;

/** True when a value is short and on one line, so it can stand inline as before → after. */
export function isInlineValue(value: string | undefined): value is string {
  return value !== undefined && value.length <= INLINE_VALUE_MAX && !/[\r\n]/u.test(value);
}

/** Lines added and removed by a unified diff (headers and hunk lines not counted). */
export function contentStat(diff: string | undefined): { readonly added: number; readonly removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of (diff ?? '').split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added += 1;
    else if (line.startsWith('-')) removed += 1;
  }
  return { added, removed };
}

/** `+12 −3`: the size of a content change, as the collapsed diffs and the tables show it. */
export function contentStatText(diff: string | undefined): string {
  const { added, removed } = contentStat(diff);
  return `+${added} \u2212${removed}`;
}

/** `risk_level: LOW → HIGH` for short one-line values, `content +1 −1`, else the field name. */
function fieldText(change: FieldChange, item: PlanItem): string {
  if (change.field === 'content') return `content ${contentStatText(item.contentDiff)}`;
  if (change.before === undefined && isInlineValue(change.after))
    return `${change.field}: ${change.after} (new)`;
  if (change.after === undefined && isInlineValue(change.before))
    return `${change.field}: ${change.before} (removed)`;
  if (!isInlineValue(change.before) || !isInlineValue(change.after)) return change.field;
  return `${change.field}: ${change.before} → ${change.after}`;
}

/** Changed fields of an item (only what changed, short values inline), or what stands for them. */
export function changedFields(item: PlanItem): string {
  if (item.action === 'create') return 'new script';
  if (item.action === 'delete' || item.action === 'unreadable') return item.reason ?? '—';
  if (item.changes.length === 0) return '—';
  const fields = item.changes.map((change) => fieldText(change, item)).join(', ');
  // A tag-only update sends no PUT: say so where the reviewer reset would otherwise be feared.
  return isTagsOnlyUpdate(item) ? `${fields} (tags only: no PUT, review kept)` : fields;
}

/**
 * An API error for people: the client's message already reads `CODE: text (HTTP n) while …`, so
 * the code is added only when the message does not carry it (it was printed twice before).
 */
export function errorText(error: ApiErrorInfo | undefined): string {
  if (error === undefined) return 'unknown error';
  const code = error.code;
  return code === undefined || error.message.includes(code) ? error.message : `${code}: ${error.message}`;
}

/** One row of the review-state table: a script whose review status changes or is waiting. */
export interface ReviewRow {
  readonly name: string;
  readonly item?: PlanItem;
  readonly reviewers: readonly string[];
  /** Status before the run (`new` for a create). */
  readonly before: string;
  /** Expected (plan) or read back (apply) status after it; undefined when nothing changes. */
  readonly after?: string;
  readonly why: string;
}

const PENDING = 'PENDING_APPROVE';

/**
 * Review state in one list: every item written with reviewers (a reset, or a new script in
 * review) with its status before → after, then every managed script waiting in review or
 * rejected that this run does not touch. Nothing is listed twice.
 */
export function reviewRows(outcome: RunOutcome): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const item of changedItems(outcome)) {
    const reviewers = item.desired?.reviewers.map((r) => r.name) ?? [];
    // An update is listed when it resets the review (a tag-only update keeps it); a create when it
    // starts in review.
    const listed =
      item.action === 'update' ? item.reviewerReset : item.action === 'create' && reviewers.length > 0;
    if (!listed) continue;
    const result = resultFor(outcome, item);
    const applied = outcome.mode === 'apply';
    const after = applied ? afterApply(result) : `${PENDING} (expected)`;
    const before = item.action === 'create' ? 'new' : (item.remoteStatus ?? '—');
    const why =
      item.action === 'create'
        ? applied
          ? 'created with reviewers'
          : 'created with reviewers: starts in review'
        : applied
          ? 'modified: went back to review'
          : 'modified with reviewers: goes back to review';
    rows.push({ name: item.name, item, reviewers, before, ...(after === undefined ? {} : { after }), why });
  }
  const listed = new Set(rows.map((r) => r.name));
  for (const waiting of outcome.plan?.pendingApprovals ?? []) {
    if (listed.has(waiting.name)) continue;
    const why =
      waiting.status === PENDING ? 'waiting for approval' : `${waiting.status.toLowerCase()}, unchanged`;
    rows.push({ name: waiting.name, reviewers: [], before: waiting.status, why });
  }
  return rows;
}

function afterApply(result: ItemResult | undefined): string | undefined {
  if (result === undefined) return 'not applied';
  if (result.outcome === 'failed') return 'failed: unchanged';
  return result.readBackStatus ?? 'applied (status not read back)';
}

/** `file:line:column` of an item, when it has a location. */
export function itemWhere(item: PlanItem): string | undefined {
  if (item.location) return `${item.location.file}:${item.location.line}:${item.location.column}`;
  return item.file;
}
