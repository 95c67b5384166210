/**
 * Diagnostics, blocked items, failed items and pending approvals -> annotation records that
 * publish.ts turns into `core.error` / `core.warning` / `core.notice` with file and position.
 */
import type { RunOutcome } from '../model.js';
import { scrubSecrets } from '../common/scrub.js';
import { collectSecrets } from './redact.js';
import { changedItems, errorText } from './view.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** One annotation; the position fields are present when the source location is known. */
export interface AnnotationRecord {
  readonly level: AnnotationLevel;
  readonly message: string;
  readonly title?: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly startColumn?: number;
}

/** The position and title of a record as `core.AnnotationProperties` expects them (no undefined keys). */
export function annotationProperties(
  record: AnnotationRecord,
): Pick<AnnotationRecord, 'title' | 'file' | 'startLine' | 'startColumn'> {
  const { level: _level, message: _message, ...properties } = record;
  return properties;
}

interface Located {
  readonly file?: string;
  readonly location?: { readonly file: string; readonly line: number; readonly column: number };
}

/** The position fields of something that may have a location or only a file. */
function position(source: Located): Pick<AnnotationRecord, 'file' | 'startLine' | 'startColumn'> {
  if (source.location) {
    const { file, line, column } = source.location;
    return { file, startLine: line, startColumn: column };
  }
  return source.file === undefined ? {} : { file: source.file };
}

/**
 * Every annotation of a run, in this order: diagnostics (their own severity), blocked items
 * (warning: the rest of the plan still applies), unreadable scripts of a plan and failed apply
 * items (error), and scripts waiting for approval (warning, as the README's reconcile workflow
 * promises).
 */
export function toAnnotations(outcome: RunOutcome): AnnotationRecord[] {
  const records: AnnotationRecord[] = outcome.diagnostics.map((d) => ({
    level: d.severity,
    message: d.message,
    ...position(d),
  }));
  for (const item of changedItems(outcome).filter((i) => i.action === 'blocked')) {
    records.push({
      level: 'warning',
      title: `blocked: ${item.name}`,
      message: item.reason ?? 'blocked',
      ...position(item),
    });
  }
  // In apply an unreadable item is a failed result (below); a plan reports it here.
  const unread = outcome.results ? [] : changedItems(outcome).filter((i) => i.action === 'unreadable');
  for (const item of unread) {
    records.push({
      level: 'error',
      title: `could not read: ${item.name}`,
      message: item.reason ?? 'could not be read',
      ...position(item),
    });
  }
  for (const result of outcome.results ?? []) {
    if (result.outcome !== 'failed') continue;
    const message = errorText(result.error);
    records.push({
      level: 'error',
      title: `${result.item.action} failed: ${result.item.name}`,
      message,
      ...position(result.item),
    });
  }
  const byName = new Map((outcome.plan?.items ?? []).map((i) => [i.name, i]));
  for (const pending of outcome.plan?.pendingApprovals ?? []) {
    const item = byName.get(pending.name);
    records.push({
      level: 'warning',
      title: `pending approval: ${pending.name}`,
      message: `Script ${pending.name} (${pending.uuid}) is ${pending.status} in COC.`,
      ...(item ? position(item) : {}),
    });
  }
  const secrets = collectSecrets(outcome);
  return records.map((r) => ({ ...r, message: scrubSecrets(r.message, secrets) }));
}
