/**
 * The same report as plain text for a terminal (CLI, `npm run demo`). No colour here: the
 * caller decides (TTY, NO_COLOR); lines start with a stable sign so colouring is a prefix match.
 */
import { formatDiagnostic } from '../errors.js';
import type { RunOutcome } from '../model.js';
import { scrubSecrets } from '../common/scrub.js';
import { keptReason, markedLine } from './ownership.js';
import { collectSecrets } from './redact.js';
import {
  ACTION_SIGNS,
  changedFields,
  changedItems,
  countsText,
  errorText,
  itemStatus,
  itemWhere,
  modeTitle,
  reviewRows,
  targetText,
} from './view.js';

export interface TextOptions {
  /** Include content diffs (default true). */
  readonly diffs?: boolean;
  readonly secrets?: readonly string[];
}

/** A titled block of indented lines, or nothing when there are no lines. */
function block(title: string, lines: readonly string[]): string {
  return lines.length === 0 ? '' : `\n${title}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function changeLines(outcome: RunOutcome): string[] {
  const items = changedItems(outcome);
  const width = Math.max(0, ...items.map((i) => i.name.length));
  return items.map((item) => {
    const status = itemStatus(outcome, item);
    const detail =
      item.action === 'blocked' || item.action === 'unreadable' ? (item.reason ?? '') : changedFields(item);
    return `${ACTION_SIGNS[item.action]} ${item.action.padEnd(7)} ${item.name.padEnd(width)}  ${detail}${status === '—' ? '' : `  [${status}]`}`;
  });
}

function failureLines(outcome: RunOutcome): string[] {
  return (outcome.results ?? [])
    .filter((r) => r.outcome === 'failed')
    .map((r) => `${r.item.action} ${r.item.name}: ${errorText(r.error)}`);
}

function diffText(outcome: RunOutcome): string {
  const parts = changedItems(outcome)
    .filter((i) => i.contentDiff)
    .map((i) => `\n${ACTION_SIGNS[i.action]} ${i.action} ${i.name}\n${(i.contentDiff ?? '').trimEnd()}\n`);
  return parts.join('');
}

/** Renders the run for a terminal: counts, changes, blocked, resets, failures, notes, hash. */
export function renderSummaryText(outcome: RunOutcome, options: TextOptions = {}): string {
  let text = `coc-script-sync · ${modeTitle(outcome.mode)} · ${targetText(outcome.target)}\n`;
  text += `${outcome.mode === 'apply' ? 'Result' : outcome.plan ? 'Plan' : 'Definitions'}: ${countsText(outcome)}\n`;
  if (outcome.failureReason) {
    text += `Failed (${outcome.failureReason})${outcome.failureMessage ? `: ${outcome.failureMessage}` : ''}\n`;
  }
  text += block(
    'Validation',
    outcome.diagnostics.map((d) => `${d.severity} ${formatDiagnostic(d)}`),
  );
  text += block('Plan changed since review', outcome.planDifferences ?? []);
  text += block('Changes', changeLines(outcome));
  text += block(
    'Blocked',
    changedItems(outcome)
      .filter((i) => i.action === 'blocked')
      .map((i) => `${i.name}${itemWhere(i) ? ` (${itemWhere(i)})` : ''}: ${i.reason ?? 'blocked'}`),
  );
  const plan = outcome.plan;
  const marked = plan === undefined ? undefined : markedLine(plan);
  text += block('Ownership', [
    ...(marked === undefined ? [] : [marked]),
    ...(plan?.ownership.kept ?? []).map((kept) => `${kept.name} (${kept.uuid}): ${keptReason(kept)}`),
  ]);
  text += block(
    'Review state',
    reviewRows(outcome).map(
      (r) =>
        `${r.name}: ${r.after === undefined ? r.before : `${r.before} → ${r.after}`}` +
        `${r.reviewers.length > 0 ? ` (reviewers ${r.reviewers.join(', ')})` : ''}, ${r.why}`,
    ),
  );
  text += block('Failures', failureLines(outcome));
  text += block('Notes', outcome.notes);
  if (options.diffs ?? true) text += diffText(outcome);
  text = scrubSecrets(text, [...collectSecrets(outcome), ...(options.secrets ?? [])]);
  return outcome.plan ? `${text}\nPlan hash: ${outcome.plan.hash}\n` : text;
}
