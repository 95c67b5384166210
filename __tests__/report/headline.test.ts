/** The verdict every summary and comment opens with, and the commit/target line after it. */
import { describe, expect, it } from 'vitest';
import type { PlanItem, RunOutcome } from '../../src/model.js';
import { fileUrl, renderContextLine, renderHeader, verdictOf } from '../../src/report/headline.js';
import { renderComment } from '../../src/report/comment.js';
import { renderSummary } from '../../src/report/summary.js';
import { bareOutcome, desired, item, SOURCE } from './sample-outcomes.js';

/** A plan of `changed` items plus two unchanged scripts. */
function planOf(
  changed: PlanItem[],
  extra: Partial<RunOutcome> = {},
  mode: RunOutcome['mode'] = 'plan',
): RunOutcome {
  const items = [...changed, item('noop', 'same_1'), item('noop', 'same_2')];
  const count = (action: PlanItem['action']) => items.filter((i) => i.action === action).length;
  const counts = {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    noop: count('noop'),
    blocked: count('blocked'),
    unreadable: count('unreadable'),
  };
  return bareOutcome(mode, {
    plan: {
      items,
      counts,
      hash: `sha256:${'0'.repeat(64)}`,
      pendingApprovals: [],
      ownership: { mode: 'name', key: 'managed-by-coc-script-sync', kept: [] },
    },
    ...extra,
  });
}

const reset = item('update', 'reviewed', {
  reviewerReset: true,
  remoteStatus: 'APPROVED',
  desired: desired('reviewed', { reviewers: [{ name: 'alice', id: 'u1' }] }),
});
const create = item('create', 'fresh', { desired: desired('fresh') });
const update = item('update', 'changed', { desired: desired('changed') });
const deletion = item('delete', 'gone', { reason: 'state: absent' });
const blocked = item('blocked', 'stuck', { reason: 'renamed' });
const applied = (items: PlanItem[]) => items.map((i) => ({ item: i, outcome: 'applied' as const }));

describe('verdictOf', () => {
  it.each([
    {
      name: 'no changes',
      outcome: planOf([]),
      kind: 'NOTE',
      title: 'No changes: 2 scripts match the definitions',
    },
    {
      name: 'creates and updates',
      outcome: planOf([create, update]),
      kind: 'NOTE',
      title: '2 changes to apply',
    },
    {
      name: 'a deletion',
      outcome: planOf([create, deletion]),
      kind: 'WARNING',
      title: '2 changes to apply, including 1 deletion',
    },
    {
      name: 'a reviewer reset',
      outcome: planOf([reset, update]),
      kind: 'WARNING',
      title: '2 changes to apply, including 1 reviewer reset',
    },
    {
      name: 'both',
      outcome: planOf([reset, deletion]),
      kind: 'WARNING',
      title: '2 changes to apply, including 1 deletion and 1 reviewer reset',
    },
    {
      name: 'drift with fail-on-drift',
      outcome: planOf([update], { failureReason: 'drift' }),
      kind: 'WARNING',
      title: '1 change to apply (drift: this run fails)',
    },
    {
      name: 'a script COC could not read',
      outcome: planOf([update, item('unreadable', 'flaky', { reason: 'GET failed' })]),
      kind: 'WARNING',
      title: '1 change to apply; 1 script could not be read',
    },
    {
      name: 'nothing else, but a script COC could not read',
      outcome: planOf([item('unreadable', 'flaky', { reason: 'GET failed' })]),
      kind: 'WARNING',
      title: 'No changes: 2 scripts match the definitions; 1 script could not be read',
    },
    {
      name: 'a blocked item',
      outcome: planOf([blocked, create]),
      kind: 'CAUTION',
      title: 'Apply will fail: 1 blocked script (the other changes would still be applied)',
    },
    {
      name: 'the delete guard, forecast in plan',
      outcome: planOf([deletion, deletion], { failureReason: 'delete-guard' }),
      kind: 'CAUTION',
      title: 'Apply will refuse: 2 deletions, more than max-deletes allows',
    },
    {
      name: 'invalid definitions',
      outcome: bareOutcome('validate', {
        failureReason: 'validation',
        diagnostics: [{ severity: 'error', message: 'bad' }],
      }),
      kind: 'CAUTION',
      title: 'Invalid definitions: 1 error; nothing can be planned or applied',
    },
    {
      name: 'authentication',
      outcome: bareOutcome('plan', { failureReason: 'auth' }),
      kind: 'CAUTION',
      title: 'Plan failed: authentication failed',
    },
    {
      name: 'validate only',
      outcome: bareOutcome('validate'),
      kind: 'NOTE',
      title: 'Valid: 1 definition; no plan was made (validate)',
    },
    {
      name: 'apply: a changed plan',
      outcome: planOf([update], { failureReason: 'plan-changed' }, 'apply'),
      kind: 'CAUTION',
      title: 'Apply refused: the plan changed since it was reviewed; nothing was changed',
    },
    {
      name: 'apply: done, with a deletion',
      outcome: planOf([create, deletion], { results: applied([create, deletion]) }, 'apply'),
      kind: 'WARNING',
      title: 'Applied 2 changes, including 1 deletion',
    },
    {
      name: 'apply: nothing to do',
      outcome: planOf([], { results: [] }, 'apply'),
      kind: 'NOTE',
      title: 'Nothing to apply: 2 scripts already match',
    },
  ])('$name: $kind', ({ outcome, kind, title }) => {
    expect(verdictOf(outcome)).toEqual({ kind, title });
    // The same verdict is the first visible line of the summary and of the comment.
    expect(renderSummary(outcome).split('\n').slice(0, 2)).toEqual([`> [!${kind}]`, `> **${title}.**`]);
    expect(renderComment(outcome).split('\n').slice(1, 3)).toEqual([`> [!${kind}]`, `> **${title}.**`]);
  });
});

describe('renderContextLine', () => {
  it('names the short linked commit, the time and the whole target', () => {
    const outcome = bareOutcome('plan', {
      target: { path: 'ops', region: 'cn-east-3', projectId: 'p9' },
      source: SOURCE,
    });
    expect(renderContextLine(outcome)).toBe(
      'coc-script-sync plan · commit [<code>3f9c2a7</code>](https://github.com/acme/ops-scripts/commit/3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90) · 2026-12-01 08:15 UTC · target <code>ops</code> · region <code>cn-east-3</code> · project <code>p9</code>\n\n',
    );
  });

  it('makes a hostile path or project inert', () => {
    const outcome = bareOutcome('plan', { target: { path: '[x](https://evil)', projectId: '@team' } });
    const line = renderContextLine(outcome);
    expect(line).not.toContain('](https://evil)');
    expect(line).toContain('<code>&#91;x&#93;(https&#58;//evil)</code>');
  });

  it('puts the failure message inside the alert, made inert', () => {
    const header = renderHeader(
      bareOutcome('plan', { failureReason: 'auth', failureMessage: 'APIGW.0301 <b>@admin</b>' }),
    );
    expect(header).toContain(
      '> failure-reason <code>auth</code>. APIGW.0301 &lt;b&gt;@\u2060admin&lt;/b&gt;',
    );
  });
});

describe('fileUrl', () => {
  it.each([
    { file: 'coc-scripts/a.yaml', line: 3, url: '/blob/SHA/coc-scripts/a.yaml#L3' },
    {
      file: 'coc-scripts/清理 缓存#1.yaml',
      line: undefined,
      url: '/blob/SHA/coc-scripts/%E6%B8%85%E7%90%86%20%E7%BC%93%E5%AD%98%231.yaml',
    },
  ])('$file', ({ file, line, url }) => {
    expect(fileUrl({ ...SOURCE, sha: 'SHA' }, file, line)).toBe(`${SOURCE.repositoryUrl}${url}`);
  });
});
