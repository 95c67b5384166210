/** engine/verdict.ts: one decision for both front ends, fed the same outcomes. */
import { describe, expect, it } from 'vitest';
import type { Mode } from '../../src/config/config.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';
import {
  decideVerdict,
  EXIT,
  verdictContextOf,
  withVerdict,
  type VerdictContext,
} from '../../src/engine/verdict.js';
import type { FailureReason } from '../../src/errors.js';
import type { ItemResult, RunOutcome } from '../../src/model.js';
import { bareOutcome as outcome, countsPlan as plan, item } from '../report/sample-outcomes.js';

const result = (resultOutcome: ItemResult['outcome']): ItemResult => ({
  item: item('create', 'backup_db'),
  outcome: resultOutcome,
});

/**
 * The contexts the two front ends pass (src/action.ts and src/cli/run-command.ts), built the way
 * they build them: from the Config each parses. The action runs on a pull request here (the only
 * event on which a plan may degrade).
 */
function contextFor(surface: 'action' | 'cli', command: Mode, failOnDrift: boolean): VerdictContext {
  const values = { mode: command, 'fail-on-drift': String(failOnDrift), 'max-deletes': '2' };
  const env = surface === 'action' ? { GITHUB_EVENT_NAME: 'pull_request' } : {};
  return verdictContextOf(parseConfig(rawInputsFrom(values, env), { surface }), command);
}
const action = (command: Mode, failOnDrift = false): VerdictContext =>
  contextFor('action', command, failOnDrift);
const cli = (command: Mode, failOnDrift = false): VerdictContext => contextFor('cli', command, failOnDrift);

/** A plan deleting `n` scripts (max-deletes is 2 in these contexts). */
const deleting = (n: number) => ({
  ...plan({ delete: n }),
  items: Array.from({ length: n }, (_, i) => item('delete', `old_${i + 1}`, { uuid: `SC${i}` })),
});

interface Case {
  readonly name: string;
  readonly command: Mode;
  readonly failOnDrift?: boolean;
  readonly outcome: RunOutcome;
  readonly reason: FailureReason | undefined;
  readonly exit: number;
}

/** Outcomes on which the action and the CLI must agree. */
const SHARED: readonly Case[] = [
  { name: 'valid', command: 'validate', outcome: outcome('validate'), reason: undefined, exit: EXIT.ok },
  {
    name: 'invalid definitions',
    command: 'validate',
    outcome: outcome('validate', {
      failureReason: 'validation',
      failureMessage: '1 validation errors',
      diagnostics: [{ severity: 'error', message: 'x' }],
    }),
    reason: 'validation',
    exit: EXIT.error,
  },
  {
    name: 'an error diagnostic without a recorded reason',
    command: 'validate',
    outcome: outcome('validate', { diagnostics: [{ severity: 'error', message: 'x' }] }),
    reason: 'validation',
    exit: EXIT.error,
  },
  {
    name: 'plan without changes',
    command: 'plan',
    outcome: outcome('plan', { plan: plan() }),
    reason: undefined,
    exit: EXIT.ok,
  },
  {
    name: 'plan with an update',
    command: 'plan',
    outcome: outcome('plan', { plan: plan({ update: 1 }) }),
    reason: undefined,
    exit: EXIT.changes,
  },
  {
    name: 'plan with a blocked item',
    command: 'plan',
    outcome: outcome('plan', { plan: plan({ blocked: 1 }) }),
    reason: undefined,
    exit: EXIT.changes,
  },
  {
    name: 'plan with a delete and fail-on-drift',
    command: 'plan',
    failOnDrift: true,
    outcome: outcome('plan', { plan: plan({ delete: 1 }) }),
    reason: 'drift',
    exit: EXIT.changes,
  },
  {
    name: 'plan with only a blocked item and fail-on-drift',
    command: 'plan',
    failOnDrift: true,
    outcome: outcome('plan', { plan: plan({ blocked: 1 }) }),
    reason: 'drift',
    exit: EXIT.changes,
  },
  {
    name: 'plan without changes and fail-on-drift',
    command: 'plan',
    failOnDrift: true,
    outcome: outcome('plan', { plan: plan() }),
    reason: undefined,
    exit: EXIT.ok,
  },
  {
    name: 'plan auth failure',
    command: 'plan',
    outcome: outcome('plan', { failureReason: 'auth', failureMessage: 'denied' }),
    reason: 'auth',
    exit: EXIT.error,
  },
  {
    name: 'apply success',
    command: 'apply',
    outcome: outcome('apply', { plan: plan({ create: 1 }), results: [result('applied')] }),
    reason: undefined,
    exit: EXIT.ok,
  },
  {
    name: 'apply with a failed item',
    command: 'apply',
    outcome: outcome('apply', { plan: plan({ create: 2 }), results: [result('applied'), result('failed')] }),
    reason: 'apply-failed',
    exit: EXIT.error,
  },
  {
    name: 'apply with a blocked item',
    command: 'apply',
    outcome: outcome('apply', { plan: plan({ blocked: 1 }), results: [] }),
    reason: 'blocked',
    exit: EXIT.error,
  },
  {
    name: 'plan with more deletions than max-deletes (apply would refuse)',
    command: 'plan',
    outcome: outcome('plan', { plan: deleting(3) }),
    reason: 'delete-guard',
    exit: EXIT.error,
  },
  {
    name: 'plan with as many deletions as max-deletes',
    command: 'plan',
    outcome: outcome('plan', { plan: deleting(2) }),
    reason: undefined,
    exit: EXIT.changes,
  },
  {
    name: 'plan that could not read a script',
    command: 'plan',
    outcome: outcome('plan', {
      plan: {
        ...plan({ unreadable: 1 }),
        items: [
          item('unreadable', 'backup_db', {
            uuid: 'SC1',
            readError: { message: 'APIGW.0308: throttled (HTTP 429) while reading SC1' },
          }),
        ],
      },
    }),
    reason: 'api-error',
    exit: EXIT.error,
  },
  {
    name: 'apply stopped by a rejected token part-way',
    command: 'apply',
    outcome: outcome('apply', {
      plan: plan({ create: 2 }),
      results: [
        result('applied'),
        {
          ...result('failed'),
          error: { message: 'APIGW.0301: bad token (HTTP 401) while creating x', stopsRun: 'auth' },
        },
      ],
    }),
    reason: 'auth',
    exit: EXIT.error,
  },
  {
    name: 'apply refused by the delete guard',
    command: 'apply',
    outcome: outcome('apply', { plan: plan({ delete: 9 }), failureReason: 'delete-guard' }),
    reason: 'delete-guard',
    exit: EXIT.error,
  },
  {
    name: 'apply refused because the plan changed',
    command: 'apply',
    outcome: outcome('apply', { plan: plan({ update: 1 }), failureReason: 'plan-changed' }),
    reason: 'plan-changed',
    exit: EXIT.error,
  },
  {
    name: 'plan cancelled (a plan that finished still ends cancelled)',
    command: 'plan',
    outcome: outcome('plan', { plan: plan({ update: 1 }), cancelled: 'SIGTERM' }),
    reason: 'cancelled',
    exit: EXIT.error,
  },
  {
    name: 'apply cancelled while listing (the listing error is the recorded failure)',
    command: 'apply',
    outcome: outcome('apply', {
      failureReason: 'api-error',
      failureMessage: 'cancelled (SIGINT: stopped in flight) while listing scripts',
      cancelled: 'SIGINT',
    }),
    reason: 'cancelled',
    exit: EXIT.error,
  },
  {
    name: 'apply cancelled part-way, every written item applied',
    command: 'apply',
    outcome: outcome('apply', {
      plan: plan({ create: 2 }),
      results: [result('applied'), result('applied')],
      cancelled: 'SIGTERM',
    }),
    reason: 'cancelled',
    exit: EXIT.error,
  },
];

describe('decideVerdict', () => {
  it.each(SHARED)(
    '$name: the action and the CLI agree',
    ({ command, failOnDrift, outcome: o, reason, exit }) => {
      const fromAction = decideVerdict(o, action(command, failOnDrift));
      const fromCli = decideVerdict(o, cli(command, failOnDrift));
      // Same reason and status; only the words differ (inputs for the action, flags for the CLI).
      expect([fromAction.failureReason, fromAction.exitStatus]).toEqual([
        fromCli.failureReason,
        fromCli.exitStatus,
      ]);
      expect(fromCli.failureReason).toBe(reason);
      expect(fromCli.exitStatus).toBe(exit);
      expect(fromCli.failureMessage === undefined).toBe(reason === undefined);
    },
  );

  it('a plan that degraded to validation succeeds in the action and fails with auth in the CLI', () => {
    const degraded = outcome('validate', { notes: ['No credentials are available'] });
    expect(decideVerdict(degraded, action('plan'))).toEqual({ exitStatus: EXIT.ok });
    const fromCli = decideVerdict(degraded, cli('plan'));
    expect(fromCli.failureReason).toBe('auth');
    expect(fromCli.failureMessage).toContain('plan needs credentials');
    expect(fromCli.failureMessage).toContain('flags or environment variables');
    expect(fromCli.exitStatus).toBe(EXIT.error);
  });

  it("forecasts the delete guard in plan: the deletions and the value to set, in each front end's words", () => {
    const o = outcome('plan', { plan: deleting(3) });
    const fromAction = decideVerdict(o, action('plan')).failureMessage ?? '';
    expect(fromAction).toBe(
      'Apply would refuse this plan: it deletes 3 scripts, more than `max-deletes` (2), and then applies ' +
        'nothing. Deletions: old_1, old_2, old_3. If they are intended, set `max-deletes` to at least 3; ' +
        'otherwise check `prune` and the `state: absent` definitions.',
    );
    expect(decideVerdict(o, cli('plan')).failureMessage).toContain('set `--max-deletes` to at least 3');
  });

  it('lists each blocked item with its file and fix', () => {
    const blocked = item('blocked', 'renamed', {
      uuid: 'SC1',
      file: 'coc-scripts/renamed.yaml',
      location: { file: 'coc-scripts/renamed.yaml', line: 1, column: 7 },
      reason: 'name `old` → `renamed` cannot be changed in place; remove `uuid` …',
    });
    const o = outcome('apply', {
      plan: { ...plan({ blocked: 1, create: 1 }), items: [blocked] },
      results: [result('applied')],
    });
    expect(decideVerdict(o, action('apply')).failureMessage).toBe(
      '1 blocked item was not applied (everything else was): renamed (coc-scripts/renamed.yaml:1): ' +
        'name `old` → `renamed` cannot be changed in place; remove `uuid` …',
    );
  });

  it('names the number of failed items', () => {
    const failed = outcome('apply', {
      plan: plan({ create: 2 }),
      results: [result('failed'), result('applied')],
    });
    expect(decideVerdict(failed, cli('apply')).failureMessage).toBe('1 of 2 items failed to apply.');
  });

  it('a cancelled apply lists the writes made (partly made ones too) and counts the rest', () => {
    const notStarted: ItemResult = {
      item: item('delete', 'old_one', { uuid: 'SC9' }),
      outcome: 'failed',
      error: { message: 'not started: the run was cancelled (SIGTERM)', stopsRun: 'cancelled' },
    };
    const partly: ItemResult = {
      item: item('create', 'half_done'),
      outcome: 'failed',
      uuid: 'SC2',
      scriptWritten: true,
      error: {
        message: 'the script was created (SC2), but setting its tags failed: cancelled',
        stopsRun: 'cancelled',
      },
    };
    const o = outcome('apply', {
      plan: plan({ create: 2, delete: 1 }),
      results: [{ ...result('applied'), uuid: 'SC1' }, partly, notStarted],
      cancelled: 'SIGTERM',
    });
    const verdict = decideVerdict(o, action('apply'));
    expect(verdict.failureReason).toBe('cancelled');
    expect(verdict.failureMessage).toBe(
      'Cancelled (SIGTERM) during apply: 2 changes made before the cancel (created backup_db, created ' +
        'half_done (without its tags)); 1 not made (not started, or cut short: each item says which). ' +
        'Run apply again: it plans against what COC holds now.',
    );
    const before = decideVerdict(
      outcome('apply', { plan: plan({ create: 1 }), cancelled: 'SIGINT' }),
      cli('apply'),
    );
    expect(before.failureMessage).toBe('Cancelled (SIGINT) before apply started: nothing was changed.');
  });

  it('withVerdict records the failure on the outcome and leaves a success untouched', () => {
    const drifted = outcome('plan', { plan: plan({ update: 3 }) });
    const verdict = decideVerdict(drifted, action('plan', true));
    expect(withVerdict(drifted, verdict)).toMatchObject({
      failureReason: 'drift',
      failureMessage: 'Drift detected: 3 scripts differ from the definitions.',
    });
    const clean = outcome('plan', { plan: plan() });
    expect(withVerdict(clean, decideVerdict(clean, action('plan')))).toBe(clean);
  });
});
