/**
 * connectCoc against the emulator over real HTTP: every endpoint, every authentication method,
 * and no duplicate create under dropped-after-apply faults.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CocApi, CreateScriptBody } from '../../src/coc/api.js';
import type { ConnectDeps } from '../../src/coc/connect.js';
import { connectCoc } from '../../src/coc/connect.js';
import { CocApiError } from '../../src/coc/errors.js';
import type { AuthInputs, Config } from '../../src/config/config.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';
import { SyncError } from '../../src/errors.js';
import type { RecordingLogger } from '../../src/log.js';
import { createSilentLogger } from '../../src/log.js';
import {
  EMULATOR_ACCESS_KEY,
  EMULATOR_SECRET_KEY,
  githubIdToken,
  startTestEmulator,
  useEmulator,
} from '../support/emulator.js';
import { makeConfig } from './fixtures.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const emulator = useEmulator();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const instant: ConnectDeps = { sleep: () => Promise.resolve(), random: () => 0.5 };

async function connect(
  auth: AuthInputs,
  extra: Partial<Config> = {},
  deps: ConnectDeps = {},
  logger: RecordingLogger = createSilentLogger(),
): Promise<CocApi> {
  const url = emulator.current.url;
  const config = makeConfig({
    region: 'cn-north-4',
    endpoint: url,
    iamEndpoint: url,
    projectId: PROJECT,
    auth,
    ...extra,
  });
  const api = await connectCoc(config, logger, { ...instant, ...deps });
  cleanups.push(() => api.close());
  return api;
}

const body = (name: string, reviewers = false): CreateScriptBody => ({
  name,
  type: 'SHELL',
  description: 'Nightly database backup',
  content: '#!/bin/bash\necho "${db_host}"\n',
  enterprise_project_id: '0',
  properties: {
    risk_level: 'HIGH',
    version: '1.2.0',
    ...(reviewers
      ? {
          protocol: 'EMAIL',
          reviewers: [{ reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' }],
        }
      : {}),
  },
  script_params: [
    {
      param_name: 'db_host',
      param_value: 'db.internal',
      param_description: 'database host',
      param_order: 1,
      sensitive: false,
    },
    {
      param_name: 'db_password',
      param_value: 'S3cret=+@x',
      param_description: 'database password',
      param_order: 2,
      sensitive: true,
    },
  ],
});

describe('every endpoint (token)', () => {
  it('creates, lists, reads, modifies, approves and deletes', async () => {
    const api = await connect({ authToken: 'emulator-token' });
    const uuid = await api.createScript(body('backup_db', true));
    expect(uuid).toMatch(/^SC/);
    const listed = await api.listScripts();
    expect(listed.map((s) => [s.uuid, s.name, s.status])).toEqual([[uuid, 'backup_db', 'PENDING_APPROVE']]);

    const read = await api.getScript(uuid);
    expect(read?.script_params.map((p) => p.param_value)).toEqual(['db.internal', '*****************']);
    expect(read?.properties.reviewers.map((r) => r.reviewer_name)).toEqual(['alice']);

    await api.approveScript(uuid, 'APPROVED', 'reviewed in PR #42');
    expect((await api.getScript(uuid))?.status).toBe('APPROVED');

    await api.modifyScript(uuid, {
      description: 'changed',
      content: 'echo 2\n',
      properties: { risk_level: 'LOW', version: '1.3.0' },
      script_params: [],
    });
    const modified = await api.getScript(uuid);
    expect([modified?.description, modified?.status, modified?.script_params]).toEqual([
      'changed',
      'APPROVED',
      [],
    ]);

    expect(await api.deleteScript(uuid)).toBe('deleted');
    expect(await api.getScript(uuid)).toBeUndefined();
    expect(await api.deleteScript(uuid)).toBe('not-found');
    expect(emulator.current.scripts()).toEqual([]);
    expect(emulator.current.requests().every((r) => r.authMethod === 'token')).toBe(true);
  });

  it('reports the duplicate-name error as docs/coc-api.md §4.2 describes', async () => {
    const api = await connect({ authToken: 'emulator-token' });
    const first = await api.createScript(body('backup_db'));
    const error = await api.createScript(body('backup_db')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CocApiError);
    expect((error as CocApiError).message).toBe(
      `COC.00040601: Exist script with same name: backup_db (HTTP 400) while creating backup_db: a script ` +
        `with this name already exists (${first}), created outside this run; plan again to bind the definition to it`,
    );
    expect((error as CocApiError).requestId).toBeTruthy();
  });

  it('pages through more than 100 scripts', async () => {
    emulator.current.seed(
      Array.from({ length: 230 }, (_, i) => ({
        name: `s_${i}`,
        type: 'SHELL' as const,
        description: 'd',
        content: 'c',
        properties: { risk_level: 'LOW', version: '1.0.0' },
      })),
    );
    const api = await connect({ authToken: 'emulator-token' });
    const all = await api.listScripts();
    expect(all).toHaveLength(230);
    expect(new Set(all.map((s) => s.uuid)).size).toBe(230);
    expect(emulator.current.requests().filter((r) => r.path === '/v1/job/scripts')).toHaveLength(3);
  });

  it('rejects a wrong token with an auth error, not retried', async () => {
    const api = await connect({ authToken: 'wrong' });
    const error = (await api.listScripts().catch((e: unknown) => e)) as CocApiError;
    expect(error).toBeInstanceOf(CocApiError);
    expect(error.reason).toBe('auth');
    expect(error.code).toBe('APIGW.0301');
    expect(emulator.current.requests()).toHaveLength(1);
  });
});

describe('AK/SK', () => {
  it('signs every request the emulator accepts', async () => {
    const api = await connect({ accessKey: EMULATOR_ACCESS_KEY, secretKey: EMULATOR_SECRET_KEY });
    const uuid = await api.createScript(body('备份_db'));
    expect((await api.listScripts({ nameLike: '备份' })).map((s) => s.uuid)).toEqual([uuid]);
    await api.modifyScript(uuid, {
      description: 'x',
      content: 'y',
      properties: { risk_level: 'LOW', version: '1.0.1' },
      script_params: [],
    });
    expect(await api.deleteScript(uuid)).toBe('deleted');
    expect(emulator.current.requests().map((r) => [r.authMethod, r.status])).toEqual([
      ['aksk', 200],
      ['aksk', 200],
      ['aksk', 200],
      ['aksk', 200],
    ]);
  });

  it('a wrong secret key is a 401 auth error', async () => {
    const api = await connect({ accessKey: EMULATOR_ACCESS_KEY, secretKey: 'not-the-key' });
    const error = (await api.listScripts().catch((e: unknown) => e)) as CocApiError;
    expect([error.reason, error.code, error.httpStatus]).toEqual(['auth', 'APIGW.0301', 401]);
  });

  it('temporary credentials send a signed X-Security-Token', async () => {
    const temp = await startTestEmulator({
      credentials: [{ accessKey: 'TEMPAK', secretKey: 'TEMPSK', securityToken: 'SEC-TOKEN' }],
    });
    cleanups.push(() => temp.close());
    const make = async (auth: AuthInputs): Promise<CocApi> => {
      const api = await connectCoc(
        makeConfig({ endpoint: temp.url, projectId: PROJECT, auth }),
        createSilentLogger(),
        instant,
      );
      cleanups.push(() => api.close());
      return api;
    };
    expect(
      await (
        await make({ accessKey: 'TEMPAK', secretKey: 'TEMPSK', securityToken: 'SEC-TOKEN' })
      ).listScripts(),
    ).toEqual([]);
    await expect((await make({ accessKey: 'TEMPAK', secretKey: 'TEMPSK' })).listScripts()).rejects.toThrow(
      /APIGW.0301/,
    );
  });
});

describe('IAM password', () => {
  it('exchanges the password for a masked, project-scoped token', async () => {
    const logger = createSilentLogger(true);
    const api = await connect(
      { iamUsername: 'ci_user', iamPassword: 'ci-password', iamDomainName: 'my_account' },
      {},
      {},
      logger,
    );
    expect(await api.listScripts()).toEqual([]);
    const log = emulator.current.requests();
    expect(log.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v3/auth/tokens'],
      ['GET', '/v1/job/scripts'],
    ]);
    expect(log[1]?.authMethod).toBe('token');
    expect(logger.secrets.values()[0]).toBe('ci-password');
    expect(logger.secrets.values()).toHaveLength(2);
    const issued = logger.secrets.values()[1] ?? '';
    expect(issued.length).toBeGreaterThan(0);
    for (const line of logger.lines) {
      expect(line.message).not.toContain('ci-password');
      expect(line.message).not.toContain(issued);
    }
  });

  it('scopes by region name without a project id', async () => {
    const url = emulator.current.url;
    const config = makeConfig({
      region: 'cn-north-4',
      endpoint: url,
      iamEndpoint: url,
      auth: { iamUsername: 'ci_user', iamPassword: 'ci-password', iamDomainName: 'my_account' },
    });
    const api = await connectCoc(config, createSilentLogger(), instant);
    cleanups.push(() => api.close());
    expect(await api.listScripts()).toEqual([]);
  });

  it('a wrong password is an auth error carrying the IAM message', async () => {
    const error = await connect({
      iamUsername: 'ci_user',
      iamPassword: 'wrong',
      iamDomainName: 'my_account',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).reason).toBe('auth');
    expect((error as SyncError).message).toMatch(
      /^IAM password authentication failed: .*The username or password is wrong\. \(HTTP 401\)$/,
    );
  });
});

describe('GitHub OIDC', () => {
  it('exchanges an injected id token', async () => {
    const logger = createSilentLogger();
    const token = githubIdToken();
    const audiences: (string | undefined)[] = [];
    const getIdToken = (audience?: string): Promise<string> => {
      audiences.push(audience);
      return Promise.resolve(token);
    };
    const api = await connect(
      { idpId: 'github-idp', oidcAudience: 'coc-script-sync' },
      {},
      { getIdToken },
      logger,
    );
    expect(await api.listScripts()).toEqual([]);
    expect(audiences).toEqual(['coc-script-sync']);
    expect(logger.secrets.values()[0]).toBe(token);
    expect(emulator.current.requests().map((r) => r.path)).toEqual([
      '/v3.0/OS-AUTH/id-token/tokens',
      '/v1/job/scripts',
    ]);
  });

  it('a wrong audience is an auth error', async () => {
    const getIdToken = (): Promise<string> => Promise.resolve(githubIdToken('someone-else'));
    await expect(
      connect({ idpId: 'github-idp', oidcAudience: 'someone-else' }, {}, { getIdToken }),
    ).rejects.toThrow(/IAM OIDC token exchange failed: .*audience.*\(HTTP 401\)/);
  });

  it('without an identity-token source (the CLI, a fork) says what to set, before any request', async () => {
    await expect(connect({ idpId: 'github-idp', oidcAudience: 'coc-script-sync' })).rejects.toThrow(
      /needs a GitHub OIDC token: .*permissions: id-token: write.*HUAWEICLOUD_SDK_ID_TOKEN_FILE/,
    );
    expect(emulator.current.requests()).toHaveLength(0);
  });

  it('without id-token permission explains what to set', async () => {
    const getIdToken = (): Promise<string> =>
      Promise.reject(new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable'));
    await expect(connect({ idpId: 'github-idp' }, {}, { getIdToken })).rejects.toThrow(
      /permissions: id-token: write/,
    );
  });

  it('reads HUAWEICLOUD_SDK_ID_TOKEN_FILE', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coc-oidc-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'token');
    await writeFile(file, `${githubIdToken()}\n`);
    // The SDK variables reach the client through parseConfig, like every other setting.
    const parsed = parseConfig(
      rawInputsFrom(
        {
          path: '.',
          endpoint: emulator.current.url,
          'iam-endpoint': emulator.current.url,
          'project-id': PROJECT,
        },
        { HUAWEICLOUD_SDK_IDP_ID: 'github-idp', HUAWEICLOUD_SDK_ID_TOKEN_FILE: file },
      ),
    );
    const api = await connectCoc(parsed, createSilentLogger(), instant);
    cleanups.push(() => api.close());
    expect(await api.listScripts()).toEqual([]);
  });
});

describe('faults', () => {
  it('never creates twice when every write is dropped after it is applied', async () => {
    emulator.current.setFaults({ dropAfterRate: 1, seed: 7 });
    const api = await connect({ authToken: 'emulator-token' });
    const names = Array.from({ length: 6 }, (_, i) => `job_${i}`);
    const uuids = await Promise.all(names.map((name) => api.createScript(body(name))));
    const scripts = emulator.current.scripts();
    expect(scripts.map((s) => s.name).sort()).toEqual(names);
    expect(scripts.map((s) => s.script_uuid).sort()).toEqual([...uuids].sort());
    expect(emulator.current.requests().filter((r) => r.method === 'POST')).toHaveLength(6);
  });

  it('converges under 503, 429 and dropped connections, honouring Retry-After', async () => {
    emulator.current.setFaults({
      error503Rate: 0.1,
      error429Rate: 0.15,
      dropBeforeRate: 0.05,
      dropAfterRate: 0.05,
      retryAfterSeconds: 1,
      seed: 42,
    });
    const sleeps: number[] = [];
    const sleep = (ms: number): Promise<void> => {
      sleeps.push(ms);
      return Promise.resolve();
    };
    const api = await connect(
      { authToken: 'emulator-token' },
      {},
      { sleep, retryPolicy: { maxAttempts: 10 } },
    );
    const names = Array.from({ length: 12 }, (_, i) => `svc_${i}`);
    await Promise.all(names.map((name) => api.createScript(body(name))));
    expect(
      emulator.current
        .scripts()
        .map((s) => s.name)
        .sort(),
    ).toEqual([...names].sort());
    expect(api.stats().retries).toBe(sleeps.length);
    const throttled = emulator.current.requests().filter((r) => r.status === 429 || r.status === 503).length;
    expect(throttled).toBeGreaterThan(0);
    expect(sleeps.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(throttled);
  });
});
