/**
 * The sections shared by the job summary, the PR comment and the drift issue, each a heading
 * plus entries that budget.ts can cut. All text that comes from outside is escaped here.
 */
import type { DefinitionParam, FieldChange, PlanAction, PlanItem, RunOutcome } from '../model.js';
import { REDACTED } from '../common/scrub.js';
import { isTagsOnlyUpdate } from '../plan/items.js';
import type { Section } from './budget.js';
import { plural } from '../common/text.js';
import { fileUrl } from './headline.js';
import { cell, code, details, fence, prose, row, tableHead } from './markdown.js';
import { changedItems, contentStatText, isInlineValue, itemStatus, reviewRows } from './view.js';

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
      const at = item.location
        ? ` (${code(`${item.location.file}:${item.location.line}:${item.location.column}`)})`
        : '';
      return `- ${scriptRef(outcome, item)}${at}: ${prose(item.reason ?? 'blocked')}\n`;
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
      return `- ${scriptRef(outcome, item)}${uuid}: ${deletionReason(item)}${status}\n`;
    });
  return {
    heading: '#### Deletions\n\n',
    entries,
    footer: '\n',
    omittedNote: omittedNote('deletion', where),
  };
}

/**
 * Table of items of the given actions: action, script (linked to its file at the commit), what
 * changes (only what changed; content as `+N −M`), and in apply mode the result. Review status
 * lives in the review-state table, not here.
 */
export function changesSection(outcome: RunOutcome, actions: readonly PlanAction[], where: string): Section {
  const applied = outcome.mode === 'apply';
  const entries = changedItems(outcome)
    .filter((item) => actions.includes(item.action))
    .map((item) => {
      const cells = [`**${item.action}**`, scriptRef(outcome, item), changesCell(item)];
      return row(applied ? [...cells, cell(itemStatus(outcome, item))] : cells);
    });
  const names = applied ? ['action', 'script', 'changes', 'result'] : ['action', 'script', 'changes'];
  return {
    heading: `#### Changes\n\n${tableHead(names)}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('change', where),
  };
}

/**
 * Review state in one table: each script written with reviewers (status before → after, expected
 * in a plan, read back after apply), then the managed scripts waiting in review or rejected.
 */
export function reviewStateSection(outcome: RunOutcome, where: string): Section {
  const entries = reviewRows(outcome).map((r) => {
    const status = r.after === undefined ? cell(r.before) : `${cell(r.before)} → **${cell(r.after)}**`;
    const script = r.item ? scriptRef(outcome, r.item) : code(r.name);
    return row([script, cell(r.reviewers.join(', ') || '—'), status, cell(r.why)]);
  });
  return {
    heading: `#### Review state\n\n${tableHead(['script', 'reviewers', 'status', 'why'])}`,
    entries,
    footer: '\n',
    omittedNote: omittedNote('script in review', where),
  };
}

/** The script's name, linked to its definition file (and line) at the run's commit when known. */
export function scriptRef(outcome: RunOutcome, item: PlanItem): string {
  const file = item.location?.file ?? item.file;
  if (!outcome.source || file === undefined) return code(item.name);
  return `[${code(item.name)}](${fileUrl(outcome.source, file, item.location?.line)})`;
}

/** Why a script is deleted: its `state: absent` definition, or the prune glob that owns it. */
function deletionReason(item: PlanItem): string {
  if (item.reason === 'state: absent') return `${code('state: absent')} in its definition`;
  const glob = /^prune: matches `(.*)`$/su.exec(item.reason ?? '')?.[1];
  if (glob !== undefined) return `no definition, and the name matches prune glob ${code(glob)}`;
  return prose(item.reason ?? 'deleted');
}

/** What changes for one item, as Markdown for a table cell. */
function changesCell(item: PlanItem): string {
  if (item.action === 'delete') return deletionReason(item);
  if (item.action === 'blocked' || item.action === 'unreadable') return prose(item.reason ?? item.action);
  if (item.action === 'create') return createCell(item);
  if (item.changes.length === 0) return '—';
  const changes = item.changes.map((change) => changeText(change, item)).join('<br>');
  // A tag-only update sends no PUT: say so where the reviewer reset would otherwise be feared.
  return isTagsOnlyUpdate(item) ? `${changes}<br>_tags only: no PUT, review kept_` : changes;
}

const MAX_PARAMS_SHOWN = 6;

/** A create: new, its content size, and its parameter values (per-environment values show here). */
function createCell(item: PlanItem): string {
  const what = item.desired
    ? `new ${item.desired.type} script, risk ${item.desired.riskLevel}`
    : 'new script';
  const parts = [`${what}, content ${contentStatText(item.contentDiff)}`];
  const params = item.desired?.params ?? [];
  if (params.length > 0) {
    const shown = params
      .slice(0, MAX_PARAMS_SHOWN)
      .map((p) => `${prose(p.name)} ${valueCode(paramValue(p))}`);
    const more = params.length > MAX_PARAMS_SHOWN ? `, … ${params.length - MAX_PARAMS_SHOWN} more` : '';
    parts.push(`params ${shown.join(', ')}${more}`);
  }
  return parts.join('<br>');
}

function paramValue(param: DefinitionParam): string {
  if (param.sensitive) return REDACTED;
  if (param.value.value !== undefined) return param.value.value;
  return param.value.source === 'env' ? `$${param.value.variable} (not set)` : '';
}

/** A value in a cell: code, except the redaction marker, which is not a value. */
function valueCode(value: string): string {
  return value === REDACTED ? `_${REDACTED}_` : code(value);
}

/** Free text (descriptions) shows as quoted prose; values and names as code. */
function isFreeText(field: string): boolean {
  return field === 'description' || field.endsWith('.description');
}

/** One field change: `field: before → after` with short values, else what can be said briefly. */
function changeText(change: FieldChange, item: PlanItem): string {
  const field = prose(change.field);
  if (change.field === 'content') return `content ${contentStatText(item.contentDiff)} (diff below)`;
  const show = (value: string): string => (isFreeText(change.field) ? `“${prose(value)}”` : valueCode(value));
  const { before, after } = change;
  if (before === undefined && isInlineValue(after)) return `${field}: ${show(after)} (added)`;
  if (after === undefined && isInlineValue(before)) return `${field}: ${show(before)} (removed)`;
  if (isInlineValue(before) && isInlineValue(after)) return `${field}: ${show(before)} → ${show(after)}`;
  return `${field} (changed; too long to show here)`;
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
    .map((item) =>
      details(
        `${item.action} ${code(item.name)} · ${contentStatText(item.contentDiff)}`,
        fence(item.contentDiff ?? '', 'diff'),
      ),
    );
  return {
    heading: '#### Content diffs\n\n',
    entries,
    footer: '\n',
    omittedNote: (omitted, total) =>
      `_✂️ Truncated: ${omitted} of ${plural(total, 'content diff')} left out to stay within the size limit${where}._`,
  };
}
