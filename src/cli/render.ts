/**
 * RunOutcome -> terminal text. The plan is shown one line per item with a sign, like
 * `terraform plan`; values arrive already redacted from the plan stage.
 */
import type { Diagnostic } from '../errors.js';
import type { FieldChange, ItemResult, Plan, PlanAction, PlanItem, RunOutcome } from '../model.js';
import { unchangedCount } from '../plan/plan.js';
import { ACTION_SIGNS, errorText } from '../report/view.js';
import { renderTags } from '../common/tags.js';
import { plural } from '../common/text.js';
import { keptReason, markedLine } from '../report/ownership.js';
import type { Palette } from './color.js';

export interface RenderOptions {
  readonly palette: Palette;
  /** Also list unchanged scripts and show full content diffs. */
  readonly verbose: boolean;
  /** Apply after confirmation: the plan is on the screen already, show only the results. */
  readonly planShown?: boolean;
}

function paintAction(action: PlanAction, text: string, palette: Palette): string {
  switch (action) {
    case 'create':
      return palette.green(text);
    case 'update':
      return palette.yellow(text);
    case 'delete':
    case 'blocked':
    case 'unreadable':
      return palette.red(text);
    case 'noop':
      return palette.dim(text);
  }
}

/** Diagnostics as `file:line:col: severity: message`, errors first. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], palette: Palette): string {
  const order = { error: 0, warning: 1, notice: 2 };
  const sorted = [...diagnostics].sort((a, b) => order[a.severity] - order[b.severity]);
  return sorted
    .map((diagnostic) => {
      const label =
        diagnostic.severity === 'error' ? palette.red('error') : palette.yellow(diagnostic.severity);
      const at = diagnostic.location;
      const where = at ? `${at.file}:${at.line}:${at.column}: ` : '';
      return `${where}${label}: ${diagnostic.message}\n`;
    })
    .join('');
}

function renderChange(change: FieldChange): string {
  if (change.before === undefined && change.after === undefined) return '';
  const value = (text: string | undefined) => (text === undefined ? '(none)' : JSON.stringify(text));
  return `      ${change.field}: ${value(change.before)} -> ${value(change.after)}\n`;
}

function renderContentDiff(diff: string, palette: Palette): string {
  return diff
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const painted = line.startsWith('+')
        ? palette.green(line)
        : line.startsWith('-')
          ? palette.red(line)
          : line;
      return `      ${painted}\n`;
    })
    .join('');
}

/** One item: the sign line, then its field changes and (updates) the content diff. */
export function renderItem(item: PlanItem, options: RenderOptions): string {
  const { palette } = options;
  const head = paintAction(
    item.action,
    `${ACTION_SIGNS[item.action]} ${item.action.padEnd(7)} ${item.name}`,
    palette,
  );
  // A create changes every field by definition: listing them would only add noise.
  const changes = item.action === 'create' ? [] : item.changes;
  const fields = changes.map((change) => change.field);
  const extras = [
    fields.length > 0 ? `(${fields.join(', ')})` : '',
    item.reviewerReset ? palette.yellow('[reviewer reset: goes back to review]') : '',
    item.file !== undefined && item.action !== 'noop' ? palette.dim(item.file) : '',
  ].filter((extra) => extra.length > 0);
  let text = `  ${head}${extras.length > 0 ? `  ${extras.join('  ')}` : ''}\n`;
  if (item.reason !== undefined && item.action !== 'noop') text += `      ${item.reason}\n`;
  for (const change of changes) {
    if (change.field !== 'content') text += renderChange(change);
  }
  if (item.action === 'update' && item.contentDiff !== undefined) {
    text += renderContentDiff(item.contentDiff, palette);
  }
  return text;
}

/** `, 2 unreadable` when some script could not be read (nothing otherwise: it is the exception). */
export function unreadableText(count: number): string {
  return count === 0 ? '' : `, ${count} unreadable`;
}

/** The plan: changed items, unchanged ones only with verbose, then the counts line. */
export function renderPlan(plan: Plan, options: RenderOptions): string {
  const shown = plan.items.filter((item) => options.verbose || item.action !== 'noop');
  const lines = shown.map((item) => renderItem(item, options)).join('');
  const { counts } = plan;
  const summary =
    `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete, ` +
    `${counts.blocked} blocked, ${unchangedCount(plan)} unchanged${unreadableText(counts.unreadable)}.`;
  const pending = plan.pendingApprovals.map(
    (entry) => `  ${options.palette.yellow('?')} ${entry.name} is ${entry.status} (waiting for review)\n`,
  );
  return (
    `${lines}${lines.length > 0 ? '\n' : ''}${options.palette.bold(summary)}\n${pending.join('')}` +
    renderOwnership(plan, options) +
    `Plan hash: ${plan.hash}\n`
  );
}

/** The scripts that will be marked as owned (one line) and the prune matches kept. */
function renderOwnership(plan: Plan, options: RenderOptions): string {
  const marked = markedLine(plan);
  const lines = marked === undefined ? [] : [`  ${options.palette.cyan('=')} ${marked}\n`];
  for (const kept of plan.ownership.kept)
    lines.push(`  ${options.palette.dim('=')} ${kept.name}  ${options.palette.dim(keptReason(kept))}\n`);
  return lines.join('');
}

function renderResult(result: ItemResult, palette: Palette): string {
  const { item } = result;
  if (result.outcome === 'failed') {
    return `  ${palette.red(`x failed  ${item.action} ${item.name}`)}: ${errorText(result.error)}\n`;
  }
  const verb = {
    create: 'created',
    update: 'updated',
    delete: 'deleted',
    noop: 'unchanged',
    blocked: 'blocked',
    unreadable: 'unreadable',
  };
  const status = result.readBackStatus === undefined ? '' : palette.dim(` (status ${result.readBackStatus})`);
  const tags =
    result.readBackTags === undefined ? '' : palette.dim(` tags ${renderTags(result.readBackTags)}`);
  const marked = item.action === 'noop' && result.outcome === 'applied';
  const label = result.outcome === 'unchanged' ? 'unchanged' : marked ? 'marked' : verb[item.action];
  return `  ${paintAction(item.action, `${ACTION_SIGNS[item.action]} ${label.padEnd(9)} ${item.name}`, palette)}${status}${tags}\n`;
}

/** Apply results: one line per acted-on item, reviewer resets, then the counts line. */
export function renderResults(results: readonly ItemResult[], options: RenderOptions): string {
  const count = (predicate: (result: ItemResult) => boolean) => results.filter(predicate).length;
  const applied = (action: PlanAction) => count((r) => r.outcome === 'applied' && r.item.action === action);
  // Unchanged scripts are listed once, in the plan above (with --verbose), never again here.
  const shown = results.filter((result) => result.item.action !== 'noop' || result.outcome !== 'unchanged');
  const resets = results.filter((result) => result.outcome === 'applied' && result.item.reviewerReset);
  const resetLines = resets.map(
    (result) =>
      `  ${options.palette.yellow('!')} ${result.item.name} went back to review` +
      `${result.readBackStatus === undefined ? '' : ` (status ${result.readBackStatus})`}\n`,
  );
  const summary =
    `Applied: ${applied('create')} created, ${applied('update')} updated, ${applied('delete')} deleted, ` +
    `${count((r) => r.outcome === 'failed')} failed.`;
  const resetBlock = resetLines.length > 0 ? `\nReviewer resets:\n${resetLines.join('')}` : '';
  const lines = shown.map((result) => renderResult(result, options.palette)).join('');
  return `${lines}${resetBlock}${lines.length + resetBlock.length > 0 ? '\n' : ''}${options.palette.bold(summary)}\n`;
}

/** Everything stdout shows for a run in human mode. */
export function renderOutcome(outcome: RunOutcome, options: RenderOptions): string {
  if (outcome.mode === 'validate') {
    const errors = outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const verdict =
      errors === 0 ? options.palette.green('valid') : options.palette.red(plural(errors, 'error'));
    return `${plural(outcome.definitions, 'definition')} in ${plural(outcome.files, 'file')}: ${verdict}\n`;
  }
  if (outcome.plan === undefined) return '';
  const results = outcome.mode === 'apply' ? outcome.results : undefined;
  const plan = options.planShown === true ? '' : renderPlan(outcome.plan, options);
  if (results === undefined) return plan;
  const applied = renderResults(results, options);
  return plan === '' ? applied : `${plan}\n${applied}`;
}
