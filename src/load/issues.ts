/**
 * Turns zod issues into messages a person can act on: the field path as users write it
 * (`params[2].value`) followed by the rule in plain words, never zod's own wording.
 */
import type { z } from 'zod';
import { excerpt } from '../common/inert.js';
import type { PathSegment, PositionTarget } from './parse.js';
import { DEFINITION_KEYS, PARAM_KEYS, REVIEWER_KEYS } from './schema.js';
import { closestWord } from '../common/text.js';

/** One problem inside a file, before it is given a position. */
export interface FieldIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Whether the position should be the key (unknown or misplaced keys) or the value. */
  readonly target: PositionTarget;
}

/** `['params', 2, 'value']` -> `params[2].value`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}

/** Reads the value at `path` in plain data (undefined when it is not there). */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** Source text of a scalar, for "quote it" hints. */
export type SourceLookup = (path: readonly PathSegment[]) => string | undefined;

/** Maps every zod issue to one or more field issues with friendly messages. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  sourceOf: SourceLookup,
): FieldIssue[] {
  return issues.flatMap((issue) => describeIssue(issue, data, sourceOf));
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, sourceOf: SourceLookup): FieldIssue[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const field = formatPath(path) || 'the definition';
  const value = valueAt(data, path);
  const at = (message: string): FieldIssue[] => [{ path, message, target: 'value' }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key));
    case 'invalid_key':
      // A map key (a tag key) broke its rule: point at the key, in the key's own words.
      return [{ path, message: `${field} ${keyRule(issue.issues)}`, target: 'key' }];
    case 'invalid_type':
      // A sensitive value is never quoted, however short (the scrubber cannot find short ones).
      return at(wrongType(field, issue.expected, value, isSensitiveValue(data, path) ? '…' : sourceOf(path)));
    case 'invalid_value':
      return at(notAllowed(field, path, issue.values, value));
    case 'too_big':
      return at(`${field} has ${countOf(value)} items; at most ${String(issue.maximum)} are allowed`);
    case 'too_small':
      return at(`${field} has ${countOf(value)} items; at least ${String(issue.minimum)} required`);
    case 'custom':
      return at(`${field} ${issue.message}`);
    default:
      return at(`${field} is not valid`);
  }
}

/** The rule of the first problem zod found with a map key. */
function keyRule(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  return first?.code === 'custom' ? first.message : 'is not a valid key';
}

/** Whether `path` is `params[i].value` of a param marked `sensitive: true`. */
function isSensitiveValue(data: unknown, path: readonly PathSegment[]): boolean {
  if (path.length !== 3 || path[0] !== 'params' || path[2] !== 'value') return false;
  const param = valueAt(data, path.slice(0, 2));
  return (
    typeof param === 'object' && param !== null && (param as Record<string, unknown>)['sensitive'] === true
  );
}

function unknownKey(path: readonly PathSegment[], key: string): FieldIssue {
  const allowed = allowedKeys(path);
  const suggestion = closestWord(key, allowed);
  const hint = suggestion ? `; did you mean '${suggestion}'?` : ` (allowed keys: ${allowed.join(', ')})`;
  const where = path.length === 0 ? 'a definition' : `a ${path[0] === 'params' ? 'parameter' : 'reviewer'}`;
  return {
    path: [...path, key],
    message: `${formatPath([...path, key])} is not a known key of ${where}${hint}`,
    target: 'key',
  };
}

function allowedKeys(path: readonly PathSegment[]): readonly string[] {
  if (path.length === 0) return DEFINITION_KEYS;
  return path[0] === 'params' ? PARAM_KEYS : REVIEWER_KEYS;
}

/**
 * What to write instead of an unquoted number or boolean: the quoted text, except for `version`,
 * whose quoted text must also have the form N.N.N — `1.0` advises "1.0.0", not "1.0" (which the
 * next run would reject again).
 */
function quotedAdvice(field: string, written: string): string {
  if (field === 'version' && /^\d+(\.\d+){0,2}$/u.test(written)) {
    const parts = written.split('.');
    while (parts.length < 3) parts.push('0');
    return `write "${parts.join('.')}" (quoted, in the form N.N.N)`;
  }
  return `quote it: "${written}"`;
}

function wrongType(field: string, expected: string, value: unknown, source: string | undefined): string {
  if (value === undefined) return `${field} is required`;
  if (value === null) return `${field} has no value; give it one or remove the key`;
  const got = kindOf(value);
  switch (expected) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') {
        const written = excerpt(source ?? String(value));
        return `${field} must be text, but YAML reads ${written} as a ${got}; ${quotedAdvice(field, written)}`;
      }
      return `${field} must be text, not ${article(got)}`;
    case 'boolean':
      return `${field} must be true or false (without quotes), not ${article(got)}`;
    case 'array':
      return `${field} must be a list (one "- " item per line), not ${article(got)}`;
    case 'object':
    case 'record':
      return `${field} must be a mapping of keys (key: value), not ${article(got)}`;
    default:
      return `${field} must be ${article(expected)}, not ${article(got)}`;
  }
}

function notAllowed(
  field: string,
  path: readonly PathSegment[],
  values: readonly unknown[],
  value: unknown,
): string {
  if (value === undefined) return `${field} is required`;
  const allowed = path.length === 1 && path[0] === 'state' ? ['present', 'absent'] : values.map(String);
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  const hint = upper !== undefined && upper !== value && allowed.includes(upper) ? ` (write '${upper}')` : '';
  return `${field} must be one of ${allowed.join(', ')}; got ${show(value)}${hint}`;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'mapping';
  return typeof value === 'string' ? 'text' : typeof value;
}

function article(kind: string): string {
  if (kind === 'text') return 'text';
  return /^[aeiou]/u.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${excerpt(value)}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return article(kindOf(value));
}
