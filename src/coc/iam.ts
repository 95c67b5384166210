/**
 * IAM token exchanges (docs/coc-api.md §8.3, §8.4): user password → token, and a GitHub OIDC JWT →
 * token. Both return a project-scoped token that is masked before anything else happens.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CocApiError } from './errors.js';
import type { Executor, HttpResponse } from './request.js';
import { errorMessage, SyncError } from '../errors.js';
import type { Logger } from '../log.js';

/** How the token is scoped: by project id when known, else by project (= region) name. */
export type ProjectScope = { readonly id: string } | { readonly name: string };

export interface IamToken {
  readonly token: string;
  /** `token.project.id` from the answer, usable as the project id. */
  readonly projectId?: string;
  readonly expiresAt?: string;
}

const tokenBodySchema = z.object({
  token: z
    .object({ expires_at: z.string().nullish(), project: z.object({ id: z.string().nullish() }).nullish() })
    .nullish(),
});

/**
 * Builds the scope from the project id, else the region; SyncError('auth') when neither is known,
 * naming what to set in the front end's words (`names`: e.g. "`project-id` or `region`").
 */
export function projectScope(
  projectId: string | undefined,
  region: string | undefined,
  names = '`project-id` or `region`',
): ProjectScope {
  if (projectId) return { id: projectId };
  if (region) return { name: region };
  throw new SyncError('auth', `An IAM token for COC must be project-scoped: set ${names}.`);
}

function parseToken(logger: Logger): (response: HttpResponse) => IamToken {
  return (response) => {
    const token = response.headers['x-subject-token'];
    if (!token) throw new Error('IAM answered without an X-Subject-Token header');
    logger.mask(token);
    let body: z.infer<typeof tokenBodySchema> = {};
    try {
      body = tokenBodySchema.parse(JSON.parse(response.body));
    } catch {
      // The token header is what matters; the body only adds the project id.
    }
    const projectId = body.token?.project?.id ?? undefined;
    const expiresAt = body.token?.expires_at ?? undefined;
    return { token, ...(projectId ? { projectId } : {}), ...(expiresAt ? { expiresAt } : {}) };
  };
}

function authFailure(what: string, error: unknown): SyncError {
  if (error instanceof CocApiError && error.kind === 'api') {
    const code = error.code ? `${error.code}: ` : '';
    return new SyncError(
      'auth',
      `${what} failed: ${code}${error.apiMessage ?? 'no message'} (HTTP ${error.httpStatus ?? '?'})`,
      { cause: error },
    );
  }
  return new SyncError('auth', `${what} failed: ${errorMessage(error)}`, { cause: error });
}

export interface PasswordLogin {
  readonly username: string;
  readonly password: string;
  readonly domainName: string;
  readonly scope: ProjectScope;
}

/** POST {iam}/v3/auth/tokens with a password; the token comes back in X-Subject-Token. */
export async function fetchPasswordToken(
  iam: Executor,
  login: PasswordLogin,
  logger: Logger,
): Promise<IamToken> {
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: login.username, password: login.password, domain: { name: login.domainName } },
        },
      },
      scope: { project: login.scope },
    },
  };
  try {
    const spec = {
      operation: 'authenticating',
      target: login.username,
      method: 'POST',
      path: '/v3/auth/tokens',
      body,
    } as const;
    return await iam.execute(spec, parseToken(logger));
  } catch (error) {
    throw authFailure('IAM password authentication', error);
  }
}

/** Fetches a GitHub OIDC token for an audience (the action passes core.getIDToken). */
export type IdTokenGetter = (audience?: string) => Promise<string>;

/** Where the OIDC JWT comes from: a file (HUAWEICLOUD_SDK_ID_TOKEN_FILE) or GitHub's token service. */
export interface IdTokenSource {
  readonly idTokenFile?: string;
  readonly audience?: string;
  readonly getIdToken?: IdTokenGetter;
}

const NO_TOKEN_SOURCE =
  'Keyless authentication (`idp-id`) needs a GitHub OIDC token: run in a job with ' +
  '`permissions: id-token: write`, or point HUAWEICLOUD_SDK_ID_TOKEN_FILE at a file holding the token.';

/** Obtains the JWT and masks it. */
export async function obtainIdToken(source: IdTokenSource, logger: Logger): Promise<string> {
  const { getIdToken } = source;
  if (source.idTokenFile === undefined && getIdToken === undefined)
    throw new SyncError('auth', NO_TOKEN_SOURCE);
  let jwt: string;
  try {
    jwt =
      source.idTokenFile !== undefined
        ? (await readFile(source.idTokenFile, 'utf8')).trim()
        : await (getIdToken as IdTokenGetter)(source.audience);
  } catch (error) {
    const where = source.idTokenFile !== undefined ? `from ${source.idTokenFile}` : 'from GitHub';
    throw new SyncError(
      'auth',
      `Could not get an OIDC token ${where}: ${errorMessage(error)}. The job needs \`permissions: id-token: write\`; pull requests from forks get no token.`,
      { cause: error },
    );
  }
  if (jwt.length === 0) throw new SyncError('auth', 'The OIDC token is empty.');
  logger.mask(jwt);
  return jwt;
}

/** POST {iam}/v3.0/OS-AUTH/id-token/tokens with X-Idp-Id; any 2xx with X-Subject-Token is success. */
export async function exchangeIdToken(
  iam: Executor,
  idpId: string,
  jwt: string,
  scope: ProjectScope,
  logger: Logger,
): Promise<IamToken> {
  const body = { auth: { id_token: { id: jwt }, scope: { project: scope } } };
  try {
    const spec = {
      operation: 'authenticating',
      target: `identity provider ${idpId}`,
      method: 'POST',
      path: '/v3.0/OS-AUTH/id-token/tokens',
      body,
      headers: { 'X-Idp-Id': idpId },
    } as const;
    return await iam.execute(spec, parseToken(logger));
  } catch (error) {
    throw authFailure('IAM OIDC token exchange', error);
  }
}
