import { describe, expect, it } from 'vitest';
import { checkFaults, createFaultInjector, createRandom } from '../../emulator/faults.js';
import { EMULATOR_TOKEN, startTestEmulator, useEmulator } from '../support/emulator.js';
import { call, createBody, modifyBody, seedScript } from './support.js';

const reviewer = { reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' };

const emulator = useEmulator();
const base = (): string => emulator.current.url;

describe('injected faults over HTTP', () => {
  it('adds latency before answering', async () => {
    emulator.current.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call(base(), 'GET', '/v1/job/scripts?limit=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(emulator.current.requests()).toMatchObject([{ status: 200, fault: 'latency' }]);
  });

  it.each([
    { name: '503', faults: { error503Rate: 1 }, status: 503, code: 'APIGW.0202', retryAfter: '1' },
    {
      name: '429',
      faults: { error429Rate: 1, retryAfterSeconds: 7 },
      status: 429,
      code: 'APIGW.0308',
      retryAfter: '7',
    },
    {
      name: '429 with Retry-After 0',
      faults: { error429Rate: 1, retryAfterSeconds: 0 },
      status: 429,
      code: 'APIGW.0308',
      retryAfter: '0',
    },
  ])('answers $name with Retry-After and does not act', async ({ faults, status, code, retryAfter }) => {
    emulator.current.setFaults(faults);
    const answer = await call(base(), 'POST', '/v1/job/scripts', { body: createBody() });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('retry-after')).toBe(retryAfter);
    expect(answer.json).toMatchObject({ error_code: code, request_id: answer.headers.get('x-request-id') });
    expect(emulator.current.scripts()).toEqual([]);
    expect(emulator.current.requests()[0]).toMatchObject({ status, fault: String(status) });
  });

  it('throttleNext: exactly the next N requests answer 429, then the dice decide again', async () => {
    emulator.current.setFaults({ throttleNext: 3, retryAfterSeconds: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(base(), 'GET', '/v1/job/scripts?limit=1')).status);
    expect(statuses).toEqual([429, 429, 429, 200, 200]);
    expect(emulator.current.faults().throttleNext).toBe(0);
    expect(emulator.current.requests()[0]).toMatchObject({ status: 429, fault: '429' });
  });

  it('drops the connection before acting', async () => {
    emulator.current.setFaults({ dropBeforeRate: 1 });
    await expect(call(base(), 'POST', '/v1/job/scripts', { body: createBody() })).rejects.toThrow();
    expect(emulator.current.scripts()).toEqual([]);
    expect(emulator.current.requests()).toMatchObject([{ status: 'dropped', fault: 'drop-before' }]);
  });

  it('applies a write and then drops the connection; reads are answered', async () => {
    emulator.current.setFaults({ dropAfterRate: 1 });
    await expect(call(base(), 'POST', '/v1/job/scripts', { body: createBody() })).rejects.toThrow();
    expect(emulator.current.scripts().map((s) => s.name)).toEqual(['backup_db']);
    expect((await call(base(), 'GET', '/v1/job/scripts?limit=5&name_like=backup_db')).status).toBe(200);
    expect(emulator.current.requests().map((r) => [r.method, r.status, r.fault])).toEqual([
      ['POST', 'dropped', 'drop-after'],
      ['GET', 200, undefined],
    ]);
  });

  it('replays the same fault sequence for the same seed', async () => {
    const statuses = async (): Promise<number[]> => {
      emulator.current.setFaults({ error503Rate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await call(base(), 'GET', '/v1/job/scripts?limit=1')).status);
      return out;
    };
    const first = await statuses();
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await statuses()).toEqual(first);
  });

  it('leaves IAM and control endpoints alone', async () => {
    emulator.current.setFaults({ error503Rate: 1 });
    const state = await fetch(`${base()}/_emulator/state`);
    expect(state.status).toBe(200);
    const body = {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'ci_user', password: 'ci-password', domain: { name: 'my_account' } } },
        },
      },
    };
    expect((await call(base(), 'POST', '/v3/auth/tokens', { token: null, body })).status).toBe(201);
  });

  it('rejects an invalid fault configuration', () => {
    expect(() => emulator.current.setFaults({ error503Rate: 2 })).toThrow(/error503Rate/);
    expect(() => emulator.current.setFaults({ failReadUuids: 'SC1' as never })).toThrow(/failReadUuids/);
    expect(() => emulator.current.setFaults({ omitWriteData: 1 as never })).toThrow(/omitWriteData/);
    expect(() => emulator.current.setFaults({ listPaging: 'forever' as never })).toThrow(/listPaging/);
    expect(() => emulator.current.setFaults({ errorBodyOn200: ['put'] as never })).toThrow(/errorBodyOn200/);
    expect(() => emulator.current.setFaults({ listBodyBytes: 1.5 })).toThrow(/listBodyBytes/);
  });
});

describe('odd but valid answers', () => {
  it('omitWriteData: PUT, DELETE and approve answer {} but apply; create keeps its uuid', async () => {
    emulator.current.setFaults({ omitWriteData: true });
    const created = await call(base(), 'POST', '/v1/job/scripts', {
      body: createBody({ properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [reviewer] } }),
    });
    const uuid = String(created.json['data']);
    expect(uuid).toMatch(/^SC/);
    const approved = await call(base(), 'POST', `/v1/job/scripts/${uuid}/action`, {
      body: { status: 'APPROVED' },
    });
    expect(approved).toMatchObject({ status: 200, json: {} });
    const modified = await call(base(), 'PUT', `/v1/job/scripts/${uuid}`, { body: modifyBody() });
    expect(modified).toMatchObject({ status: 200, json: {} });
    expect(emulator.current.scripts()[0]?.description).toBe(modifyBody()['description']);
    expect(await call(base(), 'DELETE', `/v1/job/scripts/${uuid}`)).toMatchObject({ status: 200, json: {} });
    expect(emulator.current.scripts()).toEqual([]);
    expect(emulator.current.requests().map((r) => r.fault)).toEqual([
      undefined,
      'omit-write-data',
      'omit-write-data',
      'omit-write-data',
    ]);
  });

  it('failReadUuids: the GET of that script answers 400 COC.00040701; others and the list are fine', async () => {
    const [broken, fine] = emulator.current.seed([seedScript('broken_one'), seedScript('fine_one')]);
    emulator.current.setFaults({ failReadUuids: [broken?.script_uuid ?? ''] });
    const failed = await call(base(), 'GET', `/v1/job/scripts/${broken?.script_uuid ?? ''}`);
    expect(failed).toMatchObject({ status: 400, json: { error_code: 'COC.00040701' } });
    expect((await call(base(), 'GET', `/v1/job/scripts/${fine?.script_uuid ?? ''}`)).status).toBe(200);
    expect((await call(base(), 'GET', '/v1/job/scripts?limit=10')).status).toBe(200);
    expect(emulator.current.requests()[0]).toMatchObject({ status: 400, fault: 'fail-read' });
  });

  it('hostile answers: an endless list, a looping marker, an error body under 200, a padded list', async () => {
    emulator.current.seed(Array.from({ length: 3 }, (_, i) => seedScript(`s${i}`)));
    emulator.current.setFaults({ listPaging: 'endless' });
    const first = await call(base(), 'GET', '/v1/job/scripts?limit=5');
    const firstData = first.json['data'] as { data: { id: number; name: string }[]; total?: number };
    expect(firstData.data.map((item) => item.name).slice(0, 3)).toEqual(['s2', 's1', 's0']);
    expect(firstData.data).toHaveLength(5);
    expect(firstData.total).toBeUndefined();
    const last = firstData.data.at(-1)?.id ?? 0;
    const next = await call(base(), 'GET', `/v1/job/scripts?limit=5&marker=${last}`);
    const nextIds = (next.json['data'] as { data: { id: number }[] }).data.map((item) => item.id);
    expect(nextIds).toEqual([1, 2, 3, 4, 5].map((n) => last + n));

    emulator.current.setFaults({ listPaging: 'repeat' });
    const again = await call(base(), 'GET', '/v1/job/scripts?limit=2&marker=1');
    expect((again.json['data'] as { data: { name: string }[] }).data.map((item) => item.name)).toEqual([
      's2',
      's1',
    ]);

    emulator.current.setFaults({ listPaging: 'honest', errorBodyOn200: ['list', 'get'] });
    const uuid = emulator.current.scripts()[0]?.script_uuid ?? '';
    for (const path of ['/v1/job/scripts?limit=5', `/v1/job/scripts/${uuid}`]) {
      const answer = await call(base(), 'GET', path);
      expect(answer).toMatchObject({ status: 200, json: { error_code: 'APIGW.0301' } });
      expect(answer.json['data']).toBeUndefined();
    }

    emulator.current.setFaults({ errorBodyOn200: [], listBodyBytes: 200_000 });
    const padded = await fetch(`${base()}/v1/job/scripts?limit=5`, {
      headers: { 'X-Auth-Token': EMULATOR_TOKEN },
    });
    expect(padded.headers.get('content-length')).toBeNull();
    const text = await padded.text();
    expect(text).toHaveLength(200_000);
    expect((JSON.parse(text) as { data: { data: unknown[] } }).data.data).toHaveLength(3);
    expect(emulator.current.requests().map((r) => r.fault)).toEqual([
      ...Array<string>(3).fill('list-paging'),
      'error-body-200',
      'error-body-200',
      'list-body-bytes',
    ]);
  });

  it('COC messages follow X-Language: zh-cn gets Chinese, the gateway and en-us stay English', async () => {
    await call(base(), 'POST', '/v1/job/scripts', { body: createBody() });
    const chinese = await call(base(), 'POST', '/v1/job/scripts', {
      body: createBody(),
      headers: { 'X-Language': 'zh-cn' },
    });
    expect(chinese.json).toEqual({ error_code: 'COC.00040601', error_msg: '存在同名脚本：backup_db' });
    const english = await call(base(), 'POST', '/v1/job/scripts', {
      body: createBody(),
      headers: { 'X-Language': 'en-us' },
    });
    expect(english.json['error_msg']).toBe('Exist script with same name: backup_db');
    const invalid = await call(base(), 'GET', '/v1/job/scripts?limit=0', {
      headers: { 'X-Language': 'zh-cn' },
    });
    expect(String(invalid.json['error_msg'])).toMatch(/^参数校验失败：/);
    const gateway = await call(base(), 'GET', '/v1/job/scripts?limit=1', {
      token: 'wrong',
      headers: { 'X-Language': 'zh-cn' },
    });
    expect(gateway.json['error_code']).toBe('APIGW.0301');
    expect(String(gateway.json['error_msg'])).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('requests-per-second limit', () => {
  it('throttles above the limit with 429 APIGW.0308 and admits again a second later', async () => {
    let now = 1_000_000;
    const limited = await startTestEmulator({ now: () => now, faults: { requestsPerSecond: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await call(limited.url, 'GET', '/v1/job/scripts?limit=1')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const throttled = await call(limited.url, 'GET', '/v1/job/scripts?limit=1');
      expect(throttled.json).toMatchObject({ error_code: 'APIGW.0308' });
      expect(throttled.headers.get('retry-after')).toBe('1');
      expect(limited.requests().at(-1)).toMatchObject({ status: 429, fault: 'rps' });
      now += 1000;
      expect((await call(limited.url, 'GET', '/v1/job/scripts?limit=1')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('fault primitives', () => {
  it('createRandom is deterministic per seed and stays in [0, 1)', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(createRandom(8)()).not.toBe(values[0]);
  });

  it('decides drop-before first, then the rate limit, 503 and 429', () => {
    const injector = createFaultInjector({ dropBeforeRate: 1, error503Rate: 1 }, () => 0);
    expect(injector.beforeAct()).toEqual({ kind: 'drop' });
    injector.set({ dropBeforeRate: 0 });
    expect(injector.beforeAct()).toMatchObject({ kind: 'error', status: 503 });
    injector.reset();
    expect(injector.beforeAct()).toEqual({ kind: 'none' });
    expect(injector.dropAfterWrite()).toBe(false);
  });

  it.each([
    { faults: { error429Rate: -0.1 }, problem: /error429Rate/ },
    { faults: { dropAfterRate: 1.5 }, problem: /dropAfterRate/ },
    { faults: { latencyMs: -1 }, problem: /latencyMs/ },
    { faults: { requestsPerSecond: Number.NaN }, problem: /requestsPerSecond/ },
    { faults: { seed: 1.5 }, problem: /seed/ },
    { faults: { retryAfterSeconds: 0.5 }, problem: /retryAfterSeconds/ },
  ])('checkFaults rejects $faults', ({ faults, problem }) => {
    expect(checkFaults(faults)).toMatch(problem);
  });
});
