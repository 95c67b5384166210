/**
 * Emulated IAM token endpoints (docs/coc-api.md §8.3, §8.4): password → token and OIDC id token →
 * token. Tokens come back in X-Subject-Token with 201; failures use IAM's error JSON.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_PROJECT_ID } from './defaults.js';
import { asObject } from './validate.js';
import { userIdOf } from './store.js';
import type { TokenIdentity, TokenRegistry } from './tokens.js';
import type { EmulatorIdp, EmulatorUser } from './types.js';

/** IAM paths the emulator serves. */
export const IAM_PASSWORD_PATH = '/v3/auth/tokens';
/** OIDC id-token exchange path. */
export const IAM_ID_TOKEN_PATH = '/v3.0/OS-AUTH/id-token/tokens';

/** Who can obtain tokens. */
export interface IamSettings {
  readonly users: readonly EmulatorUser[];
  readonly idps: readonly EmulatorIdp[];
  readonly tokens: TokenRegistry;
  readonly now: () => number;
}

/** An IAM answer for the server to write. */
export interface IamAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function iamError(status: 400 | 401, message: string): IamAnswer {
  const title = status === 400 ? 'Bad Request' : 'Unauthorized';
  return { status, body: { error: { code: status, title, message } } };
}

/** Walks nested objects; `undefined` as soon as a step is missing. */
function dig(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) current = asObject(current)?.[key];
  return current;
}

function scopedProject(
  body: unknown,
  fallback: string | undefined,
): { id: string; name: string } | undefined {
  const project = dig(body, 'auth', 'scope', 'project');
  if (asObject(project) === undefined) return undefined;
  const id = dig(project, 'id');
  const name = dig(project, 'name');
  return {
    id: typeof id === 'string' ? id : (fallback ?? DEFAULT_PROJECT_ID),
    name: typeof name === 'string' ? name : 'cn-north-4',
  };
}

function issued(
  settings: IamSettings,
  user: string,
  project: { id: string; name: string } | undefined,
  extra: object,
): IamAnswer {
  const { token, identity } = settings.tokens.issue(user, project?.id);
  const body = {
    token: {
      expires_at: iso(identity),
      issued_at: new Date(settings.now()).toISOString().replace('Z', '000Z'),
      ...extra,
      ...(project ? { project: { ...project, domain: { id: userIdOf('domain'), name: 'my_account' } } } : {}),
      roles: [{ id: userIdOf('role'), name: 'coc_adm' }],
    },
  };
  return { status: 201, body, headers: { 'X-Subject-Token': token } };
}

function iso(identity: TokenIdentity): string {
  // IAM prints microseconds: 2025-11-25T09:30:00.000000Z.
  return new Date(identity.expiresAt).toISOString().replace('Z', '000Z');
}

/** POST /v3/auth/tokens with the password method. */
export function passwordToken(body: unknown, settings: IamSettings): IamAnswer {
  const methods = dig(body, 'auth', 'identity', 'methods');
  const user = dig(body, 'auth', 'identity', 'password', 'user');
  if (!Array.isArray(methods) || !methods.includes('password') || asObject(user) === undefined) {
    return iamError(400, 'The request body is invalid: auth.identity.password.user is required.');
  }
  const name = dig(user, 'name');
  const password = dig(user, 'password');
  const domain = dig(user, 'domain', 'name');
  const match = settings.users.find((u) => u.name === name && u.password === password && u.domain === domain);
  if (match === undefined) return iamError(401, 'The username or password is wrong.');
  const userView = {
    name: match.name,
    id: userIdOf(match.name),
    domain: { name: match.domain, id: userIdOf(match.domain) },
  };
  const project = scopedProject(body, match.projectId);
  return issued(settings, match.name, project, { methods: ['password'], user: userView, catalog: [] });
}

/** Decodes the payload of a JWT without checking its signature; `undefined` when malformed. */
export function jwtPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    return asObject(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** POST /v3.0/OS-AUTH/id-token/tokens with X-Idp-Id. */
export function idTokenToken(headers: IncomingHttpHeaders, body: unknown, settings: IamSettings): IamAnswer {
  const idpId = headers['x-idp-id'];
  const idp = settings.idps.find((candidate) => candidate.id === idpId);
  if (idp === undefined) return iamError(400, 'The identity provider (X-Idp-Id) does not exist.');
  const jwt = dig(body, 'auth', 'id_token', 'id');
  const claims = typeof jwt === 'string' ? jwtPayload(jwt) : undefined;
  if (claims === undefined) return iamError(400, 'auth.id_token.id is not a JWT.');
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(idp.audience))
    return iamError(401, 'The id token audience does not match the identity provider.');
  const exp = claims['exp'];
  if (typeof exp !== 'number' || exp * 1000 <= settings.now())
    return iamError(401, 'The id token has expired.');
  const subject = typeof claims['sub'] === 'string' ? claims['sub'] : 'oidc_user';
  const federation = { identity_provider: { id: idp.id }, protocol: { id: 'oidc' }, groups: [] };
  const user = { name: subject, id: userIdOf(subject), 'OS-FEDERATION': federation };
  return issued(settings, subject, scopedProject(body, undefined), { methods: ['mapped'], user });
}
