/**
 * Property: for random (desired, remote) pairs, applying the plan makes the emulator hold exactly
 * the desired state, and a fresh plan afterwards is empty.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CocApi } from '../../src/coc/api.js';
import type { SeedScript } from '../../emulator/types.js';
import type {
  DefinitionParam,
  PresentDefinition,
  Protocol,
  Reviewer,
  RiskLevel,
  ScriptType,
} from '../../src/model.js';
import { useEmulator } from '../support/emulator.js';
import {
  applyAgainst,
  comparableDefinition,
  comparableRecord,
  connectTestClient,
  planAgainst,
  seedOf,
} from './engine-harness.js';
import { envParam, literalParam, presentDef } from '../plan/builders.js';

const emulator = useEmulator();
let api: CocApi;
beforeAll(async () => {
  api = await connectTestClient(emulator.current.url);
});
afterAll(async () => {
  await api.close();
});

/** Types are fixed per name: a type change is a blocked item, not something apply converges. */
const NAMES: Record<string, ScriptType> = {
  alpha: 'SHELL',
  beta: 'PYTHON',
  gamma: 'BAT',
  备份_脚本: 'SHELL',
};
const REVIEWERS: Reviewer[] = [
  { name: 'alice', id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
  { name: 'bob', id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
];

const paramArb = (name: string): fc.Arbitrary<DefinitionParam> =>
  fc
    .record({
      value: fc.constantFrom('v1', 'db.internal', 'a b', 'x=1'),
      description: fc.constantFrom('', 'desc'),
      sensitive: fc.boolean(),
    })
    .map(({ value, description, sensitive }) =>
      sensitive
        ? envParam(name, `ENV_${name.toUpperCase()}`, `${value}-secret`, description)
        : literalParam(name, value, { description }),
    );

const paramsArb: fc.Arbitrary<DefinitionParam[]> = fc
  .uniqueArray(fc.constantFrom('p1', 'p2', 'p3'), { maxLength: 3 })
  .chain((names) => fc.tuple(...names.map(paramArb)));

const scriptArb = (name: string): fc.Arbitrary<PresentDefinition> =>
  fc
    .record({
      description: fc.constantFrom('d1', 'd2', '描述'),
      content: fc.constantFrom('echo 1\n', 'echo 1\r\n', 'echo 2\n', 'line a\nline b'),
      riskLevel: fc.constantFrom<RiskLevel>('LOW', 'MEDIUM', 'HIGH'),
      version: fc.constantFrom('1.0.0', '2.0.1'),
      reviewers: fc.option(fc.subarray(REVIEWERS), { nil: undefined }),
      protocol: fc.option(fc.constantFrom<Protocol>('EMAIL', 'SMS'), { nil: undefined }),
      params: paramsArb,
    })
    .map(({ reviewers, protocol, ...fields }) =>
      presentDef(name, {
        type: NAMES[name] ?? 'SHELL',
        ...fields,
        ...(reviewers === undefined ? {} : { reviewers }),
        ...(protocol === undefined ? {} : { protocol }),
      }),
    );

const scriptsArb = (names: string[], minLength: number): fc.Arbitrary<PresentDefinition[]> =>
  fc
    .uniqueArray(fc.constantFrom(...names), { minLength, maxLength: names.length })
    .chain((chosen) => fc.tuple(...chosen.map(scriptArb)));

const pairArb = fc.record({
  desired: scriptsArb(Object.keys(NAMES), 1),
  remote: scriptsArb([...Object.keys(NAMES), 'orphan_1', 'orphan_2'], 0),
  status: fc.constantFrom<SeedScript['status']>('APPROVED', 'PENDING_APPROVE', 'REJECTED'),
});

describe('apply converges', () => {
  it('makes the emulator state equal the desired state, and the next plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ desired, remote, status }) => {
        emulator.current.reset();
        emulator.current.seed(remote.map((r) => seedOf(r, { ...(status === undefined ? {} : { status }) })));
        const before = new Map(remote.map((r) => [r.name, r]));

        const run = await applyAgainst(api, desired, {
          prune: ['orphan_*'],
          maxDeletes: 10,
          syncSensitive: 'always',
        });
        expect(run.refusal).toBeUndefined();
        expect(run.results?.filter((r) => r.outcome === 'failed')).toEqual([]);

        const records = emulator.current.scripts();
        // Orphans matching prune are gone; unmanaged scripts outside prune stay as they were.
        const untouched = remote.filter(
          (r) => !r.name.startsWith('orphan_') && !desired.some((d) => d.name === r.name),
        );
        expect(records.map((r) => r.name).sort()).toEqual(
          [...desired, ...untouched].map((d) => d.name).sort(),
        );
        for (const script of untouched) {
          const record = records.find((r) => r.name === script.name);
          expect(record && comparableRecord(record)).toEqual(comparableDefinition(script));
        }
        for (const definition of desired) {
          const record = records.find((r) => r.name === definition.name);
          if (record === undefined) throw new Error(`missing ${definition.name}`);
          const kept = before.get(definition.name);
          expect(comparableRecord(record)).toEqual(
            comparableDefinition(
              definition,
              (kept?.reviewers ?? []).map((r) => r.id),
            ),
          );
          expect(record.properties.protocol).toBe(definition.protocol ?? kept?.protocol);
        }

        const replan = await planAgainst(api, desired, { prune: ['orphan_*'] });
        expect(replan.counts).toMatchObject({ create: 0, update: 0, delete: 0, blocked: 0 });
      }),
      { numRuns: 25, seed: 20251125 },
    );
  });
});
