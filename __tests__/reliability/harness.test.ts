/**
 * The harness behind the demo, the benchmark and the soak (scripts/lib): request classification,
 * rates, the final-state diff, the terminal rendering of a job summary and the demo's scenario.
 * These verdicts decide whether a soak "converged", so they are tested like product code.
 */
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry, ScriptRecord } from '../../emulator/types.js';
import { buildDemoScenario } from '../../scripts/lib/demo-scenario.js';
import type { ExampleDefinition } from '../../scripts/lib/examples.js';
import { makeSpecs, toSeed } from '../support/generate.js';
import { createStyle, renderSummaryForTerminal, splitRow } from '../../scripts/lib/render.js';
import {
  averageRate,
  countRequests,
  peakWindowCount,
  physicalLimitMs,
  requestKind,
} from '../support/requests.js';
import { stateDiff } from '../support/state.js';
import { displayWidth } from '../../scripts/lib/table.js';

const entry = (
  method: string,
  path: string,
  at = 0,
  extra: Partial<RequestLogEntry> = {},
): RequestLogEntry => ({
  method,
  path,
  query: {},
  status: 200,
  at,
  ...extra,
});

describe('requestKind', () => {
  it.each([
    ['list', 'GET', '/v1/job/scripts'],
    ['get', 'GET', '/v1/job/scripts/SC123'],
    ['create', 'POST', '/v1/job/scripts'],
    ['modify', 'PUT', '/v1/job/scripts/SC123'],
    ['delete', 'DELETE', '/v1/job/scripts/SC123'],
    ['approve', 'POST', '/v1/job/scripts/SC123/action'],
    ['iam', 'POST', '/v3/auth/tokens'],
  ])('%s: %s %s', (kind, method, path) => {
    expect(requestKind({ method, path })).toBe(kind);
  });
});

describe('countRequests and rates', () => {
  const log = [
    entry('GET', '/v1/job/scripts', 0, { fault: 'latency' }),
    entry('GET', '/v1/job/scripts/A', 100, { status: 503, fault: '503' }),
    entry('GET', '/v1/job/scripts/A', 200, { status: 'dropped', fault: 'drop-before' }),
    entry('PUT', '/v1/job/scripts/A', 300, { status: 'dropped', fault: 'drop-after' }),
    entry('PUT', '/v1/job/scripts/B', 400, { status: 400 }),
  ];

  it('counts kinds, faults (latency is not one) and real API errors', () => {
    const counts = countRequests(log);
    expect(counts.byKind).toMatchObject({ list: 1, get: 2, modify: 2 });
    expect(counts.byFault).toEqual({ '503': 1, 'drop-before': 1, 'drop-after': 1 });
    expect(counts.faulted).toBe(3);
    expect(counts.apiErrors).toBe(1);
  });

  it.each([
    ['5 arrivals over 400 ms', log, 10],
    ['a single arrival', log.slice(0, 1), 0],
  ])('averageRate: %s', (_name, entries, rate) => {
    expect(averageRate(entries)).toBeCloseTo(rate);
  });

  it('peakWindowCount finds the busiest window', () => {
    const times = [0, 10, 20, 990, 1500, 1600, 2000, 2100, 2200, 2300];
    expect(peakWindowCount(times.map((at) => entry('GET', '/v1/job/scripts', at)))).toBe(6);
  });

  it('physicalLimitMs = requests × latency ÷ concurrency', () => {
    expect(physicalLimitMs(1011, 20, 8)).toBeCloseTo(2527.5);
  });
});

describe('stateDiff', () => {
  const specs = makeSpecs(3, 'diff', 1);
  const record = (seed: ReturnType<typeof toSeed>, id: number): ScriptRecord =>
    ({ ...seed, id, script_params: seed.script_params ?? [] }) as unknown as ScriptRecord;
  const exact = specs.map((spec, index) => record(toSeed(spec), index + 1));

  it.each([
    ['exactly the desired scripts', exact, []],
    ['a duplicate create', [...exact, record(toSeed(specs[0]!), 9)], ['duplicate: diff_0001 exists 2 times']],
    ['a lost create', exact.slice(1), ['missing: diff_0001']],
    [
      'a lost update',
      [record(toSeed({ ...specs[0]!, version: '0.1.0' }), 1), ...exact.slice(1)],
      ['changed: diff_0001.version: want "1.0.0", have "0.1.0"'],
    ],
  ])('%s', (_name, records, expected) => {
    expect(stateDiff(records, specs)).toEqual(expected);
  });
});

describe('renderSummaryForTerminal', () => {
  const plain = createStyle(false);

  it('turns <details> into indented sections and aligns tables with escaped pipes and CJK', () => {
    const markdown = [
      '### coc-script-sync · plan',
      '',
      '| action | script | fields |',
      '| --- | --- | --- |',
      '| update | <code>清理缓存</code> | a \\| b<br>c |',
      '| create | x | &lt;new&gt; |',
      '',
      '<details><summary>update <code>x</code></summary>',
      '',
      '```diff',
      '-old',
      '+new',
      '```',
      '</details>',
    ].join('\n');
    const text = renderSummaryForTerminal(markdown, plain);
    expect(text).toContain('coc-script-sync · plan');
    expect(text).toContain('update │ 清理缓存 │ a | b / c');
    expect(text).toContain('create │ x        │ <new>');
    expect(text).toContain('▸ update x\n  │ -old\n  │ +new');
    expect(text).not.toMatch(/<\/?(details|summary|code)>/);
  });

  it.each([
    ['plain cells', '| a | b |', ['a', 'b']],
    ['an escaped pipe stays in its cell', '| a \\| b | c |', ['a \\| b', 'c']],
  ])('splitRow: %s', (_name, line, cells) => {
    expect(splitRow(line)).toEqual(cells);
  });

  it.each([
    ['ASCII', 'abc', 3],
    ['CJK is two columns', '清理', 4],
    ['colour codes take none', '\u001b[1mab\u001b[22m', 2],
  ])('displayWidth: %s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('buildDemoScenario', () => {
  const def = (name: string, extra: Partial<ExampleDefinition> = {}): ExampleDefinition => ({
    file: `${name}.yaml`,
    name,
    state: 'present',
    type: 'SHELL',
    description: name,
    content: 'echo hi\n',
    riskLevel: 'LOW',
    version: '1.0.0',
    reviewers: undefined,
    protocol: undefined,
    params: [],
    ...extra,
  });
  const definitions = [
    def('a_reviewed', { reviewers: [{ name: 'alice', id: 'a1' }] }),
    def('b_plain', {
      params: [{ name: 'p', value: undefined, fromEnv: 'P_SECRET', description: '', sensitive: true }],
    }),
    def('c_plain'),
    def('d_new'),
    def('old_one', { state: 'absent' }),
  ];

  it('drifts the reviewed script and one more, keeps one, creates the rest, deletes tombstone and prune target', () => {
    const scenario = buildDemoScenario(definitions, 'ops_*');
    expect(scenario.expected).toEqual({ created: 1, updated: 2, deleted: 2, unchanged: 1 });
    expect(scenario.resets).toEqual(['a_reviewed']);
    expect(scenario.prune).toBe('ops_*');
    expect(scenario.seeds.map((seed) => seed.name)).toEqual([
      'a_reviewed',
      'b_plain',
      'c_plain',
      'old_one',
      'ops_old_healthcheck',
      'ops_made_in_console',
    ]);
    expect(scenario.seeds.find((seed) => seed.name === 'ops_old_healthcheck')?.resource_tags).toEqual([
      { key: 'managed-by-coc-script-sync', value: scenario.owner },
    ]);
    expect(scenario.seeds.find((seed) => seed.name === 'ops_made_in_console')?.resource_tags).toBeUndefined();
    expect(scenario.env).toEqual({ P_SECRET: 'demo-p-secret' });
  });

  it('falls back to its own prune glob when the workflow has none', () => {
    expect(buildDemoScenario(definitions, undefined).prune).toBe('demo_legacy_*');
  });
});
