import { afterEach, describe, expect, it } from 'vitest';
import type { CocApi } from '../../src/coc/api.js';
import { connectCoc } from '../../src/coc/connect.js';
import type { Pacer, PacerEvent } from '../../src/coc/pacer.js';
import { createPacer, describePacerEvent } from '../../src/coc/pacer.js';
import type { RecordingLogger } from '../../src/log.js';
import { createSilentLogger } from '../../src/log.js';
import type { Handler } from './fake-server.js';
import { sendJson, startFakeServer } from './fake-server.js';
import { makeConfig } from './fixtures.js';

/** One step of a scripted run against a pacer (times in ms on the pacer's clock). */
type Step =
  | { readonly admit: readonly [from: number, to: number, count: number] }
  | { readonly throttle: number; readonly sentAt?: number; readonly retryAfterMs?: number }
  | { readonly reserve: number; readonly wait: number }
  | { readonly held: number; readonly expected: boolean }
  | { readonly rate: number | undefined };

interface Case {
  readonly name: string;
  readonly steps: readonly Step[];
  readonly events: readonly string[];
}

/**
 * 20 answers admitted over the first second, then a 429 with Retry-After 1 at t = 1000. Every
 * second after it with an admitted answer adds 0.1 × 19 = 1.9 requests/s to the cap.
 */
const THROTTLED: readonly Step[] = [{ admit: [0, 950, 20] }, { throttle: 1000, retryAfterMs: 1000 }];
/** 19 of the 20 are inside the last second at t = 1000: the cap is 0.9 × 19. */
const CAP = 0.9 * 19;
const STARTED = 'COC is throttling requests (APIGW.0308): pacing at 17 requests/s';

function run(pacer: Pacer, step: Step): void {
  if ('admit' in step) {
    const [from, to, count] = step.admit;
    for (let i = 0; i < count; i += 1) {
      pacer.record({ kind: 'admitted' }, from + ((to - from) * i) / Math.max(1, count - 1));
    }
  } else if ('throttle' in step) {
    const answer = { sentAt: step.sentAt ?? step.throttle, retryAfterMs: step.retryAfterMs ?? 0 };
    pacer.record({ kind: 'throttled', ...answer, code: 'APIGW.0308' }, step.throttle);
  } else if ('reserve' in step) {
    expect(pacer.reserve(step.reserve)).toBeCloseTo(step.wait, 6);
  } else if ('held' in step) {
    expect(pacer.held(step.held)).toBe(step.expected);
  } else if (step.rate === undefined) {
    expect(pacer.rate()).toBeUndefined();
  } else {
    expect(pacer.rate()).toBeCloseTo(step.rate, 6);
  }
}

const CASES: readonly Case[] = [
  {
    name: 'never throttled: no wait and no cap, however fast',
    steps: [
      { admit: [0, 1000, 500] },
      { reserve: 1000, wait: 0 },
      { reserve: 1000, wait: 0 },
      { rate: undefined },
    ],
    events: [],
  },
  {
    name: 'a 429 holds every new attempt until its Retry-After, then paces at 0.9 × admitted',
    steps: [
      ...THROTTLED,
      { rate: CAP },
      { held: 1999, expected: true },
      { held: 2000, expected: false },
      { reserve: 1000, wait: 1000 },
      { reserve: 1500, wait: 500 + 1000 / CAP },
      { reserve: 3000, wait: 0 },
    ],
    events: [STARTED],
  },
  {
    name: 'answers to attempts sent before the episode neither cut again nor log',
    steps: [
      ...THROTTLED,
      { throttle: 1010, sentAt: 990, retryAfterMs: 1000 },
      { rate: CAP },
      { held: 2005, expected: true },
    ],
    events: [STARTED],
  },
  {
    name: 'an isolated 429 below the throttled rate is noise: no gate, no cut',
    steps: [
      ...THROTTLED,
      { admit: [2000, 2900, 10] },
      { throttle: 2950, retryAfterMs: 1000 },
      { held: 2951, expected: false },
      { rate: CAP + 1.9 },
    ],
    events: [STARTED],
  },
  {
    name: 'consecutive 429s are throttling even below that rate: multiplicative decrease',
    steps: [
      ...THROTTLED,
      { admit: [2000, 2900, 10] },
      { throttle: 2950 },
      { throttle: 2960, retryAfterMs: 1000 },
      { rate: Math.min((CAP + 1.9) * 0.7, 0.9 * 10) },
      { held: 3000, expected: true },
    ],
    events: [STARTED],
  },
  {
    name: 'a 429 at the throttled rate is throttling again',
    steps: [
      ...THROTTLED,
      { admit: [2000, 2980, 19] },
      { admit: [2990, 2990, 1] },
      { throttle: 3000 },
      { rate: (CAP + 1.9) * 0.7 },
    ],
    events: [STARTED],
  },
  {
    name: 'additive increase for each second without throttling',
    steps: [
      ...THROTTLED,
      { admit: [1999, 1999, 1] },
      { rate: CAP },
      { admit: [2000, 2000, 1] },
      { rate: CAP + 1.9 },
      { admit: [2500, 2500, 1] },
      { rate: CAP + 1.9 },
      { admit: [3000, 3000, 1] },
      { rate: CAP + 3.8 },
    ],
    events: [STARTED],
  },
  {
    name: 'the cap goes away after 5 s without throttling',
    steps: [
      ...THROTTLED,
      { reserve: 5999, wait: 0 },
      { rate: CAP },
      { reserve: 6000, wait: 0 },
      { rate: undefined },
    ],
    events: [STARTED, 'COC stopped throttling requests: pacing removed'],
  },
  {
    name: 'too few answers for a rate: the gate only',
    steps: [
      { admit: [0, 100, 3] },
      { throttle: 200, retryAfterMs: 1000 },
      { rate: undefined },
      { reserve: 300, wait: 900 },
    ],
    events: [],
  },
  {
    name: 'a first-second overestimate is corrected and announced again',
    steps: [
      { admit: [0, 95, 20] },
      { throttle: 100, retryAfterMs: 1000 },
      { rate: 180 },
      { admit: [1100, 1195, 20] },
      { throttle: 1200, sentAt: 1199, retryAfterMs: 1000 },
      { throttle: 1201, sentAt: 1199, retryAfterMs: 1000 },
      { rate: 18 },
    ],
    events: [
      'COC is throttling requests (APIGW.0308): pacing at 180 requests/s',
      'COC is throttling requests (APIGW.0308): pacing at 18 requests/s',
    ],
  },
];

describe('createPacer', () => {
  it.each(CASES)('$name', ({ steps, events }) => {
    const seen: PacerEvent[] = [];
    const pacer = createPacer({}, (event) => seen.push(event));
    for (const step of steps) run(pacer, step);
    expect(seen.map(describePacerEvent)).toEqual(events);
  });
});

describe('describePacerEvent', () => {
  it.each([
    { event: { kind: 'started', rate: 17.6, code: 'APIGW.0308' }, line: STARTED.replace('17', '18') },
    {
      event: { kind: 'started', rate: 0.4 },
      line: 'COC is throttling requests (HTTP 429): pacing at 1 requests/s',
    },
    { event: { kind: 'ended' }, line: 'COC stopped throttling requests: pacing removed' },
  ] satisfies { event: PacerEvent; line: string }[])('$line', ({ event, line }) => {
    expect(describePacerEvent(event)).toBe(line);
  });
});

describe('pacing in the request loop', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const ok = {
    data: {
      script_uuid: 'SC1',
      name: 'n',
      type: 'SHELL',
      description: 'd',
      content: 'c',
      status: 'APPROVED',
      properties: { risk_level: 'LOW', version: '1' },
      script_params: [],
    },
  };

  async function harness(
    handler: Handler,
  ): Promise<{ api: CocApi; clock: { t: number; waits: number[] }; logger: RecordingLogger }> {
    const server = await startFakeServer(handler);
    cleanups.push(() => server.close());
    const clock = { t: 0, waits: [] as number[] };
    const logger = createSilentLogger();
    const pacing = {
      now: () => clock.t,
      sleep: (ms: number) => {
        clock.waits.push(ms);
        clock.t += ms;
        return Promise.resolve();
      },
    };
    const config = makeConfig({ endpoint: server.url, projectId: 'p1', auth: { authToken: 't' } });
    const api = await connectCoc(config, logger, { sleep: () => Promise.resolve(), random: () => 0, pacing });
    cleanups.push(() => api.close());
    return { api, clock, logger };
  }

  it('adds no wait while nothing throttles', async () => {
    const h = await harness((_req, res) => sendJson(res, 200, ok));
    await Promise.all(Array.from({ length: 20 }, () => h.api.getScript('SC1')));
    expect(h.clock.waits).toEqual([]);
    expect(h.logger.lines).toEqual([]);
  });

  it('after a 429 holds the next attempts, paces them, logs once, and stops after a quiet spell', async () => {
    const throttled = { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' };
    const h = await harness((_req, res, index) =>
      index === 4 ? sendJson(res, 429, throttled, { 'Retry-After': '1' }) : sendJson(res, 200, ok),
    );
    for (let i = 0; i < 4; i += 1) {
      await h.api.getScript('SC1');
      h.clock.t += 100;
    }
    // Four answers over 400 ms: 10 requests/s admitted, so the cap is 9.
    await h.api.getScript('SC1');
    await h.api.getScript('SC1');
    expect(h.clock.waits).toHaveLength(2);
    expect(h.clock.waits[0]).toBe(1000);
    expect(h.clock.waits[1]).toBeCloseTo(1000 / 9, 6);
    h.clock.t += 6000;
    await h.api.getScript('SC1');
    expect(h.clock.waits).toHaveLength(2);
    const paceLines = h.logger.lines.filter((line) => line.message.includes('throttling requests'));
    expect(paceLines.map((line) => [line.level, line.message])).toEqual([
      ['info', 'COC is throttling requests (APIGW.0308): pacing at 9 requests/s'],
      ['info', 'COC stopped throttling requests: pacing removed'],
    ]);
  });
});
