import { describe, expect, it } from 'vitest';
import { paletteFor } from '../../src/cli/color.js';
import {
  renderDiagnostics,
  renderItem,
  renderOutcome,
  renderPlan,
  renderResults,
} from '../../src/cli/render.js';
import type { ItemResult, Plan, PlanItem, RunOutcome } from '../../src/model.js';

const plain = { palette: paletteFor(false), verbose: false };

const item = (action: PlanItem['action'], name: string, extra: Partial<PlanItem> = {}): PlanItem => ({
  action,
  name,
  changes: [],
  reviewerReset: false,
  ...extra,
});

const plan: Plan = {
  items: [
    item('blocked', 'gone', {
      reason: 'deleted remotely; remove `uuid` to create it again',
      file: 'coc-scripts/gone.yaml',
    }),
    item('create', 'new_one', {
      file: 'coc-scripts/new_one.yaml',
      changes: [{ field: 'type', after: 'SHELL' }],
    }),
    item('update', '备份_db', {
      file: 'coc-scripts/backup.yaml',
      reviewerReset: true,
      changes: [{ field: 'risk_level', before: 'LOW', after: 'HIGH' }, { field: 'content' }],
      contentDiff: '--- remote\n+++ desired\n@@ -1 +1 @@\n-echo a\n+echo b\n',
    }),
    item('delete', 'old', { reason: 'prune' }),
    item('noop', 'same'),
  ],
  counts: { create: 1, update: 1, delete: 1, noop: 1, blocked: 1, unreadable: 0 },
  hash: 'sha256:abc',
  ownership: { mode: 'name', key: 'managed-by-coc-script-sync', kept: [] },
  pendingApprovals: [{ name: 'waiting', uuid: 'SC1', status: 'PENDING_APPROVE' }],
};

describe('renderPlan', () => {
  it('shows one signed line per changed item, the details and the counts', () => {
    const text = renderPlan(plan, plain);
    expect(text).toContain('  ! blocked gone  coc-scripts/gone.yaml\n      deleted remotely');
    expect(text).toContain('  + create  new_one  coc-scripts/new_one.yaml\n');
    expect(text).not.toContain('type: ');
    expect(text).toContain(
      '  ~ update  备份_db  (risk_level, content)  [reviewer reset: goes back to review]',
    );
    expect(text).toContain('      risk_level: "LOW" -> "HIGH"');
    expect(text).toContain('      -echo a\n      +echo b\n');
    expect(text).toContain('  - delete  old\n      prune');
    expect(text).not.toContain('same');
    expect(text).toContain('Plan: 1 to create, 1 to update, 1 to delete, 1 blocked, 1 unchanged.');
    expect(text).toContain('? waiting is PENDING_APPROVE');
    expect(text).toContain('Plan hash: sha256:abc');
  });

  it('lists unchanged scripts with verbose', () => {
    expect(renderPlan(plan, { ...plain, verbose: true })).toContain('  = noop    same\n');
  });

  it.each([
    { name: 'colour on', color: true, escapes: true },
    { name: 'colour off', color: false, escapes: false },
  ])('uses ANSI escapes only with $name', ({ color, escapes }) => {
    const text = renderItem(plan.items[1] as PlanItem, { palette: paletteFor(color), verbose: false });
    expect(text.includes('\u001b[')).toBe(escapes);
  });
});

describe('renderResults', () => {
  const results: ItemResult[] = [
    { item: item('create', 'new_one'), outcome: 'applied', uuid: 'SC2', readBackStatus: 'APPROVED' },
    {
      item: item('update', 'rev', { reviewerReset: true }),
      outcome: 'applied',
      readBackStatus: 'PENDING_APPROVE',
    },
    {
      item: item('delete', 'old'),
      outcome: 'failed',
      error: {
        message: 'COC.00040701: boom (HTTP 400) while deleting old',
        code: 'COC.00040701',
        httpStatus: 400,
      },
    },
  ];
  it('shows outcomes, reviewer resets and counts', () => {
    const text = renderResults(results, plain);
    expect(text).toContain('+ created   new_one (status APPROVED)');
    // Code and HTTP status once each (the message carries them).
    expect(text).toContain('x failed  delete old: COC.00040701: boom (HTTP 400) while deleting old\n');
    expect(text).toContain('Reviewer resets:\n  ! rev went back to review (status PENDING_APPROVE)');
    expect(text).toContain('Applied: 1 created, 1 updated, 0 deleted, 1 failed.');
  });

  it('prints only the counts when nothing was done', () => {
    expect(renderResults([], plain)).toBe('Applied: 0 created, 0 updated, 0 deleted, 0 failed.\n');
  });
});

describe('renderOutcome', () => {
  const base: RunOutcome = {
    mode: 'validate',
    target: { path: 'x' },
    files: 3,
    definitions: 2,
    diagnostics: [],
    notes: [],
  };
  it.each([
    { name: 'valid', outcome: base, expected: '2 definitions in 3 files: valid\n' },
    {
      name: 'invalid',
      outcome: { ...base, diagnostics: [{ severity: 'error' as const, message: 'bad' }] },
      expected: '2 definitions in 3 files: 1 error\n',
    },
    { name: 'plan without a plan', outcome: { ...base, mode: 'plan' as const }, expected: '' },
  ])('$name', ({ outcome, expected }) => {
    expect(renderOutcome(outcome, plain)).toBe(expected);
  });
});

describe('renderDiagnostics', () => {
  it('prints located errors first', () => {
    const text = renderDiagnostics(
      [
        { severity: 'warning', message: 'no definitions' },
        { severity: 'error', message: 'name is missing', location: { file: 'a.yaml', line: 3, column: 1 } },
      ],
      paletteFor(false),
    );
    expect(text).toBe('a.yaml:3:1: error: name is missing\nwarning: no definitions\n');
  });
});
