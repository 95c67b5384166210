/**
 * The first lines of the job summary and the PR comment: a verdict a reviewer reads at a glance,
 * as a GitHub alert (NOTE: nothing risky; WARNING: deletions or reviewer resets; CAUTION: apply
 * will refuse, or the run failed), then one line saying which commit, when, and which target.
 */
import type { PlanItem, RunOutcome, RunSource } from '../model.js';
import { unchangedCount } from '../plan/plan.js';
import { plural } from '../common/text.js';
import { code, prose } from './markdown.js';
import { changedItems, countsText, modeTitle, reviewRows } from './view.js';

export type AlertKind = 'NOTE' | 'WARNING' | 'CAUTION';

export interface Verdict {
  readonly kind: AlertKind;
  /** One sentence, plain text (our own words and numbers only). */
  readonly title: string;
}

const count = (outcome: RunOutcome, action: PlanItem['action']): number =>
  changedItems(outcome).filter((item) => item.action === action).length;

/** Other failures, in a few words (keyed by string: reasons are added over time). */
const FAILED: Readonly<Record<string, string>> = {
  auth: 'authentication failed',
  'api-error': 'COC could not be read',
  cancelled: 'the run was cancelled',
};

/** Why the run failed or apply will refuse, as the verdict says it. */
function refusalTitle(outcome: RunOutcome): string | undefined {
  const reason: string | undefined = outcome.failureReason;
  const planning = outcome.mode !== 'apply';
  const blocked = count(outcome, 'blocked');
  const deletions = plural(count(outcome, 'delete'), 'deletion');
  if (reason === 'validation') {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    return `Invalid definitions: ${plural(errors, 'error')}; nothing can be planned or applied`;
  }
  if (reason === 'delete-guard') {
    return planning
      ? `Apply will refuse: ${deletions}, more than max-deletes allows`
      : `Apply refused: ${deletions}, more than max-deletes allows; nothing was changed`;
  }
  if (reason === 'plan-changed')
    return 'Apply refused: the plan changed since it was reviewed; nothing was changed';
  if (reason === 'apply-failed') {
    const failed = (outcome.results ?? []).filter((r) => r.outcome === 'failed').length;
    if (failed > 0) return `Apply failed: ${plural(failed, 'change')} failed`;
  }
  if (
    blocked > 0 &&
    (reason === undefined || reason === 'drift' || reason === 'blocked' || reason === 'apply-failed')
  ) {
    return planning
      ? `Apply will fail: ${plural(blocked, 'blocked script')} (the other changes would still be applied)`
      : `Apply failed: ${plural(blocked, 'blocked script')}`;
  }
  if (reason === undefined || reason === 'drift') return undefined;
  return `${planning ? 'Plan' : 'Apply'} failed: ${FAILED[reason] ?? reason}`;
}

/** The verdict of a run, before any Markdown. */
export function verdictOf(outcome: RunOutcome): Verdict {
  const refusal = refusalTitle(outcome);
  if (refusal !== undefined) return { kind: 'CAUTION', title: refusal };
  const plan = outcome.plan;
  if (!plan)
    return {
      kind: 'NOTE',
      title: `Valid: ${plural(outcome.definitions, 'definition')}; no plan was made (validate)`,
    };
  const deletions = count(outcome, 'delete');
  const resets = reviewRows(outcome).filter((row) => row.item?.action === 'update').length;
  const changes = count(outcome, 'create') + count(outcome, 'update') + deletions;
  const applied = outcome.mode === 'apply';
  // A script COC could not read is neither planned nor pruned: never a quiet NOTE.
  const unreadable = count(outcome, 'unreadable');
  const unread = unreadable > 0 ? `; ${plural(unreadable, 'script')} could not be read` : '';
  if (changes === 0) {
    const unchanged = plural(unchangedCount(plan), 'script');
    const title = applied
      ? `Nothing to apply: ${unchanged} already match`
      : `No changes: ${unchanged} match the definitions`;
    return { kind: unread ? 'WARNING' : 'NOTE', title: `${title}${unread}` };
  }
  const risky = [
    deletions > 0 ? plural(deletions, 'deletion') : '',
    resets > 0 ? plural(resets, 'reviewer reset') : '',
  ].filter(Boolean);
  const drift = outcome.failureReason === 'drift' ? ' (drift: this run fails)' : '';
  const what = applied ? `Applied ${plural(changes, 'change')}` : `${plural(changes, 'change')} to apply`;
  const including = risky.length > 0 ? `, including ${risky.join(' and ')}` : '';
  const kind = risky.length > 0 || drift || unread ? 'WARNING' : 'NOTE';
  return { kind, title: `${what}${including}${unread}${drift}` };
}

/** `> [!KIND]` block: the verdict, the counts, and the failure message when there is one. */
export function renderVerdict(outcome: RunOutcome): string {
  const verdict = verdictOf(outcome);
  const lines = [
    `> [!${verdict.kind}]`,
    `> **${prose(verdict.title)}.**`,
    '>',
    `> ${prose(countsText(outcome))}`,
  ];
  if (outcome.failureReason) {
    const why = outcome.failureMessage ? ` ${prose(outcome.failureMessage)}` : '';
    lines.push('>', `> failure-reason ${code(outcome.failureReason)}.${why}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/**
 * The job summary of a run that failed without an outcome to report: the reason, the message and
 * the details. `started`: the run had begun, so COC may have been contacted (see the log).
 */
export function renderStartFailure(
  reason: string,
  message: string,
  details: readonly string[],
  started: boolean,
): string {
  const title = started
    ? 'coc-script-sync failed before it could report the run: the log says what was done.'
    : 'coc-script-sync did not run: nothing was read from or sent to COC.';
  const lines = [
    '> [!CAUTION]',
    `> **${title}**`,
    '>',
    `> failure-reason ${code(reason)}. ${prose(message)}`,
    ...details.map((detail) => `> - ${prose(detail)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The URL of a definition file at the run's commit, with its line when known. */
export function fileUrl(source: RunSource, file: string, line?: number): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${source.repositoryUrl}/blob/${source.sha}/${path}${line === undefined ? '' : `#L${line}`}`;
}

/** `2026-12-01 22:14 UTC`. */
function minuteUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** `coc-script-sync plan · commit [abc1234](…) · 2026-12-01 22:14 UTC · path · region · project`. */
export function renderContextLine(outcome: RunOutcome): string {
  const { target, source } = outcome;
  const parts = [`coc-script-sync ${modeTitle(outcome.mode)}`];
  if (source) {
    parts.push(`commit [${code(source.sha.slice(0, 7))}](${source.repositoryUrl}/commit/${source.sha})`);
    parts.push(minuteUtc(source.computedAt));
  }
  parts.push(`target ${code(target.path)}`);
  if (target.region) parts.push(`region ${code(target.region)}`);
  if (target.projectId) parts.push(`project ${code(target.projectId)}`);
  return `${parts.join(' · ')}\n\n`;
}

/** Verdict, then context: the part of every report that is never cut. */
export function renderHeader(outcome: RunOutcome): string {
  return renderVerdict(outcome) + renderContextLine(outcome);
}
