/**
 * The single place a parameter value becomes "(sensitive)" when it is rendered as a value —
 * summary, PR comment, drift issue, plan file. Free text is scrubbed by common/scrub.ts, which
 * uses the same marker. Dependency-free on purpose: the plan serializer imports it too.
 */
import { REDACTED } from '../common/scrub.js';
import type { DefinitionParam, DesiredScript, ParamValue, RunOutcome } from '../model.js';

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
