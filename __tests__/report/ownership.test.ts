/**
 * Ownership in every rendering: "will be marked as owned" once per plan, the kept prune matches
 * with their owner, tag-only updates, and hostile tag text kept inert in Markdown.
 */
import { describe, expect, it } from 'vitest';
import { renderOutcome } from '../../src/cli/render.js';
import { paletteFor } from '../../src/cli/color.js';
import { OWNERSHIP_TAG_KEY } from '../../src/common/tags.js';
import type { Plan, RunOutcome } from '../../src/model.js';
import { TAGS_ONLY } from '../../src/plan/items.js';
import { renderComment } from '../../src/report/comment.js';
import { ownershipLogLines } from '../../src/report/ownership.js';
import { renderSummary, renderSummaryText } from '../../src/report/summary.js';
import { HASH, item, planOutcome } from './sample-outcomes.js';

const OWNER = 'octo/ops:coc-scripts';
const mine = { key: OWNERSHIP_TAG_KEY, value: OWNER };

function ownershipPlan(kept: Plan['ownership']['kept']): Plan {
  const items = [
    item('update', 'retagged', {
      uuid: 'SC-T1',
      reason: TAGS_ONLY,
      changes: [{ field: 'tags.team', before: 'sre', after: 'ops' }],
      tags: [mine, { key: 'team', value: 'ops' }],
    }),
    item('noop', 'adopted_a', { uuid: 'SC-A1', tags: [mine], markOwned: true }),
    item('noop', 'adopted_b', { uuid: 'SC-B1', tags: [mine], markOwned: true }),
    item('noop', 'steady', { uuid: 'SC-S1' }),
  ];
  return {
    items,
    counts: { create: 0, update: 1, delete: 0, noop: 3, blocked: 0, unreadable: 0 },
    hash: HASH,
    ownership: { mode: 'tag', key: OWNERSHIP_TAG_KEY, owner: OWNER, kept },
    pendingApprovals: [],
  };
}

const kept = [
  { name: 'ops_theirs', uuid: 'SC-O1', owner: 'octo/other:scripts' },
  { name: 'ops_tmp', uuid: 'SC-O2' },
];
const outcome: RunOutcome = planOutcome({ plan: ownershipPlan(kept) });
const marked = `2 scripts will be marked as owned (${OWNERSHIP_TAG_KEY}=${OWNER}): adopted_a, adopted_b`;

describe('ownership in reports', () => {
  it('the log lists the marks once and every kept script with its owner', () => {
    expect(ownershipLogLines(ownershipPlan(kept))).toEqual([
      `= ${marked}`,
      '= ops_theirs kept: not owned by this folder (owner: octo/other:scripts)',
      '= ops_tmp kept: not owned by this folder (owner: none)',
    ]);
    const many = Array.from({ length: 25 }, (_, i) => ({ name: `k${i}`, uuid: `SC${i}` }));
    const lines = ownershipLogLines(ownershipPlan(many));
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines.at(-1)).toBe('= … and 5 more kept scripts (see the plan file)');
  });

  it.each([
    { name: 'summary', text: () => renderSummary(outcome) },
    { name: 'comment', text: () => renderComment(outcome) },
  ])(
    'the $name has a marked section, a kept section and says a tags-only update resets no review',
    ({ text }) => {
      const body = text();
      expect(body).toContain('#### Will be marked as owned');
      expect(body).toContain(`<code>${OWNERSHIP_TAG_KEY}=${OWNER}</code>`);
      expect(body).toContain('- <code>adopted_a</code> <code>SC-A1</code>');
      expect(body).toContain('#### Kept (match `prune`, not owned by this folder)');
      expect(body).toContain(
        '<code>ops_theirs</code> <code>SC-O1</code>: kept: not owned by this folder (owner: octo/other:scripts)',
      );
      expect(body).toContain('kept: not owned by this folder (owner: none)');
      // The comment's table lists creates and updates; the summary's every change.
      expect(body).toContain(
        'tags.team: <code>sre</code> → <code>ops</code><br>_tags only: no PUT, review kept_',
      );
      expect(body.match(/adopted_a/g)).toHaveLength(1);
    },
  );

  it('the terminal renderings say the same', () => {
    const cli = renderOutcome(outcome, { palette: paletteFor(false), verbose: false });
    expect(cli).toContain(`  = ${marked}\n`);
    expect(cli).toContain('  = ops_tmp  kept: not owned by this folder (owner: none)\n');
    expect(cli).toContain(`      ${TAGS_ONLY}\n`);
    expect(cli).toContain('      tags.team: "sre" -> "ops"\n');
    const text = renderSummaryText(outcome);
    expect(text).toContain(`Ownership:\n  ${marked}\n  ops_theirs (SC-O1): kept`);
  });

  it('leaves hostile owner values inert in Markdown', () => {
    const hostile = planOutcome({
      plan: ownershipPlan([
        {
          name: 'ops_x',
          uuid: 'SC-X',
          owner: '<img src=x onerror=alert(1)>|x [click](https://evil.example) @team',
        },
      ]),
    });
    const body = renderSummary(hostile);
    expect(body).not.toContain('<img');
    expect(body).not.toContain('[click](https://');
    expect(body).not.toContain('@team');
    expect(body).toContain('(owner: &lt;img src=x onerror=alert(1)&gt;&#124;x &#91;click&#93;');
  });

  it('shows nothing about ownership when nothing is marked or kept', () => {
    const quiet = planOutcome({
      plan: { ...ownershipPlan([]), items: [item('noop', 'steady', { uuid: 'SC-S1' })] },
    });
    expect(renderSummary(quiet)).not.toMatch(/marked as owned|Kept/);
    expect(ownershipLogLines(quiet.plan as Plan)).toEqual([]);
  });
});
