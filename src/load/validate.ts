/**
 * One file's data -> a validated definition or the list of field issues: the zod schema of the
 * definition's `state`, friendly messages, and the cross-key rules.
 */
import { excerpt } from '../common/inert.js';
import type { FieldIssue, SourceLookup } from './issues.js';
import { describeIssues } from './issues.js';
import type { RelationOptions } from './relations.js';
import { relationIssues } from './relations.js';
import type { AbsentData, PresentData } from './schema.js';
import { absentSchema, presentSchema } from './schema.js';

/** Validated data of one definition, tagged by its state. */
export type DefinitionData =
  | { readonly state: 'present'; readonly data: PresentData }
  | { readonly state: 'absent'; readonly data: AbsentData };

/** The outcome of validating one file's data: `definition` only when there is no issue. */
export interface Validation {
  readonly definition?: DefinitionData;
  readonly issues: readonly FieldIssue[];
}

/** Validates plain data read from one YAML file (by default as for `ownership: tag`). */
export function validateDefinitionData(
  data: unknown,
  sourceOf: SourceLookup,
  options: RelationOptions = { reservedTags: 1 },
): Validation {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data)
      ? 'a list'
      : `the ${typeof data === 'string' ? 'text' : typeof data} '${excerpt(String(data))}'`;
    const message = `the file must hold a mapping of keys (name: …, type: …), not ${got}`;
    return { issues: [{ path: [], message, target: 'value' }] };
  }
  const record = data as Readonly<Record<string, unknown>>;
  const absent = record['state'] === 'absent';
  const relations = relationIssues(record, absent, options);
  if (absent) {
    const result = absentSchema.safeParse(data);
    const issues = [
      ...(result.success ? [] : describeIssues(result.error.issues, data, sourceOf)),
      ...relations,
    ];
    return result.success && issues.length === 0
      ? { definition: { state: 'absent', data: result.data }, issues }
      : { issues };
  }
  const result = presentSchema.safeParse(data);
  const issues = [
    ...(result.success ? [] : describeIssues(result.error.issues, data, sourceOf)),
    ...relations,
  ];
  return result.success && issues.length === 0
    ? { definition: { state: 'present', data: result.data }, issues }
    : { issues };
}
