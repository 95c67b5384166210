/**
 * Rules beyond one file's schema: `name` and `uuid` unique across the folder (reported at every
 * file involved), and parameter values taken from the environment checked against COC's rules
 * without revealing them.
 */
import type { Diagnostic, SourceLocation } from '../errors.js';
import type { FieldIssue } from './issues.js';
import type { PresentData } from './schema.js';
import { explainSecretValue } from './schema.js';

/** A name or uuid as found in one file, with where it stands. */
export interface LocatedValue {
  readonly value: string;
  readonly location: SourceLocation;
}

/** The identity keys of one file, collected even when the file has other errors. */
export interface FileIdentity {
  readonly file: string;
  readonly name?: LocatedValue;
  readonly uuid?: LocatedValue;
}

/** One error per file that shares its `name` or `uuid` with another file, naming the others. */
export function duplicateDiagnostics(identities: readonly FileIdentity[]): Diagnostic[] {
  return [...duplicatesOf(identities, 'name'), ...duplicatesOf(identities, 'uuid')];
}

function duplicatesOf(identities: readonly FileIdentity[], key: 'name' | 'uuid'): Diagnostic[] {
  const groups = new Map<string, { file: string; location: SourceLocation }[]>();
  for (const identity of identities) {
    const found = identity[key];
    if (found === undefined) continue;
    const group = groups.get(found.value) ?? [];
    group.push({ file: identity.file, location: found.location });
    groups.set(found.value, group);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [value, group] of groups) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter((other) => other !== entry).map((other) => other.file);
      diagnostics.push({
        severity: 'error',
        message: `${key} '${value}' is also used by ${others.join(', ')}; each ${key} must be unique across the folder`,
        location: entry.location,
      });
    }
  }
  return diagnostics;
}

/**
 * Problems with parameter values read from the environment. Unset or empty variables are not an
 * error here: `plan` does not need them and main decides per mode.
 */
export function envValueIssues(
  data: PresentData,
  env: Readonly<Record<string, string | undefined>>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  (data.params ?? []).forEach((param, index) => {
    const variable = param.value_from_env;
    const value = variable === undefined ? undefined : env[variable];
    if (variable === undefined || value === undefined || value === '') return;
    const rule = explainSecretValue(value);
    if (rule === undefined) return;
    issues.push({
      path: ['params', index, 'value_from_env'],
      message: `the value of environment variable ${variable} (params[${index}].value_from_env) ${rule}`,
      target: 'value',
    });
  });
  return issues;
}
