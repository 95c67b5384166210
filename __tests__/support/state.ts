/**
 * Compares what the emulator really holds (unmasked) with the desired scripts: the soak's
 * "final diff", which must be empty. Duplicate names are reported first: a create that ran
 * twice is the worst outcome of a retried, ambiguous write.
 */
import type { ScriptRecord } from '../../emulator/types.js';
import type { ScriptSpec } from './generate.js';

/** One line per difference; empty when the emulator holds exactly the desired scripts. */
export function stateDiff(records: readonly ScriptRecord[], desired: readonly ScriptSpec[]): string[] {
  const lines: string[] = [];
  const byName = new Map<string, ScriptRecord[]>();
  for (const record of records) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  for (const [name, found] of byName) {
    if (found.length > 1) lines.push(`duplicate: ${name} exists ${found.length} times`);
  }
  const wanted = new Set(desired.map((spec) => spec.name));
  for (const name of byName.keys()) if (!wanted.has(name)) lines.push(`extra: ${name}`);
  for (const spec of desired) {
    const record = byName.get(spec.name)?.[0];
    if (!record) lines.push(`missing: ${spec.name}`);
    else lines.push(...fieldDiff(spec, record));
  }
  return lines;
}

function fieldDiff(spec: ScriptSpec, record: ScriptRecord): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['type', spec.type, record.type],
    ['description', spec.description, record.description],
    ['content', spec.content, record.content],
    ['risk_level', spec.riskLevel, record.properties.risk_level],
    ['version', spec.version, record.properties.version],
    ['params', paramsKey(spec), recordParamsKey(record)],
  ];
  return pairs
    .filter(([, want, have]) => want !== have)
    .map(
      ([field, want, have]) => `changed: ${spec.name}.${field}: want ${preview(want)}, have ${preview(have)}`,
    );
}

function paramsKey(spec: ScriptSpec): string {
  return JSON.stringify(spec.params.map((p, i) => [p.name, p.value, p.description, p.sensitive, i + 1]));
}

function recordParamsKey(record: ScriptRecord): string {
  const ordered = [...record.script_params].sort((a, b) => a.param_order - b.param_order);
  return JSON.stringify(
    ordered.map((p) => [p.param_name, p.param_value, p.param_description, p.sensitive, p.param_order]),
  );
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
