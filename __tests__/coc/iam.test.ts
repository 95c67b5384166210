/** The IAM exchanges as sent on the wire, against a local stand-in for IAM and COC. */
import { afterEach, describe, expect, it } from 'vitest';
import { connectCoc } from '../../src/coc/connect.js';
import type { AuthInputs, Config } from '../../src/config/config.js';
import { SyncError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/log.js';
import type { FakeServer, Handler } from '../coc/fake-server.js';
import { sendJson, startFakeServer } from '../coc/fake-server.js';
import { makeConfig } from '../coc/fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** IAM answers with `iamStatus` and a token; COC lists nothing. */
function iamAndCoc(
  iamStatus: number,
  headers: Record<string, string> = { 'X-Subject-Token': 'ISSUED-TOKEN' },
): Handler {
  return (req, res) => {
    if (req.url.startsWith('/v3')) {
      return sendJson(
        res,
        iamStatus,
        { token: { expires_at: '2025-11-25T09:30:00.000000Z', project: { id: 'proj-from-iam' } } },
        headers,
      );
    }
    sendJson(res, 200, { data: { data: [] } });
  };
}

async function run(handler: Handler, auth: AuthInputs, extra: Partial<Config> = {}): Promise<FakeServer> {
  const server = await startFakeServer(handler);
  cleanups.push(() => server.close());
  const config = makeConfig({ endpoint: server.url, iamEndpoint: server.url, auth, ...extra });
  const api = await connectCoc(config, createSilentLogger(), {
    sleep: () => Promise.resolve(),
    getIdToken: () => Promise.resolve('a.b.c'),
  });
  cleanups.push(() => api.close());
  await api.listScripts();
  return server;
}

const password: AuthInputs = { iamUsername: 'ci_user', iamPassword: 'pw', iamDomainName: 'my_account' };

describe('IAM password token', () => {
  it.each([
    { name: 'scoped by project id', extra: { projectId: 'p1' }, scope: { id: 'p1' }, projectHeader: 'p1' },
    {
      name: 'scoped by region name',
      extra: { region: 'cn-north-4' },
      scope: { name: 'cn-north-4' },
      projectHeader: 'proj-from-iam',
    },
  ])('$name', async ({ extra, scope, projectHeader }) => {
    const server = await run(iamAndCoc(201), password, extra);
    const [iam, coc] = server.requests;
    expect(iam?.url).toBe('/v3/auth/tokens');
    expect(iam?.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(iam?.body ?? '')).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'ci_user', password: 'pw', domain: { name: 'my_account' } } },
        },
        scope: { project: scope },
      },
    });
    expect(coc?.headers['x-auth-token']).toBe('ISSUED-TOKEN');
    expect(coc?.headers['x-project-id']).toBe(projectHeader);
  });

  it('needs a project id or a region', async () => {
    await expect(run(iamAndCoc(201), password)).rejects.toThrow(/set `project-id` or `region`/);
  });

  it('retries IAM on 503', async () => {
    let calls = 0;
    const handler: Handler = (req, res, index) => {
      if (req.url.startsWith('/v3') && calls++ === 0) return sendJson(res, 503, { error_msg: 'busy' });
      return iamAndCoc(201)(req, res, index);
    };
    const server = await run(handler, password, { projectId: 'p1' });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v3/auth/tokens',
      '/v3/auth/tokens',
      '/v1/job/scripts?limit=100&enterprise_project_id=0',
    ]);
  });

  const failures: { name: string; handler: Handler; text: string | RegExp }[] = [
    {
      name: 'IAM error body',
      handler: (_req, res) =>
        sendJson(res, 401, {
          error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
        }),
      text: 'IAM password authentication failed: The username or password is wrong. (HTTP 401)',
    },
    {
      name: 'IAM v3.0 error body',
      handler: (_req, res) =>
        sendJson(res, 400, { error_code: 'IAM.0011', error_msg: 'Request parameter error.' }),
      text: 'IAM password authentication failed: IAM.0011: Request parameter error. (HTTP 400)',
    },
    {
      name: 'no X-Subject-Token',
      handler: iamAndCoc(201, {}),
      text: /IAM password authentication failed: unexpected response \(HTTP 201\)/,
    },
  ];
  it.each(failures)('$name → SyncError(auth)', async ({ handler, text }) => {
    const error = await run(handler, password, { projectId: 'p1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).reason).toBe('auth');
    if (typeof text === 'string') expect((error as SyncError).message).toBe(text);
    else expect((error as SyncError).message).toMatch(text);
  });
});

describe('OIDC id token exchange', () => {
  it.each([200, 201, 202])('accepts HTTP %s and sends X-Idp-Id and the project scope', async (status) => {
    const server = await run(
      iamAndCoc(status),
      { idpId: 'github-idp', oidcAudience: 'aud' },
      { projectId: 'p1' },
    );
    const [iam, coc] = server.requests;
    expect(iam?.url).toBe('/v3.0/OS-AUTH/id-token/tokens');
    expect(iam?.headers['x-idp-id']).toBe('github-idp');
    expect(JSON.parse(iam?.body ?? '')).toEqual({
      auth: { id_token: { id: 'a.b.c' }, scope: { project: { id: 'p1' } } },
    });
    expect(coc?.headers['x-auth-token']).toBe('ISSUED-TOKEN');
  });
});
