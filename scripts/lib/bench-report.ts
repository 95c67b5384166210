/**
 * Benchmark figures as a terminal report and as the Markdown block the README shows. Targets
 * are checked here: a miss is marked clearly, but never turns into a failed exit.
 */
import type { SyncFigures, ValidateFigures } from './bench-runs.js';
import type { MachineInfo } from './machine.js';
import { machineLine } from './machine.js';
import { formatKb, formatMs, kbToMb, type MeasuredRun } from '../../__tests__/support/measure.js';
import type { NaiveResult } from './naive.js';
import { describeCounts } from '../../__tests__/support/requests.js';
import { formatTable } from './table.js';

/** The targets of issue 7. */
export const TARGETS = { ratio: 1.25, peakRssMb: 150, validateMs: 500 } as const;

/** Everything one benchmark run measured. */
export interface BenchFigures {
  readonly date: string;
  /** 1-minute load average when the benchmark started and ended (other work skews figures). */
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly machine: MachineInfo;
  readonly scripts: number;
  readonly different: number;
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly sync: SyncFigures;
  readonly validate: ValidateFigures;
  readonly scaling: readonly { readonly scripts: number; readonly run: MeasuredRun }[];
  readonly bundle: { readonly entryBytes: number; readonly distBytes: number };
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗ MISS';
}

function ratioCell(run: MeasuredRun): string {
  return `${run.ratio.toFixed(2)}× ${mark(run.ratio <= TARGETS.ratio)}`;
}

function rssCell(run: MeasuredRun): string {
  const kb = run.result.peakRssKb;
  return kb === undefined ? 'n/a' : `${formatKb(kb)} ${mark(kbToMb(kb) <= TARGETS.peakRssMb)}`;
}

function syncRows(figures: BenchFigures): string[][] {
  const row = (label: string, run: MeasuredRun, naive: NaiveResult): string[] => [
    label,
    formatMs(run.result.wallMs),
    formatMs(run.limitMs),
    ratioCell(run),
    `${run.counts.total} (${describeCounts(run.counts)})`,
    rssCell(run),
    formatMs(naive.wallMs),
    `${(naive.wallMs / run.result.wallMs).toFixed(1)}×`,
  ];
  return [
    row('plan', figures.sync.plan, figures.sync.naivePlan),
    row('apply', figures.sync.apply, figures.sync.naiveApply),
  ];
}

const SYNC_HEAD = [
  'run',
  'wall',
  'physical limit',
  'ratio (≤ 1.25)',
  'requests',
  'peak RSS (≤ 150 MB)',
  'naive sequential',
  'speed-up',
];

function profileRows(figures: BenchFigures): string[][] {
  const runs: [string, MeasuredRun][] = [
    ['plan', figures.sync.plan],
    ['apply', figures.sync.apply],
    ...figures.scaling.map(({ scripts, run }): [string, MeasuredRun] => [`plan ${scripts}`, run]),
  ];
  return runs.map(([label, run]) => [
    label,
    formatMs(run.profile.startupMs),
    formatMs(run.profile.listingMs),
    formatMs(run.profile.networkMs),
    run.profile.averageInFlight.toFixed(2),
    formatMs(run.profile.tailMs),
  ]);
}

const PROFILE_HEAD = [
  'run',
  'spawn → 1st request',
  'listing',
  'network phase',
  'avg in flight',
  'last answer → exit',
];

function scalingRows(figures: BenchFigures): string[][] {
  return figures.scaling.map(({ scripts, run }) => [
    String(scripts),
    formatMs(run.result.wallMs),
    formatMs(run.limitMs),
    `${run.ratio.toFixed(2)}×`,
    String(run.counts.total),
    formatKb(run.result.peakRssKb),
    `${((run.result.wallMs / scripts) * 1000).toFixed(0)} µs`,
  ]);
}

const SCALING_HEAD = [
  'scripts',
  'plan wall',
  'physical limit',
  'ratio',
  'requests',
  'peak RSS',
  'wall per script',
];

function validateLine(figures: BenchFigures): string {
  const v = figures.validate;
  const all = v.timesMs.map((ms) => formatMs(ms)).join(', ');
  return `validate of ${v.files} files (cold start, median of ${v.timesMs.length}): ${formatMs(v.medianMs)} ${mark(v.medianMs <= TARGETS.validateMs)} (runs: ${all}; peak RSS ${formatKb(v.peakRssKb)})`;
}

function bundleLine(figures: BenchFigures): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
  return `bundle: dist/index.js ${kb(figures.bundle.entryBytes)} (dist/ in all ${kb(figures.bundle.distBytes)})`;
}

function loadLine(figures: BenchFigures): string {
  const { start, end } = figures.loadAverage;
  return `load average ${start.toFixed(1)} at start, ${end.toFixed(1)} at end`;
}

function wallsLine(figures: BenchFigures): string {
  const list = (walls: readonly number[]): string => walls.map((ms) => formatMs(ms)).join(', ');
  return `plan and apply ran ${figures.sync.planWalls.length}× each on fresh state; the median run is shown (plan: ${list(figures.sync.planWalls)}; apply: ${list(figures.sync.applyWalls)})`;
}

function setupLine(figures: BenchFigures): string {
  return `${figures.scripts} remote scripts (content 1–4 KB), ${figures.different} of them different from the definitions; emulator latency ${figures.latencyMs} ms; concurrency ${figures.concurrency}. Physical limit = requests × latency ÷ concurrency (requests counted in the emulator's log).`;
}

/** The report printed in the terminal. */
export function terminalReport(figures: BenchFigures): string {
  return [
    `Machine: ${machineLine(figures.machine)}; ${loadLine(figures)}`,
    `Setup: ${setupLine(figures)}`,
    '',
    formatTable(SYNC_HEAD, syncRows(figures)),
    wallsLine(figures),
    '',
    validateLine(figures),
    bundleLine(figures),
    '',
    'Scaling (plan, same latency and concurrency, 10% different):',
    formatTable(SCALING_HEAD, scalingRows(figures), { alignRight: [0] }),
    '',
    'Where the time goes (from the emulator log):',
    formatTable(PROFILE_HEAD, profileRows(figures)),
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
    '<!-- Generated by `npm run bench` (scripts/bench.ts); paste into the README. -->',
    '### Benchmark',
    '',
    `Measured ${figures.date} on ${machineLine(figures.machine)}; ${loadLine(figures)}.`,
    '',
    setupLine(figures),
    '',
    markdownTable(SYNC_HEAD, syncRows(figures)),
    '',
    `- ${wallsLine(figures)}`,
    `- ${validateLine(figures)}`,
    `- ${bundleLine(figures)}`,
    '',
    '#### Scaling (plan)',
    '',
    markdownTable(SCALING_HEAD, scalingRows(figures)),
    '',
    '#### Where the time goes',
    '',
    markdownTable(PROFILE_HEAD, profileRows(figures)),
    '',
  ].join('\n');
}
