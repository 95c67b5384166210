/**
 * Field comparison rules (README, How plan and apply decide), one function per field family. Results are FieldChanges
 * rendered for people; sensitive values never leave here except as `(sensitive)`.
 */
import type { SyncSensitive } from '../config/config.js';
import type {
  DefinitionParam,
  FieldChange,
  PresentDefinition,
  RemoteParam,
  RemoteScript,
  Reviewer,
} from '../model.js';
import { compareStrings } from '../common/compare.js';
import { normalizeLineEndings } from '../common/line-endings.js';
import { REDACTED } from '../common/scrub.js';

/** Every field change between a present definition and its remote script (empty = in sync). */
export function diffFields(
  definition: PresentDefinition,
  remote: RemoteScript,
  syncSensitive: SyncSensitive,
): FieldChange[] {
  const changes = [
    ...diffText('description', remote.description, definition.description),
    ...diffContent(remote.content, definition.content),
    ...diffText('risk_level', remote.riskLevel, definition.riskLevel),
    ...diffText('version', remote.version, definition.version),
    ...diffProtocol(remote.protocol, definition.protocol),
    ...diffReviewers(remote.reviewers, definition.reviewers),
    ...diffParams(remote.params, definition.params),
  ];
  // Any update re-sends every value, so rotation only needs its own entry when nothing else changed.
  if (syncSensitive === 'always' && changes.length === 0) changes.push(...forcedSensitive(definition.params));
  return changes;
}

/** Plain string fields: any difference is a change. */
export function diffText(field: string, before: string, after: string): FieldChange[] {
  return before === after ? [] : [{ field, before, after }];
}

/** Content: CRLF equals LF. Before/after are left to the unified diff, which shows them better. */
export function diffContent(before: string, after: string): FieldChange[] {
  return normalizeLineEndings(before) === normalizeLineEndings(after) ? [] : [{ field: 'content' }];
}

/** Protocol: omitted in the definition keeps the remote one; unknown remotely is write-only. */
export function diffProtocol(before: string | undefined, after: string | undefined): FieldChange[] {
  if (after === undefined || before === undefined || before === after) return [];
  return [{ field: 'protocol', before, after }];
}

/** Reviewers: a set keyed by id; omitted keeps the remote ones, `[]` removes them. */
export function diffReviewers(
  before: readonly Reviewer[],
  after: readonly Reviewer[] | undefined,
): FieldChange[] {
  if (after === undefined) return [];
  const ids = (list: readonly Reviewer[]) => [...new Set(list.map((r) => r.id))].sort();
  const [beforeIds, afterIds] = [ids(before), ids(after)];
  if (beforeIds.length === afterIds.length && beforeIds.every((id, i) => id === afterIds[i])) return [];
  return [{ field: 'reviewers', before: renderReviewers(before), after: renderReviewers(after) }];
}

/** `alice (id1), bob (id2)` sorted by name, or `(none)`. */
export function renderReviewers(reviewers: readonly Reviewer[]): string {
  if (reviewers.length === 0) return '(none)';
  const sorted = [...reviewers].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  return sorted.map((r) => `${r.name} (${r.id})`).join(', ');
}

/**
 * Params: an ordered list compared on name, value, description and sensitive. A masked remote
 * value cannot be compared and so never makes a difference on its own; an env value that is not
 * set (plan without the secret) cannot be compared either.
 */
export function paramsEqual(before: readonly RemoteParam[], after: readonly DefinitionParam[]): boolean {
  return before.length === after.length && after.every((p, i) => paramEqual(before[i], p));
}

function paramEqual(before: RemoteParam | undefined, after: DefinitionParam): boolean {
  if (before === undefined) return false;
  if (before.name !== after.name || before.description !== after.description) return false;
  if (before.sensitive !== after.sensitive) return false;
  if (before.masked || after.value.value === undefined) return true;
  return before.value === after.value.value;
}

/**
 * Param changes: for a kept parameter one change per attribute that differs (its value as
 * `params.NAME`, `params.NAME.description`, `params.NAME.sensitive`), so a value change never
 * repeats the unchanged description; one change per parameter added or removed; one for a new
 * order. Values are shown raw; a sensitive one is `(sensitive)`, an unset one `$VAR (not set)`.
 */
export function diffParams(before: readonly RemoteParam[], after: readonly DefinitionParam[]): FieldChange[] {
  if (paramsEqual(before, after)) return [];
  const beforeByName = new Map(before.map((p) => [p.name, p]));
  const afterByName = new Map(after.map((p) => [p.name, p]));
  const changes: FieldChange[] = [];
  for (const param of after) {
    const old = beforeByName.get(param.name);
    if (old === undefined) changes.push({ field: `params.${param.name}`, after: renderParam(param) });
    else changes.push(...paramAttributeChanges(old, param));
  }
  for (const param of before) {
    if (!afterByName.has(param.name))
      changes.push({ field: `params.${param.name}`, before: renderRemoteParam(param) });
  }
  const kept = (list: readonly { name: string }[], other: Map<string, unknown>) =>
    list.filter((p) => other.has(p.name)).map((p) => p.name);
  const [oldOrder, newOrder] = [kept(before, afterByName), kept(after, beforeByName)];
  if (oldOrder.join('\n') !== newOrder.join('\n')) {
    changes.push({ field: 'params (order)', before: oldOrder.join(', '), after: newOrder.join(', ') });
  }
  return changes;
}

/** The attributes of one kept parameter that differ (empty when equal as far as comparable). */
function paramAttributeChanges(old: RemoteParam, param: DefinitionParam): FieldChange[] {
  if (paramEqual(old, param)) return [];
  const field = `params.${param.name}`;
  const comparable = !old.masked && param.value.value !== undefined;
  const changes: FieldChange[] = [];
  if ((comparable && old.value !== param.value.value) || old.sensitive !== param.sensitive) {
    changes.push({ field, before: renderRemoteValue(old), after: renderDesiredValue(param) });
  }
  if (old.description !== param.description) {
    changes.push({ field: `${field}.description`, before: old.description, after: param.description });
  }
  if (old.sensitive !== param.sensitive) {
    changes.push({
      field: `${field}.sensitive`,
      before: String(old.sensitive),
      after: String(param.sensitive),
    });
  }
  return changes;
}

/** A whole definition param for people (a create, an added param): value and description. */
export function renderParam(param: DefinitionParam): string {
  return formatParam(renderDesiredValue(param), param.description);
}

function renderDesiredValue(param: DefinitionParam): string {
  if (param.sensitive) return REDACTED;
  const { value } = param.value;
  if (value !== undefined) return value;
  return param.value.source === 'env' ? `$${param.value.variable} (not set)` : '';
}

/** A whole remote param for people; a sensitive remote value is never shown, masked or not. */
export function renderRemoteParam(param: RemoteParam): string {
  return formatParam(renderRemoteValue(param), param.description);
}

function renderRemoteValue(param: RemoteParam): string {
  return param.sensitive ? REDACTED : param.value;
}

function formatParam(value: string, description: string): string {
  return description === '' ? value : `${value} (description: ${description})`;
}

/** `sync-sensitive: always`: every sensitive param is re-sent even when nothing else changed. */
function forcedSensitive(params: readonly DefinitionParam[]): FieldChange[] {
  return params
    .filter((p) => p.sensitive)
    .map((p) => ({
      field: `params.${p.name}`,
      before: REDACTED,
      after: `${REDACTED} (re-sent: sync-sensitive always)`,
    }));
}
