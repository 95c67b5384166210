/** Hand-built run outcomes for the report and GitHub tests (the engine is not involved). */
import type { DesiredScript, ItemResult, Plan, PlanItem, RunOutcome } from '../../src/model.js';

/** A sensitive value that must never appear in any rendering. */
export const CANARY = 'canary-Zq8vX3-secret';
export const HASH = `sha256:${'ab12'.repeat(16)}`;

export function desired(name: string, overrides: Partial<DesiredScript> = {}): DesiredScript {
  return {
    name,
    type: 'SHELL',
    description: `${name} script`,
    content: 'echo hello\n',
    riskLevel: 'LOW',
    version: '1.0.0',
    reviewers: [],
    params: [
      { name: 'host', value: { source: 'literal', value: 'db.internal' }, description: '', sensitive: false },
      {
        name: 'password',
        value: { source: 'env', variable: 'DB_PASSWORD', value: CANARY },
        description: 'db password',
        sensitive: true,
      },
    ],
    ...overrides,
  };
}

export function item(action: PlanItem['action'], name: string, overrides: Partial<PlanItem> = {}): PlanItem {
  return { action, name, changes: [], reviewerReset: false, ...overrides };
}

/** A plan with one of everything: create, update with reviewer reset, delete (prune), blocked, noop. */
export function samplePlan(): Plan {
  const items: PlanItem[] = [
    item('blocked', 'renamed_job', {
      uuid: 'SC-BLOCKED-1',
      file: 'coc-scripts/renamed_job.yaml',
      location: { file: 'coc-scripts/renamed_job.yaml', line: 2, column: 7 },
      reason: 'name differs from the remote script old_job; drop the uuid to create a new script',
    }),
    item('create', 'new_job', {
      file: 'coc-scripts/new_job.yaml',
      contentDiff: '--- new_job\n+++ new_job\n@@ -0,0 +1 @@\n+echo new\n',
      desired: desired('new_job'),
    }),
    item('update', 'backup_db', {
      uuid: 'SC-BACKUP-1',
      file: 'coc-scripts/backup_db.yaml',
      location: { file: 'coc-scripts/backup_db.yaml', line: 1, column: 7 },
      changes: [
        { field: 'content' },
        { field: 'risk_level', before: 'LOW', after: 'HIGH' },
        { field: 'params.host', before: 'db.internal', after: 'db2.internal' },
      ],
      contentDiff: '--- backup_db\n+++ backup_db\n@@ -1 +1 @@\n-echo old\n+echo ```fenced```\n',
      reviewerReset: true,
      remoteStatus: 'APPROVED',
      desired: desired('backup_db', {
        reviewers: [
          { name: 'alice', id: 'u-alice' },
          { name: 'bob', id: 'u-bob' },
        ],
      }),
    }),
    item('delete', 'old_tmp', {
      uuid: 'SC-OLD-1',
      reason: 'prune: matches `ops_*`',
      remoteStatus: 'APPROVED',
    }),
    item('noop', 'steady', { uuid: 'SC-STEADY-1', remoteStatus: 'PENDING_APPROVE' }),
  ];
  return {
    items,
    counts: { create: 1, update: 1, delete: 1, noop: 1, blocked: 1, unreadable: 0 },
    hash: HASH,
    ownership: { mode: 'name', key: 'managed-by-coc-script-sync', kept: [] },
    pendingApprovals: [{ name: 'steady', uuid: 'SC-STEADY-1', status: 'PENDING_APPROVE' }],
  };
}

const target = { path: 'coc-scripts', region: 'cn-north-4', projectId: 'proj-1' };

/** The commit the action read the definitions at (the CLI's outcomes have none). */
export const SOURCE = {
  sha: '3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90',
  repositoryUrl: 'https://github.com/acme/ops-scripts',
  computedAt: '2026-12-01T08:15:42.123Z',
};

export function planOutcome(overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    mode: 'plan',
    target,
    files: 5,
    definitions: 5,
    diagnostics: [],
    plan: samplePlan(),
    notes: ['DB_PASSWORD is not set; the value is only needed by apply'],
    planFile: '/tmp/runner/coc-plan.json',
    source: SOURCE,
    ...overrides,
  };
}

/** Apply of the sample plan: create applied, update applied (read back PENDING_APPROVE), delete failed. */
export function applyOutcome(overrides: Partial<RunOutcome> = {}): RunOutcome {
  const plan = samplePlan();
  const byName = (name: string) => plan.items.find((i) => i.name === name) as PlanItem;
  const results: ItemResult[] = [
    { item: byName('new_job'), outcome: 'applied', uuid: 'SC-NEW-1', readBackStatus: 'APPROVED' },
    { item: byName('backup_db'), outcome: 'applied', uuid: 'SC-BACKUP-1', readBackStatus: 'PENDING_APPROVE' },
    {
      item: byName('old_tmp'),
      outcome: 'failed',
      error: {
        code: 'COC.00040602',
        // As the client renders it (coc/errors.ts): code, API message, HTTP status, context.
        message: 'COC.00040602: Script is in use by a job (HTTP 400) while deleting old_tmp',
        httpStatus: 400,
        requestId: 'req-9',
      },
    },
  ];
  return planOutcome({
    mode: 'apply',
    plan,
    results,
    failureReason: 'apply-failed',
    failureMessage: '1 of 3 items failed',
    notes: [],
    ...overrides,
  });
}

export function validateOutcome(): RunOutcome {
  return {
    mode: 'validate',
    target: { path: 'coc-scripts' },
    files: 2,
    definitions: 1,
    diagnostics: [
      {
        severity: 'error',
        message: 'risk_level must be one of LOW, MEDIUM, HIGH',
        location: { file: 'coc-scripts/a.yaml', line: 4, column: 13, field: 'risk_level' },
      },
      {
        severity: 'warning',
        message: 'unknown <key> | pipe',
        location: { file: 'coc-scripts/b.yaml', line: 2, column: 1 },
      },
    ],
    failureReason: 'validation',
    failureMessage: '1 definition file is invalid',
    notes: [],
  };
}

/** A plan with `count` updates, each with a large content diff, plus deletions and resets. */
export function hugeOutcome(count: number): RunOutcome {
  const line = (i: number, sign: string) => `${sign}echo ${'x'.repeat(60)} line ${i}\n`;
  const items: PlanItem[] = [];
  for (let n = 0; n < count; n++) {
    const name = `job_${String(n).padStart(4, '0')}`;
    let diff = `--- ${name}\n+++ ${name}\n@@ -1,40 +1,40 @@\n`;
    for (let i = 0; i < 40; i++) diff += line(i, '-') + line(i, '+');
    items.push(
      item('update', name, {
        uuid: `SC-${n}`,
        changes: [{ field: 'content' }],
        contentDiff: diff,
        reviewerReset: n % 50 === 0,
        desired: desired(name, { reviewers: n % 50 === 0 ? [{ name: 'carol', id: 'u-carol' }] : [] }),
      }),
    );
  }
  for (let n = 0; n < 3; n++)
    items.push(item('delete', `gone_${n}`, { uuid: `SC-GONE-${n}`, reason: 'state: absent' }));
  return planOutcome({
    plan: {
      items,
      counts: { create: 0, update: count, delete: 3, noop: 0, blocked: 0, unreadable: 0 },
      hash: HASH,
      ownership: { mode: 'name', key: 'managed-by-coc-script-sync', kept: [] },
      pendingApprovals: [],
    },
  });
}

/** A plan with no items and the given counts (two no-ops unless overridden), for verdict tables. */
export function countsPlan(changes: Partial<Plan['counts']> = {}): Plan {
  const counts = { create: 0, update: 0, delete: 0, noop: 2, blocked: 0, unreadable: 0, ...changes };
  return {
    items: [],
    counts,
    hash: 'sha256:00',
    ownership: { mode: 'name', key: 'managed-by-coc-script-sync', kept: [] },
    pendingApprovals: [],
  };
}

/** The smallest outcome of a mode: one valid file, nothing else unless given. */
export function bareOutcome(mode: RunOutcome['mode'], extra: Partial<RunOutcome> = {}): RunOutcome {
  return { mode, target: { path: 'x' }, files: 1, definitions: 1, diagnostics: [], notes: [], ...extra };
}
