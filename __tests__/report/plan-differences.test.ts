/** report/plan-differences.ts: what a changed plan changed, against the reviewed one. */
import { describe, expect, it } from 'vitest';
import type { Definition, Plan, RemoteScript } from '../../src/model.js';
import { buildPlan } from '../../src/plan/plan.js';
import { describePlanDifferences } from '../../src/report/plan-differences.js';
import { parsePlanFile, serializePlan } from '../../src/report/plan-file.js';
import { absentDef, BY_NAME, presentDef, remoteOf, stateOf } from '../plan/builders.js';

function plan(definitions: Definition[], remote: RemoteScript[]): Plan {
  return buildPlan({
    definitions,
    remote: stateOf(remote),
    prune: [],
    syncSensitive: 'changed',
    ownership: BY_NAME,
    hasDefinitionFiles: true,
  });
}

describe('describePlanDifferences', () => {
  const a = presentDef('a');
  const reviewed = plan(
    [{ ...a, description: 'new' }, absentDef('b')],
    [remoteOf(a), remoteOf(presentDef('b'))],
  );

  it('lists scripts whose action or fields changed, and those no longer planned', () => {
    const fresh = plan(
      [{ ...a, description: 'new', version: '9.0.0' }, presentDef('c')],
      [remoteOf(a), remoteOf(presentDef('b'))],
    );
    expect(describePlanDifferences(parsePlanFile(serializePlan(reviewed)), fresh)).toEqual([
      '`c`: now create (type, description, content, risk_level, version) (not in the reviewed plan)',
      '`a`: update, reviewed with (description), now with (description, version)',
      '`b`: reviewed delete, no longer planned',
    ]);
  });

  it('accepts a Plan object as well as a parsed file', () => {
    const fresh = plan([a, absentDef('b')], [remoteOf(a), remoteOf(presentDef('b'))]);
    expect(describePlanDifferences(reviewed, fresh)).toEqual([
      '`a`: reviewed update (description), now noop',
    ]);
  });

  it('says when only values differ', () => {
    const fresh = plan(
      [{ ...a, description: 'newer' }, absentDef('b')],
      [remoteOf(a), remoteOf(presentDef('b'))],
    );
    expect(describePlanDifferences(reviewed, fresh)).toEqual([
      'The same scripts and fields change; the content or values being sent differ.',
    ]);
  });

  it('shows the fresh plan when the reviewed one is unavailable', () => {
    expect(describePlanDifferences(undefined, reviewed)).toEqual([
      'The reviewed plan is not available, only its hash. The fresh plan:',
      'update `a` (description)',
      'delete `b`',
    ]);
  });
});
