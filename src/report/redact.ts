/**
 * The single place a value becomes "(sensitive)". Every rendering of a value — summary, PR
 * comment, drift issue, plan file — goes through here (STYLE §3.7). Dependency-free on purpose:
 * the plan serializer imports it too.
 */
import type { DefinitionParam, DesiredScript, ParamValue, RunOutcome } from '../model.js';

/** What a sensitive value is replaced with, everywhere. */
export const REDACTED = '(sensitive)';

/** The value of a parameter as it may be shown: the literal, or `(sensitive)`. */
export function displayParamValue(param: DefinitionParam): string {
  if (param.sensitive) return REDACTED;
  return param.value.value ?? '';
}

/** A copy of a parameter whose value is replaced by `(sensitive)` when it is sensitive. */
export function redactParam(param: DefinitionParam): DefinitionParam {
  if (!param.sensitive) return param;
  const value: ParamValue =
    param.value.source === 'env'
      ? // An unset variable stays unset: the plan file must say the value is missing, not hide it.
        {
          source: 'env',
          variable: param.value.variable,
          value: param.value.value === undefined ? undefined : REDACTED,
        }
      : { source: 'literal', value: REDACTED };
  return { ...param, value };
}

/** A copy of a desired script with every sensitive parameter value replaced by `(sensitive)`. */
export function redactDesiredScript(desired: DesiredScript): DesiredScript {
  return { ...desired, params: desired.params.map(redactParam) };
}

/**
 * Every sensitive value this outcome carries (the real values of sensitive parameters about to
 * be sent). Renderers scrub them from their text as a second line of defence.
 */
export function collectSecrets(outcome: RunOutcome): string[] {
  const secrets = new Set<string>();
  for (const item of outcome.plan?.items ?? []) {
    for (const param of item.desired?.params ?? []) {
      const value = param.value.value;
      if (param.sensitive && value !== undefined && value.length > 0) secrets.add(value);
    }
  }
  return [...secrets];
}

/** Shorter secrets are not scrubbed from free text (see scrubSecrets). */
export const MIN_SCRUB_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` by `(sensitive)`. Longer secrets go first
 * so that a secret containing another is replaced whole.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  // A value of one to three characters would be "found" inside ordinary words and mangle the
  // text; such values are redacted where they are rendered as values, which is what matters.
  const ordered = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_SCRUB_LENGTH)
    .sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of ordered) result = result.split(secret).join(REDACTED);
  return result;
}
