/**
 * The sections shared by the job summary, the PR comment and the drift issue, each a heading
 * plus entries that budget.ts can cut. All text that comes from outside is escaped here.
 */
import type { PlanAction, RunOutcome } from '../model.js';
import type { Section } from './budget.js';
import { cell, code, details, fence, plural, prose, row, tableHead } from './markdown.js';
import { reviewerResets } from './outputs.js';
import { changedFields, changedItems, itemStatus, itemWhere } from './view.js';

/** The note used by every section that lists things. */
function omittedNote(what: string, where: string): Section['omittedNote'] {
  return (omitted, total) => `_… ${omitted} of ${plural(total, what)} not shown here${where}._`;
}

/** Validation errors, warnings and notices, each with `file:line:column`. */
export function diagnosticsSection(outcome: RunOutcome, where: string): Section {
  const entries = outcome.diagnostics.map((d) => {
    const loc = d.location ? `${code(`${d.location.file}:${d.location.line}:${d.location.column}`)} ` : '';
    return `- **${d.severity}** ${loc}${prose(d.message)}\n`;
  });
  return {
    heading: '#### Validation\n\n',
    entries,
    footer: '\n',
    omittedNote: omittedNote('diagnostic', where),
  };
}

/** What differs between the reviewed plan and the fresh one (`plan-changed`). */
export function planDifferencesSection(outcome: RunOutcome, where: string): Section {
  const entries = (outcome.planDifferences ?? []).map((d) => `- ${prose(d)}\n`);
  return {
    heading: '#### Plan changed since review\n\n',
    entries,
    footer: '\n',
    omittedNote: omittedNote('difference', where),
  };
}

/** Failed apply items with the API error code and message. */
export function failuresSection(outcome: RunOutcome, where: string): Section {
  const entries = (outcome.results ?? [])
    .filter((r) => r.outcome === 'failed')
    .map((r) => {
      const e = r.error;
      const codeText = e?.code ?? (e?.httpStatus === undefined ? '—' : `HTTP ${e.httpStatus}`);
      const http = e?.httpStatus === undefined ? '' : `HTTP ${e.httpStatus}`;
      const detail = [
        // The client's message already says `(HTTP n)`: only older or foreign ones lack it.
        http && !(e?.message ?? '').includes(http) ? http : '',
        e?.requestId ? `request ${e.requestId}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const message = `${e?.message ?? 'unknown error'}${detail ? ` (${detail})` : ''}`;
      return row([code(r.item.name), r.item.action, cell(codeText), cell(message)]);
    });
  return {
    heading: `#### Failures\n\n${tableHead(['script', 'action', 'error code', 'message'])}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('failure', where),
  };
}

/** Blocked items with the reason and the fix. */
export function blockedSection(outcome: RunOutcome, where: string): Section {
  const entries = changedItems(outcome)
    .filter((item) => item.action === 'blocked')
    .map((item) => {
      const at = itemWhere(item);
      return `- ${code(item.name)}${at ? ` (${code(at)})` : ''}: ${prose(item.reason ?? 'blocked')}\n`;
    });
  return {
    heading: '#### Blocked\n\n',
    entries,
    footer: '\n',
    omittedNote: omittedNote('blocked item', where),
  };
}

/** Deletions with their reason (`state: absent` or prune). */
export function deletionsSection(outcome: RunOutcome, where: string): Section {
  const entries = changedItems(outcome)
    .filter((item) => item.action === 'delete')
    .map((item) => {
      const uuid = item.uuid ? ` ${code(item.uuid)}` : '';
      const status = outcome.mode === 'apply' ? ` — ${prose(itemStatus(outcome, item))}` : '';
      return `- ${code(item.name)}${uuid}: ${prose(item.reason ?? 'delete')}${status}\n`;
    });
  return {
    heading: '#### Deletions\n\n',
    entries,
    footer: '\n',
    omittedNote: omittedNote('deletion', where),
  };
}

/** Table of items of the given actions: action, script, changed fields, status. */
export function changesSection(outcome: RunOutcome, actions: readonly PlanAction[], where: string): Section {
  const entries = changedItems(outcome)
    .filter((item) => actions.includes(item.action))
    .map((item) =>
      row([item.action, code(item.name), cell(changedFields(item)), cell(itemStatus(outcome, item))]),
    );
  return {
    heading: `#### Changes\n\n${tableHead(['action', 'script', 'changed fields', 'status'])}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('change', where),
  };
}

/** Scripts that go (plan) or went (apply) back to review, with reviewers and status. */
export function reviewerResetsSection(outcome: RunOutcome, where: string): Section {
  const entries = reviewerResets(outcome).map((r) =>
    row([code(r.name), r.uuid ? code(r.uuid) : '—', cell(r.reviewers.join(', ') || '—'), cell(r.status)]),
  );
  return {
    heading: `#### Reviewer resets\n\nThese scripts have reviewers: the change puts them back into review.\n\n${tableHead(['script', 'uuid', 'reviewers', 'status'])}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('reviewer reset', where),
  };
}

/** Managed scripts waiting in PENDING_APPROVE or REJECTED, changed or not. */
export function pendingSection(outcome: RunOutcome, where: string): Section {
  const entries = (outcome.plan?.pendingApprovals ?? []).map((p) =>
    row([code(p.name), code(p.uuid), cell(p.status)]),
  );
  return {
    heading: `#### Pending approvals\n\n${tableHead(['script', 'uuid', 'status'])}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('pending approval', where),
  };
}

/** Notices of the run (degraded mode, unset env values, reviewed plan lookup…). */
export function notesSection(outcome: RunOutcome, where: string): Section {
  const entries = outcome.notes.map((n) => `- ${prose(n)}\n`);
  return { heading: '#### Notes\n\n', entries, footer: '\n', omittedNote: omittedNote('note', where) };
}

/** Collapsible unified diffs of content, one per item that has one. */
export function diffsSection(outcome: RunOutcome, where: string): Section {
  const entries = changedItems(outcome)
    .filter((item) => item.contentDiff !== undefined && item.contentDiff.length > 0)
    .map((item) => details(`${item.action} ${code(item.name)}`, fence(item.contentDiff ?? '', 'diff')));
  return {
    heading: '#### Content diffs\n\n',
    entries,
    footer: '\n',
    omittedNote: (omitted, total) =>
      `_✂️ Truncated: ${omitted} of ${plural(total, 'content diff')} left out to stay within the size limit${where}._`,
  };
}
