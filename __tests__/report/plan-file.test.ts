import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { PLAN_FILE_FORMAT, parsePlanFile, serializePlan } from '../../src/report/plan-file.js';
import { BY_NAME, envParam, literalParam, presentDef, remoteOf, stateOf } from '../plan/builders.js';

const ENV_SECRET = 'canary-env-7c1f0e';
const LITERAL_SECRET = 'canary-literal-9b2d4a';

const withSecrets = presentDef('s', {
  params: [
    literalParam('host', 'db.internal'),
    envParam('pw', 'DB_PASSWORD', ENV_SECRET),
    literalParam('key', LITERAL_SECRET, { sensitive: true }),
  ],
});
const unsetEnv = presentDef('u', { params: [envParam('pw', 'UNSET_VAR', undefined)] });
const plan = buildPlan({
  definitions: [withSecrets, unsetEnv],
  remote: stateOf([remoteOf(withSecrets, { description: 'drifted' })]),
  prune: [],
  syncSensitive: 'always',
  ownership: BY_NAME,
  hasDefinitionFiles: true,
});

describe('serializePlan', () => {
  const text = serializePlan(plan);

  it('never contains a sensitive value', () => {
    expect(plan.items.map((i) => i.action)).toEqual(['create', 'update']);
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain(LITERAL_SECRET);
  });

  it('replaces sensitive values by (sensitive), keeps variable names and plain values', () => {
    const document = JSON.parse(text) as { items: { desired?: { params: { value: unknown }[] } }[] };
    const params = document.items[1]?.desired?.params.map((p) => p.value);
    expect(params).toEqual([
      { source: 'literal', value: 'db.internal' },
      { source: 'env', variable: 'DB_PASSWORD', value: '(sensitive)' },
      { source: 'literal', value: '(sensitive)' },
    ]);
    // An unset variable stays visibly unset.
    expect(document.items[0]?.desired?.params[0]?.value).toEqual({ source: 'env', variable: 'UNSET_VAR' });
  });

  it('carries format, hash, counts and items, and reads back', () => {
    const parsed = parsePlanFile(text);
    expect(parsed?.format).toBe(PLAN_FILE_FORMAT);
    expect(parsed?.hash).toBe(plan.hash);
    expect(parsed?.items.map((i) => [i.action, i.name])).toEqual([
      ['create', 'u'],
      ['update', 's'],
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it.each([
    { name: 'not JSON', text: '{' },
    { name: 'no hash', text: '{"items": []}' },
    { name: 'bad action', text: '{"hash": "h", "items": [{"action": "explode", "name": "x"}]}' },
    { name: 'array', text: '[]' },
  ])('parsePlanFile rejects $name', ({ text: input }) => {
    expect(parsePlanFile(input)).toBeUndefined();
  });
});
