import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model.js';
import { describePlanDifferences } from '../../src/report/plan-differences.js';
import {
  COMMENT_LIMIT_CHARS,
  commentMarker,
  extractPlanHash,
  extractPlanOutline,
  renderComment,
} from '../../src/report/comment.js';
import { CANARY, HASH, applyOutcome, hugeOutcome, planOutcome, validateOutcome } from './sample-outcomes.js';

describe('commentMarker', () => {
  it.each([
    {
      name: 'full target',
      target: { path: 'coc-scripts', region: 'cn-north-4', projectId: 'p1' },
      expected: '<!-- coc-script-sync:v1 path=coc-scripts region=cn-north-4 project=p1 -->',
    },
    {
      name: 'path only',
      target: { path: 'ops/scripts' },
      expected: '<!-- coc-script-sync:v1 path=ops%2Fscripts region= project= -->',
    },
    {
      name: 'hostile path cannot end the comment',
      target: { path: 'a --> b' },
      expected: '<!-- coc-script-sync:v1 path=a%20--%3E%20b region= project= -->',
    },
  ])('$name', ({ target, expected }) => {
    expect(commentMarker(target)).toBe(expected);
  });

  it('differs per target', () => {
    expect(commentMarker({ path: 'a', region: 'r1' })).not.toBe(commentMarker({ path: 'a', region: 'r2' }));
  });
});

describe('renderComment', () => {
  const body = renderComment(planOutcome(), { summaryUrl: 'https://github.com/o/r/actions/runs/1' });

  it('starts with the marker and carries the plan hash machine-readably', () => {
    expect(body.startsWith(commentMarker(planOutcome().target))).toBe(true);
    expect(extractPlanHash(body)).toBe(HASH);
    expect(body).toContain(`Plan hash: \`${HASH}\``);
  });

  it('opens with the verdict right after the hidden marker', () => {
    const [marker, first] = body.split('\n');
    expect(marker).toBe(commentMarker(planOutcome().target));
    expect(first).toBe('> [!CAUTION]');
  });

  it.each([
    { name: 'counts', fragment: '> 1 to create, 1 to update, 1 to delete, 1 blocked, 1 unchanged' },
    {
      name: 'commit and time',
      fragment: 'commit [<code>3f9c2a7</code>](https://github.com/acme/ops-scripts/commit/',
    },
    { name: 'blocked', fragment: '#### Blocked' },
    {
      name: 'deletion with its reason',
      fragment:
        '- <code>old_tmp</code> <code>SC-OLD-1</code>: no definition, and the name matches prune glob <code>ops_&#42;</code>',
    },
    { name: 'review state', fragment: 'alice, bob | APPROVED → **PENDING_APPROVE (expected)** |' },
    {
      name: 'update row',
      fragment: '| **update** | [<code>backup_db</code>](https://github.com/acme/ops-scripts/blob/',
    },
    {
      name: 'diff, collapsed with its size',
      fragment: '<details><summary>create <code>new_job</code> · +1 −0</summary>',
    },
    { name: 'summary link', fragment: 'Full report: [job summary](https://github.com/o/r/actions/runs/1).' },
  ])('holds the $name', ({ fragment }) => {
    expect(body).toContain(fragment);
  });

  it('puts sections in priority order: verdict, blocked, deletions, review state, table, diffs', () => {
    const order = [
      '> [!CAUTION]',
      '#### Blocked',
      '#### Deletions',
      '#### Review state',
      '#### Changes',
      '#### Content diffs',
    ];
    const positions = order.map((s) => body.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('has no hash when there is no plan (validate mode)', () => {
    const text = renderComment(validateOutcome());
    expect(extractPlanHash(text)).toBeUndefined();
    expect(text).toContain('coc-scripts/a.yaml:4:13');
  });

  it.each([
    { name: 'plan', outcome: planOutcome({ notes: [`leak ${CANARY}`] }) },
    { name: 'apply', outcome: applyOutcome({ failureMessage: `failed with ${CANARY}` }) },
  ])('never contains a sensitive value ($name)', ({ outcome }) => {
    expect(renderComment(outcome)).not.toContain(CANARY);
  });

  it('scrubs extra secrets given by the caller but keeps the hash intact', () => {
    const text = renderComment(planOutcome(), { secrets: ['ab12', 'db password'] });
    expect(extractPlanHash(text)).toBe(HASH);
    expect(text).not.toContain('db password');
  });
});

describe('comment size budget', () => {
  const body = renderComment(hugeOutcome(300), { summaryUrl: 'https://example.test/run' });

  it('stays below 65,536 characters', () => {
    expect(body.length).toBeLessThan(COMMENT_LIMIT_CHARS);
  });

  it('still holds counts, every deletion, every reviewer reset and the hash', () => {
    expect(body).toContain('0 to create, 300 to update, 3 to delete');
    expect(body.split('\n')[1]).toBe('> [!WARNING]');
    for (const name of ['gone_0', 'gone_1', 'gone_2']) expect(body).toContain(`<code>${name}</code>`);
    for (const name of ['job_0000', 'job_0050', 'job_0100', 'job_0150', 'job_0200', 'job_0250']) {
      expect(body).toContain(`| <code>${name}</code> | carol | — → **PENDING_APPROVE (expected)** |`);
    }
    expect(extractPlanHash(body)).toBe(HASH);
  });

  it('points to the job summary and says what was cut', () => {
    expect(body).toContain('the full plan is in the [job summary](https://example.test/run)');
    expect(body).toMatch(/Truncated: \d+ of 300 content diffs left out/);
  });

  it('cuts the table before the high-priority sections when the budget is tiny', () => {
    const small = renderComment(hugeOutcome(300), { targetChars: 6_000 });
    expect(small.length).toBeLessThan(8_000);
    expect(small).toContain('<code>gone_2</code>');
    expect(small).toContain('<code>job_0250</code>');
    expect(small).toMatch(/of 300 changes not shown here/);
  });
});

describe('extractPlanHash', () => {
  it.each([
    { name: 'absent', body: 'hello', expected: undefined },
    { name: 'present', body: `x\n<!-- coc-script-sync:plan-hash ${HASH} -->\n`, expected: HASH },
    { name: 'malformed', body: '<!-- coc-script-sync:plan-hash md5:zz -->', expected: undefined },
    {
      name: 'only the footer counts, not a marker earlier in the body',
      body: `x\n<!-- coc-script-sync:plan-hash sha256:${'0'.repeat(64)} -->\ndiff\n<!-- coc-script-sync:plan-hash ${HASH} -->\n`,
      expected: HASH,
    },
    {
      name: 'a marker not in the footer position',
      body: `<!-- coc-script-sync:plan-hash ${HASH} -->\nmore text after it\n`,
      expected: undefined,
    },
  ])('$name', ({ body, expected }) => {
    expect(extractPlanHash(body)).toBe(expected);
  });

  it('marker text from a value or diff is defused in the rendered body', () => {
    const forged = `<!-- coc-script-sync:plan-hash sha256:${'f'.repeat(64)} -->`;
    const outcome = planOutcome({ notes: [forged] });
    const items = (outcome.plan?.items ?? []).map((item) =>
      item.contentDiff === undefined ? item : { ...item, contentDiff: `${item.contentDiff}+${forged}\n` },
    );
    const body = renderComment({ ...outcome, ...(outcome.plan ? { plan: { ...outcome.plan, items } } : {}) });
    expect(body).toContain('+<!\u2060-- coc-script-sync:plan-hash');
    expect(body.split('<!-- coc-script-sync:plan-hash').length).toBe(2);
    expect(extractPlanHash(body)).toBe(HASH);
  });
});

describe('plan outline', () => {
  it('round-trips the reviewed plan outline without any value', () => {
    const outcome = planOutcome();
    const body = renderComment(outcome);
    const outline = extractPlanOutline(body);
    expect(outline).toMatchObject({ hash: outcome.plan?.hash });
    expect(describePlanDifferences(outline, outcome.plan as Plan)).toEqual([
      'The same scripts and fields change; the content or values being sent differ.',
    ]);
    expect(JSON.stringify(outline)).not.toContain(CANARY);
    expect(JSON.stringify(outline)).not.toContain('before');
  });

  it('is absent from a body that has none', () => {
    expect(extractPlanOutline('<!-- coc-script-sync:plan-outline !!! -->')).toBeUndefined();
    expect(extractPlanOutline('no marker')).toBeUndefined();
  });
});
