/**
 * Benchmark figures as a terminal report and as the Markdown block the README shows
 * (bench/README.md says how each figure is computed). Targets are checked here: a miss is marked
 * clearly, but never turns into a failed exit.
 */
import type { TimedProcess } from '../../__tests__/support/runner.js';
import type { PairedRuns, SyncFigures, ValidateFigures } from './bench-runs.js';
import { CONTENT_TARGET_MS, type ContentCheckFigures } from './content-bench.js';
import type { MachineInfo } from './machine.js';
import { machineLine } from './machine.js';
import { formatKb, formatMs, kbToMb, type MeasuredRun } from '../../__tests__/support/measure.js';
import { describeCounts } from '../../__tests__/support/requests.js';
import { formatTable } from './table.js';

/** The targets of issue 16 (validate: issue 7). */
export const TARGETS = {
  idealRatio: 1.15,
  firstRequestMs: 300,
  planTailMs: 50,
  peakRssMb: { 1000: 120, 5000: 250 } as Readonly<Record<number, number>>,
  validateMs: 500,
} as const;

/** Everything one benchmark run measured. */
export interface BenchFigures {
  readonly date: string;
  /** 1-minute load average when the benchmark started and ended (other work skews figures). */
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly machine: MachineInfo;
  readonly scripts: number;
  readonly folders: number;
  readonly different: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  /** The check-content input of the plan and apply runs. */
  readonly checkContent: string;
  readonly sync: SyncFigures;
  readonly validate: ValidateFigures;
  readonly contentCheck: ContentCheckFigures;
  readonly scaling: readonly { readonly scripts: number; readonly run: MeasuredRun }[];
  readonly bundle: { readonly entryBytes: number; readonly distBytes: number };
}

/** Minimum, median and maximum of some runs' values. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The spread of `values` (the median of an even count is the lower middle: a real run). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  return { min: at(0), median: at(Math.floor((sorted.length - 1) / 2)), max: at(sorted.length - 1) };
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗ MISS';
}

type Format = (value: number) => string;

const times: Format = (value) => `${value.toFixed(2)}×`;

/** `3.40 s (3.35–3.52)`: the median, then the range; a target (≤) is checked on the median. */
function spreadCell(spread: Spread, format: Format, target?: number): string {
  const range = spread.min === spread.max ? '' : ` (${format(spread.min)}–${format(spread.max)})`;
  const verdict = target === undefined ? '' : ` ${mark(spread.median <= target)}`;
  return `${format(spread.median)}${range}${verdict}`;
}

const rssMb = (run: MeasuredRun<TimedProcess>): number => kbToMb(run.result.peakRssKb ?? Number.NaN);
const formatMb: Format = (mb) => (Number.isNaN(mb) ? 'n/a' : `${mb.toFixed(1)} MB`);

/** Per round: the action's wall time over the ideal client's in the same round. */
function idealRatios(runs: PairedRuns): number[] {
  return runs.action.map(
    (run, index) => run.result.wallMs / (runs.ideal[index]?.result.wallMs ?? Number.NaN),
  );
}

function syncRows(figures: BenchFigures): string[][] {
  const rss = TARGETS.peakRssMb[figures.scripts];
  const row = (label: string, runs: PairedRuns): string[] => {
    const of = <R extends TimedProcess>(
      list: readonly MeasuredRun<R>[],
      pick: (run: MeasuredRun<R>) => number,
    ) => spreadOf(list.map(pick));
    const sample = runs.action[0];
    return [
      label,
      spreadCell(
        of(runs.action, (run) => run.result.wallMs),
        formatMs,
      ),
      spreadCell(
        of(runs.ideal, (run) => run.result.wallMs),
        formatMs,
      ),
      spreadCell(spreadOf(idealRatios(runs)), times, TARGETS.idealRatio),
      spreadCell(
        of(runs.action, (run) => run.ratio),
        times,
      ),
      spreadCell(
        of(runs.ideal, (run) => run.ratio),
        times,
      ),
      sample ? `${formatMs(sample.limitMs)}` : 'n/a',
      sample ? `${sample.counts.total} (${describeCounts(sample.counts)})` : 'n/a',
      spreadCell(of(runs.action, rssMb), formatMb, rss),
    ];
  };
  return [row('plan', figures.sync.plan), row('apply', figures.sync.apply)];
}

function syncHead(figures: BenchFigures): string[] {
  const rss = TARGETS.peakRssMb[figures.scripts];
  return [
    'run',
    'action',
    'ideal client',
    `× ideal (≤ ${TARGETS.idealRatio})`,
    'action × floor',
    'ideal × floor',
    'floor',
    'requests',
    rss === undefined ? 'peak RSS' : `peak RSS (≤ ${rss} MB)`,
  ];
}

function profileRows(figures: BenchFigures): string[][] {
  const row = (label: string, runs: readonly MeasuredRun<TimedProcess>[], tailTarget?: number): string[] => {
    const of = (pick: (run: MeasuredRun<TimedProcess>) => number): Spread => spreadOf(runs.map(pick));
    return [
      label,
      spreadCell(
        of((run) => run.profile.startupMs),
        formatMs,
        label.endsWith('action') ? TARGETS.firstRequestMs : undefined,
      ),
      spreadCell(
        of((run) => run.profile.listingMs),
        formatMs,
      ),
      spreadCell(
        of((run) => run.profile.networkMs),
        formatMs,
      ),
      spreadCell(
        of((run) => run.profile.networkRatio),
        times,
      ),
      spreadCell(
        of((run) => run.profile.averageInFlight),
        (value) => value.toFixed(2),
      ),
      spreadCell(
        of((run) => run.profile.tailMs),
        formatMs,
        tailTarget,
      ),
    ];
  };
  const { plan, apply } = figures.sync;
  return [
    row('plan · action', plan.action, TARGETS.planTailMs),
    row('plan · ideal client', plan.ideal),
    row('apply · action', apply.action),
    row('apply · ideal client', apply.ideal),
  ];
}

const PROFILE_HEAD = [
  'run',
  'spawn → 1st request',
  'listing',
  'network phase',
  'network × floor',
  'avg in flight',
  'last answer → exit',
];

function scalingRows(figures: BenchFigures): string[][] {
  return figures.scaling.map(({ scripts, run }) => {
    const rss = TARGETS.peakRssMb[scripts];
    return [
      String(scripts),
      formatMs(run.result.wallMs),
      times(run.ratio),
      formatMs(run.profile.startupMs),
      String(run.counts.total),
      `${formatKb(run.result.peakRssKb)}${rss === undefined ? '' : ` ${mark(rssMb(run) <= rss)}`}`,
    ];
  });
}

const SCALING_HEAD = ['scripts', 'plan wall', '× floor', 'spawn → 1st request', 'requests', 'peak RSS'];

/** How peak RSS grows with the scripts, between consecutive sizes of the series. */
function growthLine(figures: BenchFigures): string | undefined {
  const steps = figures.scaling.slice(1).map((step, index) => {
    const before = figures.scaling[index];
    if (!before) return '';
    const kb = (step.run.result.peakRssKb ?? Number.NaN) - (before.run.result.peakRssKb ?? Number.NaN);
    const perScript = (kb * 1024) / 1000 / (step.scripts - before.scripts);
    return `${perScript.toFixed(1)} kB a script from ${before.scripts} to ${step.scripts}`;
  });
  return steps.length > 0 ? `peak RSS grows ${steps.join(', ')}` : undefined;
}

function validateLine(figures: BenchFigures): string {
  const v = figures.validate;
  const all = v.timesMs.map((ms) => formatMs(ms)).join(', ');
  return `validate of ${v.files} files (cold start, median of ${v.timesMs.length}): ${formatMs(v.medianMs)} ${mark(v.medianMs <= TARGETS.validateMs)} (runs: ${all}; peak RSS ${formatKb(v.peakRssKb)})`;
}

function contentCheckLine(figures: BenchFigures): string {
  const c = figures.contentCheck;
  const list = (walls: readonly number[]): string => walls.map((ms) => formatMs(ms)).join(', ');
  const kb = (c.bytes / c.scripts / 1024).toFixed(1);
  const p = c.python;
  const python =
    p === undefined
      ? 'python3 is not on PATH'
      : p.executable === p.onPath
        ? `python3: ${p.onPath}, start-up ${formatMs(p.onPathMs)}`
        : `python3: ${p.onPath}, which runs ${p.executable}; start-up ${formatMs(p.onPathMs)}, ${formatMs(p.executableMs)} for the interpreter alone`;
  return `content check (\`check-content: syntax\`) of ${c.scripts} scripts of ${kb} KB (${c.shell} SHELL, ${c.pythonScripts} PYTHON): +${formatMs(c.extraMs)} ${mark(c.extraMs <= CONTENT_TARGET_MS)} (≤ ${CONTENT_TARGET_MS} ms; median of ${c.checkedMs.length} pairs' differences; validate cold start with it: ${list(c.checkedMs)}; with \`off\`: ${list(c.offMs)}; ${python})`;
}

function bundleLine(figures: BenchFigures): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  return `bundle: dist/index.js ${kb(figures.bundle.entryBytes)} (dist/ in all ${kb(figures.bundle.distBytes)})`;
}

function naiveLine(figures: BenchFigures): string | undefined {
  const { naivePlan, naiveApply, plan, apply } = figures.sync;
  if (!naivePlan || !naiveApply) return undefined;
  const median = (runs: PairedRuns): number => spreadOf(runs.action.map((run) => run.result.wallMs)).median;
  const speedUp = (naive: number, runs: PairedRuns): string => `${(naive / median(runs)).toFixed(1)}×`;
  return `a naive sequential loop (one request at a time, in-process fetch) took ${formatMs(naivePlan.wallMs)} for plan and ${formatMs(naiveApply.wallMs)} for apply: the action is ${speedUp(naivePlan.wallMs, plan)} and ${speedUp(naiveApply.wallMs, apply)} faster`;
}

function loadLine(figures: BenchFigures): string {
  const { start, end } = figures.loadAverage;
  return `load average ${start.toFixed(1)} at start, ${end.toFixed(1)} at end`;
}

function roundsLine(figures: BenchFigures): string {
  const rounds = figures.sync.plan.action.length;
  return `${rounds} rounds after one warm-up round; in each, the action and the ideal client ran plan, then apply, each on freshly seeded state, in alternating order; cells are median (min–max) over the rounds, × ideal pairs the runs of one round`;
}

function setupLine(figures: BenchFigures): string {
  return `${figures.scripts} definitions in ${figures.folders} folders, ${figures.scripts} remote scripts (content 1–4 KB), ${figures.different} of them different from the definitions; the emulator in its own process, latency ${figures.latencyMs} ms; concurrency ${figures.concurrency}; check-content: ${figures.checkContent}. Floor = requests × latency ÷ concurrency; the ideal client is bench/ideal-client.mjs (bench/README.md).`;
}

function notes(figures: BenchFigures): string[] {
  return [
    roundsLine(figures),
    naiveLine(figures),
    growthLine(figures),
    validateLine(figures),
    contentCheckLine(figures),
    bundleLine(figures),
  ].filter((line): line is string => line !== undefined);
}

/** The report printed in the terminal. */
export function terminalReport(figures: BenchFigures): string {
  return [
    `Machine: ${machineLine(figures.machine)}; ${loadLine(figures)}`,
    `Setup: ${setupLine(figures)}`,
    '',
    formatTable(syncHead(figures), syncRows(figures)),
    '',
    'Where the time goes (from the emulator log):',
    formatTable(PROFILE_HEAD, profileRows(figures)),
    '',
    'Scaling (plan, same latency and concurrency, 10% different):',
    formatTable(SCALING_HEAD, scalingRows(figures), { alignRight: [0] }),
    '',
    ...notes(figures).map((line) => `- ${line}`),
  ].join('\n');
}

function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** bench/README-figures.md: the block the README pastes, with the machine and the date. */
export function markdownReport(figures: BenchFigures): string {
  return [
    '<!-- Generated by `npm run bench` (scripts/bench.ts); `npm run generate` copies it into the README. -->',
    '### Benchmark',
    '',
    `Measured ${figures.date} on ${machineLine(figures.machine)}; ${loadLine(figures)}. How each figure is computed: [bench/README.md](bench/README.md).`,
    '',
    setupLine(figures),
    '',
    markdownTable(syncHead(figures), syncRows(figures)),
    '',
    '#### Where the time goes',
    '',
    markdownTable(PROFILE_HEAD, profileRows(figures)),
    '',
    '#### Scaling (plan)',
    '',
    markdownTable(SCALING_HEAD, scalingRows(figures)),
    '',
    ...notes(figures).map((line) => `- ${line}`),
    '',
  ].join('\n');
}
