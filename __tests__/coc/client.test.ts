/**
 * The client over real HTTP against a tiny local server: endpoints, headers, pagination, every
 * retry rule, timeouts, dropped connections and the no-duplicate-create rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CocApi, CreateScriptBody } from '../../src/coc/api.js';
import type { ConnectDeps } from '../../src/coc/connect.js';
import { connectCoc } from '../../src/coc/connect.js';
import { CocApiError } from '../../src/coc/errors.js';
import type { Config } from '../../src/config/config.js';
import type { RecordingLogger } from '../../src/log.js';
import { createSilentLogger } from '../../src/log.js';
import type { FakeServer, Handler, Recorded } from './fake-server.js';
import { drop, sendJson, startFakeServer } from './fake-server.js';
import { makeConfig } from './fixtures.js';

const NOW = Date.UTC(2025, 10, 24, 9, 30, 0);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  readonly server: FakeServer;
  readonly api: CocApi;
  readonly sleeps: number[];
  readonly logger: RecordingLogger;
}

async function harness(
  handler: Handler,
  config: Partial<Config> = {},
  deps: ConnectDeps = {},
  debug = false,
): Promise<Harness> {
  const server = await startFakeServer(handler);
  cleanups.push(() => server.close());
  const sleeps: number[] = [];
  const logger = createSilentLogger(debug);
  const api = await connectCoc(
    makeConfig({ endpoint: server.url, projectId: 'p1', auth: { authToken: 'TOKEN-CANARY' }, ...config }),
    logger,
    {
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => NOW,
      ...deps,
    },
  );
  cleanups.push(() => api.close());
  return { server, api, sleeps, logger };
}

const detail = (uuid: string) => ({
  data: {
    script_uuid: uuid,
    name: 'n',
    type: 'SHELL',
    description: 'd',
    content: 'c',
    status: 'APPROVED',
    properties: { risk_level: 'LOW', version: '1.0.0' },
    script_params: [],
  },
});

const createBody: CreateScriptBody = {
  name: 'backup_db',
  type: 'SHELL',
  description: 'Nightly',
  content: 'echo hi\n',
  enterprise_project_id: '0',
  properties: { risk_level: 'LOW', version: '1.0.0' },
  script_params: [
    { param_name: 'pw', param_value: 'PARAM-CANARY', param_description: '', param_order: 1, sensitive: true },
  ],
};

/** Answers GET detail with 200 after `failures` failing answers produced by `fail`. */
function failThen(failures: number, fail: (res: Parameters<Handler>[1]) => void): Handler {
  return (req, res, index) => (index < failures ? fail(res) : sendJson(res, 200, detail('SC1')));
}

describe('endpoints and headers', () => {
  it('sends token, language and exactly one project header on every call', async () => {
    const h = await harness((req, res) => {
      if (req.method === 'GET' && req.url.startsWith('/v1/job/scripts?'))
        return sendJson(res, 200, { data: { total: 0, data: [] } });
      if (req.method === 'GET') return sendJson(res, 200, detail('SC1'));
      if (req.url.endsWith('/action')) return sendJson(res, 200, { data: true });
      return sendJson(res, 200, { data: 'SC1' });
    });
    expect(await h.api.listScripts()).toEqual([]);
    expect((await h.api.getScript('SC1'))?.script_uuid).toBe('SC1');
    expect(await h.api.createScript(createBody)).toBe('SC1');
    await h.api.modifyScript('SC1', {
      description: 'd',
      content: 'c',
      properties: { risk_level: 'LOW', version: '1.0.0' },
      script_params: [],
    });
    expect(await h.api.deleteScript('SC1')).toBe('deleted');
    await h.api.approveScript('SC1', 'APPROVED', 'reviewed in PR #42');
    expect(h.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/job/scripts?limit=100&enterprise_project_id=0',
      'GET /v1/job/scripts/SC1',
      'POST /v1/job/scripts',
      'PUT /v1/job/scripts/SC1',
      'DELETE /v1/job/scripts/SC1',
      'POST /v1/job/scripts/SC1/action',
    ]);
    for (const r of h.server.requests) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-language']).toBe('en-us');
      expect(r.headers['x-project-id']).toBe('p1');
      expect(r.headers['x-domain-id']).toBeUndefined();
      expect(r.headers['x-auth-token']).toBe('TOKEN-CANARY');
    }
    expect(JSON.parse(h.server.requests[2]!.body)).toEqual(createBody);
    expect(JSON.parse(h.server.requests[5]!.body)).toEqual({
      status: 'APPROVED',
      comments: 'reviewed in PR #42',
    });
    expect(h.api.stats()).toEqual({ requests: 6, retries: 0 });
  });

  it('sends X-Domain-Id when only a domain is known', async () => {
    const server = await startFakeServer((_req, res) => sendJson(res, 200, { data: { data: [] } }));
    cleanups.push(() => server.close());
    const config = makeConfig({
      endpoint: server.url,
      domainId: 'd1',
      language: 'zh-cn',
      auth: { authToken: 't' },
    });
    const api = await connectCoc(config, createSilentLogger());
    cleanups.push(() => api.close());
    await api.listScripts();
    const last = server.requests.at(-1)!;
    expect(last.headers['x-domain-id']).toBe('d1');
    expect(last.headers['x-project-id']).toBeUndefined();
    expect(last.headers['x-language']).toBe('zh-cn');
  });

  it.each(['COC.00040601', 'COC.00040603', 'COC.00040604'])(
    '%s means not found for get and delete',
    async (code) => {
      const h = await harness((_req, res) =>
        sendJson(res, 400, { error_code: code, error_msg: 'invalid script uuid' }),
      );
      expect(await h.api.getScript('SCX')).toBeUndefined();
      expect(await h.api.deleteScript('SCX')).toBe('not-found');
      expect(h.server.requests).toHaveLength(2);
    },
  );

  it('parses the documented detail with nulls and unknown fields', async () => {
    const h = await harness((_req, res) =>
      sendJson(res, 200, {
        data: {
          ...detail('SC9').data,
          operator: null,
          gmt_modified: null,
          enterprise_project_id: 0,
          usage_count: 1,
          properties: { risk_level: 'HIGH', version: '1.2.0', reviewers: null, protocol: null },
        },
      }),
    );
    const got = await h.api.getScript('SC9');
    expect(got?.properties).toEqual({
      risk_level: 'HIGH',
      version: '1.2.0',
      reviewers: [],
      protocol: undefined,
    });
  });

  it('reports a body of the wrong shape without retrying', async () => {
    const h = await harness((_req, res) => sendJson(res, 200, { data: { nothing: true } }));
    await expect(h.api.getScript('SC1')).rejects.toThrow('unexpected response (HTTP 200)');
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('pagination', () => {
  const items = Array.from({ length: 250 }, (_, i) => ({
    id: 1000 + i,
    script_uuid: `SC${i}`,
    name: `s${i}`,
    type: 'SHELL',
    status: 'APPROVED',
  }));
  const pager: Handler = (req, res) => {
    const query = new URL(req.url, 'http://x').searchParams;
    const marker = Number(query.get('marker') ?? 0);
    const limit = Number(query.get('limit'));
    sendJson(res, 200, {
      data: { total: items.length, data: items.filter((s) => s.id > marker).slice(0, limit) },
    });
  };

  it('follows the numeric id marker and stops on a short page', async () => {
    const h = await harness(pager);
    const pages: number[] = [];
    for await (const page of h.api.listPages()) pages.push(page.length);
    expect(pages).toEqual([100, 100, 50]);
    expect(h.server.requests.map((r) => r.url)).toEqual([
      '/v1/job/scripts?limit=100&enterprise_project_id=0',
      '/v1/job/scripts?limit=100&marker=1099&enterprise_project_id=0',
      '/v1/job/scripts?limit=100&marker=1199&enterprise_project_id=0',
    ]);
    expect((await h.api.listScripts()).map((s) => s.id)).toEqual(items.map((s) => s.id));
  });

  it('stops on an empty page and cuts name_like to 32 characters, percent-encoded', async () => {
    const h = await harness((_req, res) => sendJson(res, 200, { data: { data: [] } }));
    const long = `备份_${'x'.repeat(40)}`;
    expect(await h.api.listScripts({ nameLike: long })).toEqual([]);
    const query = new URL(h.server.requests[0]!.url, 'http://x').searchParams;
    expect(query.get('name_like')).toBe(Array.from(long).slice(0, 32).join(''));
    expect(h.server.requests[0]!.url).toContain('name_like=%E5%A4%87%E4%BB%BD_');
  });
});

describe('hostile list answers', () => {
  const full = (from: number) =>
    Array.from({ length: 100 }, (_, i) => ({
      id: from + i,
      script_uuid: `SC${from + i}`,
      name: `s${from + i}`,
      type: 'SHELL',
      status: 'APPROVED',
    }));

  it('stops once `total` scripts came, even when the pages would go on', async () => {
    const h = await harness((req, res) => {
      const marker = Number(new URL(req.url, 'http://x').searchParams.get('marker') ?? 0);
      sendJson(res, 200, { data: { total: 250, data: full(marker + 1) } });
    });
    expect(await h.api.listScripts()).toHaveLength(300);
    expect(h.server.requests).toHaveLength(3);
  });

  it('refuses a page above the limit, and a marker that comes back', async () => {
    const big = await harness((_req, res) =>
      sendJson(res, 200, { data: { data: [...full(1), ...full(101)] } }),
    );
    await expect(big.api.listScripts()).rejects.toThrow(
      'unexpected response (HTTP 200): page 1 holds 200 scripts for limit=100 while listing scripts',
    );
    // Pages 1, 2, 1: the marker of page 1 comes back on page 3.
    const looping = await harness((_req, res, index) =>
      sendJson(res, 200, { data: { data: full(index % 2 === 0 ? 1 : 101) } }),
    );
    await expect(looping.api.listScripts()).rejects.toThrow('the list repeated marker 100 on page 3');
    expect(looping.server.requests).toHaveLength(3);
  });

  it('names a gateway error body under a 200 instead of listing nothing', async () => {
    const h = await harness((_req, res) =>
      sendJson(res, 200, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }),
    );
    const error = await h.api.listScripts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CocApiError);
    expect((error as CocApiError).reason).toBe('api-error');
    expect((error as CocApiError).code).toBe('APIGW.0301');
    expect((error as CocApiError).message).toBe(
      'unexpected response (HTTP 200): a success status with an error body (APIGW.0301: Incorrect IAM authentication information) instead of `data` while listing scripts',
    );
    expect(h.server.requests).toHaveLength(1);
  });
});

describe('answers above the 8 MiB body cap', () => {
  const NINE_MIB = 9 * 1024 * 1024;

  it('a declared Content-Length above the cap ends the read before the body; a 503 is not retried', async () => {
    const h = await harness((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': String(NINE_MIB) });
      res.write(' ');
    });
    await expect(h.api.getScript('SC1')).rejects.toThrow(
      'answer larger than 8 MiB (HTTP 503; read no further, not retried) while reading SC1',
    );
    expect(h.server.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('a chunked body is cut off once it passes the cap', async () => {
    let written = 0;
    const h = await harness((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = (): void => {
        while (written < 64 * chunk.length && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await expect(h.api.listScripts()).rejects.toThrow('answer larger than 8 MiB (HTTP 200');
    expect(h.server.requests).toHaveLength(1);
    // The server stopped well short of its 64 MiB: the client closed the connection.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('writes answered 2xx with an unexpected body', () => {
  it.each([
    { name: 'no data', body: '{}' },
    { name: 'data null', body: '{"data":null}' },
    { name: 'an empty body', body: '' },
    { name: 'not JSON', body: 'OK' },
  ])(
    'modify, tags update, delete and approve succeed with $name (the read-back decides)',
    async ({ body }) => {
      const h = await harness((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body);
      });
      await h.api.modifyScript('SC1', {
        description: 'd',
        content: 'c',
        properties: { risk_level: 'LOW', version: '1.0.0' },
        script_params: [],
      });
      await h.api.updateTags('SC1', { tags: [{ key: 'team', value: 'sre' }] });
      expect(await h.api.deleteScript('SC1')).toBe('deleted');
      await h.api.approveScript('SC1', 'APPROVED');
      expect(h.server.requests.map((r) => r.method)).toEqual(['PUT', 'POST', 'DELETE', 'POST']);
      // The tags API has a path of its own and takes the complete set.
      expect(h.server.requests[1]?.url).toBe('/v1/script/coc:script/SC1/tags/update');
      expect(JSON.parse(h.server.requests[1]?.body ?? '')).toEqual({ tags: [{ key: 'team', value: 'sre' }] });
    },
  );
});

describe('retries', () => {
  it.each([500, 502, 503, 504])('HTTP %s is retried with jittered backoff', async (status) => {
    const h = await harness(
      failThen(2, (res) => sendJson(res, status, { error_code: 'APIGW.0308', error_msg: 'busy' })),
    );
    expect((await h.api.getScript('SC1'))?.script_uuid).toBe('SC1');
    expect(h.server.requests).toHaveLength(3);
    expect(h.sleeps).toEqual([250, 500]);
    expect(h.api.stats()).toEqual({ requests: 3, retries: 2 });
    const retryLines = h.logger.lines.filter((l) => l.message.startsWith('Retrying'));
    expect(retryLines.map((l) => l.message)).toEqual([
      `Retrying reading SC1 after HTTP ${status}: attempt 2 of 5 in 250 ms`,
      `Retrying reading SC1 after HTTP ${status}: attempt 3 of 5 in 500 ms`,
    ]);
  });

  it('HTTP 429 is retried with jittered backoff, charged to the throttling time budget', async () => {
    const h = await harness(
      failThen(2, (res) => sendJson(res, 429, { error_code: 'APIGW.0308', error_msg: 'busy' })),
    );
    expect((await h.api.getScript('SC1'))?.script_uuid).toBe('SC1');
    expect(h.sleeps).toEqual([250, 500]);
    const retryLines = h.logger.lines.filter((l) => l.message.startsWith('Retrying'));
    expect(retryLines.map((l) => l.message)).toEqual([
      'Retrying reading SC1 after HTTP 429: throttled for 0.0 s of up to 60 s, next attempt in 250 ms',
      'Retrying reading SC1 after HTTP 429: throttled for 0.3 s of up to 60 s, next attempt in 500 ms',
    ]);
  });

  it('keeps retrying throttling past the attempt count, until 60 s of waiting', async () => {
    const throttled = (res: Parameters<Handler>[1]): void =>
      sendJson(res, 429, { error_code: 'APIGW.0308', error_msg: 'busy' }, { 'Retry-After': '1' });
    const recovers = await harness(failThen(12, throttled));
    expect((await recovers.api.getScript('SC1'))?.script_uuid).toBe('SC1');
    expect(recovers.server.requests).toHaveLength(13);
    const never = await harness((_req, res) => throttled(res));
    const error = await never.api.getScript('SC1').catch((e: unknown) => e);
    expect((error as CocApiError).httpStatus).toBe(429);
    // 60 one-second waits fill the budget: the 61st answer ends the request.
    expect(never.sleeps).toHaveLength(60);
    expect(never.server.requests).toHaveLength(61);
  });

  it.each([400, 401, 403, 404, 409])('HTTP %s is never retried', async (status) => {
    const h = await harness((_req, res) =>
      sendJson(
        res,
        status,
        { error_code: 'APIGW.0301', error_msg: 'nope', request_id: 'body-req' },
        { 'X-Request-Id': 'hdr-req' },
      ),
    );
    const error = await h.api.listScripts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CocApiError);
    expect((error as CocApiError).message).toBe(`APIGW.0301: nope (HTTP ${status}) while listing scripts`);
    expect((error as CocApiError).requestId).toBe('hdr-req');
    expect(h.server.requests).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('a 401 stops the run: requests in flight are abandoned, later ones never sent, nothing retried', async () => {
    let answered = 0;
    const h = await harness((req, res) => {
      // The first request is rejected at once; the others hang until the run gives up on them.
      if (answered++ === 0) return sendJson(res, 401, { error_code: 'APIGW.0301', error_msg: 'bad token' });
      return undefined;
    });
    const reads = ['SC1', 'SC2', 'SC3', 'SC4'].map((uuid) => h.api.getScript(uuid).catch((e: unknown) => e));
    const errors = await Promise.all(reads);
    for (const error of errors) {
      expect(error).toBeInstanceOf(CocApiError);
      expect((error as CocApiError).message).toMatch(
        /^APIGW\.0301: bad token \(HTTP 401\) while reading SC\d/,
      );
      expect((error as CocApiError).stopsRun).toBe(true);
    }
    const later = await h.api.getScript('SC5').catch((e: unknown) => e);
    expect(later).toBe(errors[0]);
    expect(h.server.requests.map((r) => r.url)).not.toContain('/v1/job/scripts/SC5');
    expect(h.sleeps).toEqual([]);
    expect(h.logger.lines.filter((l) => l.message.startsWith('Retrying'))).toEqual([]);
  });

  it('takes the request id from the body when the header is missing', async () => {
    const h = await harness((_req, res) =>
      sendJson(res, 400, { error_code: 'COC.00040701', error_msg: 'internal', request_id: 'body-req' }),
    );
    const error = (await h.api
      .modifyScript('SC1', {
        description: 'd',
        content: 'c',
        properties: { risk_level: 'LOW', version: '1' },
        script_params: [],
      })
      .catch((e: unknown) => e)) as CocApiError;
    expect(error.toApiErrorInfo()).toEqual({
      message: 'COC.00040701: internal (HTTP 400) while updating SC1',
      code: 'COC.00040701',
      httpStatus: 400,
      requestId: 'body-req',
    });
  });

  it('gives up after 5 attempts by default, or the configured number', async () => {
    const always503: Handler = (_req, res) =>
      sendJson(res, 503, { error_code: 'APIGW.0201', error_msg: 'down' });
    const h = await harness(always503);
    await expect(h.api.getScript('SC1')).rejects.toThrow('APIGW.0201: down (HTTP 503) while reading SC1');
    expect(h.server.requests).toHaveLength(5);
    expect(h.sleeps).toEqual([250, 500, 1000, 2000]);
    const h3 = await harness(always503, {}, { retryPolicy: { maxAttempts: 3 } });
    await expect(h3.api.getScript('SC1')).rejects.toThrow(CocApiError);
    expect(h3.server.requests).toHaveLength(3);
  });

  it.each([
    { name: 'seconds', header: '7', expected: 7000 },
    { name: 'zero', header: '0', expected: 0 },
    { name: 'HTTP date', header: new Date(NOW + 12_000).toUTCString(), expected: 12_000 },
    { name: 'huge value is capped', header: '86400', expected: 60_000 },
  ])('Retry-After as $name is honoured', async ({ header, expected }) => {
    const h = await harness(
      failThen(1, (res) =>
        sendJson(res, 429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'Retry-After': header }),
      ),
    );
    await h.api.getScript('SC1');
    expect(h.sleeps).toEqual([expected]);
  });

  it('retries a dropped connection (idempotent GET)', async () => {
    const h = await harness(failThen(2, drop));
    expect((await h.api.getScript('SC1'))?.script_uuid).toBe('SC1');
    expect(h.server.requests).toHaveLength(3);
    expect(h.logger.lines.some((l) => l.message.includes('after a lost connection'))).toBe(true);
  });

  it('retries a refused connection and then explains the failure', async () => {
    const server = await startFakeServer((_req, res) => sendJson(res, 200, {}));
    const url = server.url;
    await server.close();
    const sleeps: number[] = [];
    const api = await connectCoc(
      makeConfig({ endpoint: url, auth: { authToken: 't' } }),
      createSilentLogger(),
      {
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        random: () => 0,
      },
    );
    cleanups.push(() => api.close());
    await expect(api.listScripts()).rejects.toThrow(
      /^connection failed \(ECONNREFUSED.*\) while listing scripts$/,
    );
    expect(sleeps).toHaveLength(4);
  });

  it('times out a server that never answers', async () => {
    const h = await harness(() => undefined, { timeoutSeconds: 1 }, { retryPolicy: { maxAttempts: 2 } });
    const started = Date.now();
    const error = (await h.api
      .getScript('SC2023110211155901a700000')
      .catch((e: unknown) => e)) as CocApiError;
    expect(error).toBeInstanceOf(CocApiError);
    expect(error.message).toBe('timed out after 1 s while reading SC2023110211155901a700000');
    expect(error.kind).toBe('timeout');
    expect(h.server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const h = await harness(
      (_req, res) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight -= 1;
          sendJson(res, 200, detail('SC1'));
        }, 20);
      },
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, (_, i) => h.api.getScript(`SC${i}`)));
    expect(peak).toBe(3);
    expect(h.server.requests).toHaveLength(12);
  });

  it('does not hold a slot while waiting in backoff', async () => {
    const wakers: (() => void)[] = [];
    let sleeping: () => void = () => undefined;
    const asleep = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    const h = await harness(
      (req, res) =>
        req.url.endsWith('/A') && !h.server.requests.slice(0, -1).some((r) => r.url.endsWith('/A'))
          ? sendJson(res, 503, {})
          : sendJson(res, 200, detail('SC1')),
      { concurrency: 1 },
      {
        sleep: () =>
          new Promise<void>((resolve) => {
            wakers.push(resolve);
            sleeping();
          }),
      },
    );
    const a = h.api.getScript('A');
    await asleep;
    // A waits in backoff; with the single slot free, B completes meanwhile.
    expect((await h.api.getScript('B'))?.script_uuid).toBe('SC1');
    expect(h.server.requests.map((r: Recorded) => r.url)).toEqual(['/v1/job/scripts/A', '/v1/job/scripts/B']);
    wakers.forEach((wake) => wake());
    expect((await a)?.script_uuid).toBe('SC1');
    expect(h.server.requests).toHaveLength(3);
  });
});

describe('create is never duplicated', () => {
  /** A fake COC with a store: POST applies, then `fault` decides how to answer. */
  function storeServer(
    fault: (
      postIndex: number,
    ) => 'ok' | 'drop-after' | 'drop-before' | '503-after' | '429' | 'same-name' | 'bad-body',
  ) {
    const store: { id: number; script_uuid: string; name: string }[] = [];
    let posts = 0;
    const handler: Handler = (req, res) => {
      if (req.method === 'GET') {
        const nameLike = new URL(req.url, 'http://x').searchParams.get('name_like') ?? '';
        return sendJson(res, 200, {
          data: {
            data: store
              .filter((s) => s.name.includes(nameLike))
              .map((s) => ({ ...s, type: 'SHELL', status: 'APPROVED' })),
          },
        });
      }
      const mode = fault(posts++);
      const name = (JSON.parse(req.body) as { name: string }).name;
      if (mode === 'drop-before') return drop(res);
      if (mode === '429')
        return sendJson(
          res,
          429,
          { error_code: 'APIGW.0308', error_msg: 'throttled' },
          { 'Retry-After': '1' },
        );
      if (store.some((s) => s.name === name) || mode === 'same-name') {
        return sendJson(res, 400, {
          error_code: 'COC.00040601',
          error_msg: `Exist script with same name: ${name}`,
        });
      }
      const uuid = `SC${store.length + 1}`;
      store.push({ id: store.length + 1, script_uuid: uuid, name });
      if (mode === 'drop-after') return drop(res);
      if (mode === 'bad-body') return sendJson(res, 200, { data: 42 });
      if (mode === '503-after')
        return sendJson(res, 503, { error_code: 'APIGW.0201', error_msg: 'backend timeout' });
      return sendJson(res, 200, { data: uuid });
    };
    return { store, handler };
  }

  it.each([
    { name: 'connection dropped after apply', first: 'drop-after' as const, posts: 1, gets: 1 },
    { name: '503 after apply', first: '503-after' as const, posts: 1, gets: 1 },
    { name: 'connection dropped before apply', first: 'drop-before' as const, posts: 2, gets: 1 },
    { name: '429 (never applied): no lookup', first: '429' as const, posts: 2, gets: 0 },
  ])('$name', async ({ first, posts, gets }) => {
    const fake = storeServer((i) => (i === 0 ? first : 'ok'));
    const h = await harness(fake.handler);
    expect(await h.api.createScript(createBody)).toBe('SC1');
    expect(fake.store).toHaveLength(1);
    expect(h.server.requests.filter((r) => r.method === 'POST')).toHaveLength(posts);
    const lookups = h.server.requests.filter((r) => r.method === 'GET');
    expect(lookups).toHaveLength(gets);
    for (const lookup of lookups)
      expect(new URL(lookup.url, 'http://x').searchParams.get('name_like')).toBe('backup_db');
  });

  it('finds the script when a look-alike name exists (exact comparison)', async () => {
    const fake = storeServer((i) => (i === 1 ? 'drop-after' : 'ok'));
    const h = await harness(fake.handler);
    expect(await h.api.createScript({ ...createBody, name: 'backup_db_old' })).toBe('SC1');
    expect(await h.api.createScript(createBody)).toBe('SC2');
    expect(fake.store.map((s) => s.name)).toEqual(['backup_db_old', 'backup_db']);
  });

  it('a final ambiguous failure still returns the uuid when the write happened', async () => {
    const fake = storeServer(() => 'drop-after');
    const h = await harness(fake.handler, {}, { retryPolicy: { maxAttempts: 1 } });
    expect(await h.api.createScript(createBody)).toBe('SC1');
    expect(fake.store).toHaveLength(1);
  });

  it('an unreadable success body is resolved by a lookup, not a second create', async () => {
    const fake = storeServer((i) => (i === 0 ? 'bad-body' : 'ok'));
    const h = await harness(fake.handler);
    expect(await h.api.createScript(createBody)).toBe('SC1');
    expect(h.server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('a same-name rejection without an earlier ambiguous attempt is an error naming the existing script', async () => {
    const fake = storeServer(() => 'same-name');
    fake.store.push({ id: 9, script_uuid: 'SC9', name: 'backup_db' });
    const h = await harness(fake.handler);
    await expect(h.api.createScript(createBody)).rejects.toThrow(
      'COC.00040601: Exist script with same name: backup_db (HTTP 400) while creating backup_db: a script with ' +
        'this name already exists (SC9), created outside this run; plan again to bind the definition to it',
    );
    expect(h.server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('after an ambiguous attempt, a same-name refusal in Chinese is our own create: found by lookup', async () => {
    // An index that lags: the lookup before the retry does not see the first (applied) create yet.
    let lookups = 0;
    const store: { id: number; script_uuid: string; name: string }[] = [];
    const h = await harness((req, res) => {
      if (req.method === 'GET') {
        lookups += 1;
        const data = lookups === 1 ? [] : store.map((s) => ({ ...s, type: 'SHELL', status: 'APPROVED' }));
        return sendJson(res, 200, { data: { data } });
      }
      if (store.length === 0) {
        store.push({ id: 1, script_uuid: 'SC1', name: 'backup_db' });
        return drop(res);
      }
      return sendJson(res, 400, { error_code: 'COC.00040601', error_msg: '存在同名脚本：backup_db' });
    });
    expect(await h.api.createScript(createBody)).toBe('SC1');
    expect(h.server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST', 'GET']);
    // The lookup spans every enterprise project: names are unique across the account.
    expect(h.server.requests[3]?.url).not.toContain('enterprise_project_id');
  });

  it('a COC.00040601 that is not a duplicate name (nothing found) is reported as it came', async () => {
    const fake = storeServer(() => 'same-name');
    const h = await harness(fake.handler);
    await expect(h.api.createScript(createBody)).rejects.toThrow(
      'COC.00040601: Exist script with same name: backup_db (HTTP 400) while creating backup_db',
    );
  });

  it('delete retried after a drop-after-apply reports deleted', async () => {
    let deleted = false;
    const h = await harness((_req, res) => {
      if (deleted) return sendJson(res, 400, { error_code: 'COC.00040603', error_msg: 'not exist' });
      deleted = true;
      drop(res);
    });
    expect(await h.api.deleteScript('SC1')).toBe('deleted');
    expect(h.server.requests).toHaveLength(2);
  });
});

describe('debug traces', () => {
  it('are written only in debug mode and never contain a credential or sensitive value', async () => {
    const handler: Handler = (req, res) =>
      req.method === 'GET'
        ? sendJson(
            res,
            200,
            {
              data: {
                ...detail('SC1').data,
                script_params: [
                  {
                    param_name: 'pw',
                    param_value: '*****************',
                    param_description: '',
                    param_order: 1,
                    sensitive: true,
                  },
                ],
              },
            },
            { 'X-Request-Id': 'r1' },
          )
        : sendJson(res, 200, { data: 'SC1' });
    const quiet = await harness(handler);
    await quiet.api.createScript(createBody);
    expect(quiet.logger.lines.filter((l) => l.level === 'debug')).toEqual([]);

    const loud = await harness(handler, {}, {}, true);
    await loud.api.createScript(createBody);
    await loud.api.getScript('SC1');
    const debug = loud.logger.lines.filter((l) => l.level === 'debug').map((l) => l.message);
    expect(debug.length).toBe(4);
    expect(debug[0]).toMatch(
      /^HTTP → POST http:\/\/127\.0\.0\.1:\d+\/v1\/job\/scripts headers=.*"X-Auth-Token":"\(sensitive\)"/,
    );
    expect(debug[0]).toContain('"param_value":"(sensitive)"');
    expect(debug[1]).toMatch(/^HTTP ← 200 POST \/v1\/job\/scripts/);
    for (const line of debug) {
      expect(line).not.toContain('TOKEN-CANARY');
      expect(line).not.toContain('PARAM-CANARY');
    }
    expect(loud.logger.secrets.values()).toContain('TOKEN-CANARY');
  });
});
