/**
 * Decides the one authentication method from the credential material in Config (inputs, with
 * the official SDK variables already folded in by config/parse.ts), and masks every secret
 * before anything else can print or send it.
 */
import type { Config } from '../config/config.js';
import type { Surface } from '../config/names.js';
import { SyncError } from '../errors.js';
import type { Logger } from '../log.js';

export type Credentials =
  | { readonly method: 'token'; readonly token: string }
  | {
      readonly method: 'aksk';
      readonly accessKey: string;
      readonly secretKey: string;
      readonly securityToken?: string;
    }
  | {
      readonly method: 'password';
      readonly username: string;
      readonly password: string;
      readonly domainName: string;
    }
  | {
      readonly method: 'oidc';
      readonly idpId: string;
      readonly audience?: string;
      readonly idTokenFile?: string;
    };

export type CredentialMethod = Credentials['method'];

/** Credential fields present in Config, trimmed (the password verbatim). */
interface Material {
  readonly token?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly username?: string;
  readonly password?: string;
  readonly domainName?: string;
  readonly idpId?: string;
  readonly audience?: string;
  readonly idTokenFile?: string;
}

function pick(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value.trim().length > 0)?.trim();
}

function gather(config: Config): Material {
  const a = config.auth;
  const entries = {
    token: pick(a.authToken),
    accessKey: pick(a.accessKey),
    secretKey: pick(a.secretKey),
    securityToken: pick(a.securityToken),
    username: pick(a.iamUsername),
    // A password may legitimately have edge spaces: keep it verbatim.
    password: a.iamPassword !== undefined && a.iamPassword.length > 0 ? a.iamPassword : undefined,
    domainName: pick(a.iamDomainName),
    idpId: pick(a.idpId),
    audience: pick(a.oidcAudience),
    idTokenFile: pick(a.idTokenFile),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** Which methods have any material at all (a half-filled method still counts, to be reported). */
function methodsPresent(m: Material): CredentialMethod[] {
  const present: CredentialMethod[] = [];
  if (m.token) present.push('token');
  if (m.accessKey || m.secretKey || m.securityToken) present.push('aksk');
  if (m.username || m.password) present.push('password');
  if (m.idpId) present.push('oidc');
  return present;
}

/** The authentication methods, in the words of the front end (inputs, or flags and variables). */
function howToSet(surface: Surface): string {
  if (surface === 'cli') {
    return (
      '--auth-token (or the environment variable COC_SCRIPT_SYNC_AUTH_TOKEN); or the environment ' +
      'variables HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (optionally HUAWEICLOUD_SDK_SECURITY_TOKEN), or ' +
      '--access-key + --secret-key; or --iam-username + --iam-password + --iam-domain-name; or ' +
      '--idp-id (or HUAWEICLOUD_SDK_IDP_ID) with HUAWEICLOUD_SDK_ID_TOKEN_FILE (+ --oidc-audience)'
    );
  }
  return (
    'the inputs `auth-token`; or `access-key` + `secret-key` (optionally `security-token`; or ' +
    "HUAWEICLOUD_SDK_AK/SK in the step's `env:`); or `iam-username` + `iam-password` + `iam-domain-name`; " +
    'or `idp-id` (+ `oidc-audience`, with `permissions: id-token: write`)'
  );
}

/** Said after "No credentials" in a workflow: the usual cause is an empty secret. */
const EMPTY_SECRET_HINT =
  ' A secret that does not exist expands to an empty string: check the secret names in ' +
  '`${{ secrets.… }}` and that the secrets are available to this workflow (environment, organisation).';

/** The SDK variable that can stand in for an input, named for the CLI. */
const SDK_VARIABLES: Readonly<Record<string, string>> = {
  'access-key': 'HUAWEICLOUD_SDK_AK',
  'secret-key': 'HUAWEICLOUD_SDK_SK',
};

function missing(
  method: string,
  fields: Record<string, string | undefined>,
  surface: Surface,
): SyncError | undefined {
  const absent = Object.entries(fields)
    .filter(([, value]) => value === undefined)
    .map(([name]) => {
      if (surface !== 'cli') return `\`${name}\``;
      const variable = SDK_VARIABLES[name];
      return variable === undefined ? `--${name}` : `--${name} (or ${variable})`;
    });
  if (absent.length === 0) return undefined;
  return new SyncError('auth', `Incomplete ${method} credentials: set ${absent.join(' and ')}.`);
}

function build(method: CredentialMethod, m: Material, surface: Surface): Credentials {
  switch (method) {
    case 'token':
      return { method, token: m.token ?? '' };
    case 'aksk': {
      const error = missing('AK/SK', { 'access-key': m.accessKey, 'secret-key': m.secretKey }, surface);
      if (error) throw error;
      return {
        method,
        accessKey: m.accessKey ?? '',
        secretKey: m.secretKey ?? '',
        ...(m.securityToken ? { securityToken: m.securityToken } : {}),
      };
    }
    case 'password': {
      const error = missing(
        'IAM password',
        { 'iam-username': m.username, 'iam-password': m.password, 'iam-domain-name': m.domainName },
        surface,
      );
      if (error) throw error;
      return {
        method,
        username: m.username ?? '',
        password: m.password ?? '',
        domainName: m.domainName ?? '',
      };
    }
    case 'oidc':
      return {
        method,
        idpId: m.idpId ?? '',
        ...(m.audience ? { audience: m.audience } : {}),
        ...(m.idTokenFile ? { idTokenFile: m.idTokenFile } : {}),
      };
  }
}

/**
 * Runner variables holding credentials of their own: never used by the action, but scrubbed from
 * everything it prints in case some text ever carries them (a file that reads the environment).
 */
const RUNNER_SECRET_VARIABLES = ['GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

/** Every secret credential value the config carries (inputs, SDK and runner variables alike). */
export function credentialSecrets(config: Config): string[] {
  const material = gather(config);
  const secrets = [
    material.token,
    material.secretKey,
    material.securityToken,
    material.password,
    config.githubToken,
    ...RUNNER_SECRET_VARIABLES.map((name) => config.env[name]),
  ];
  return secrets.filter((secret): secret is string => secret !== undefined && secret.length > 0);
}

/**
 * Resolves exactly one method and masks its secrets through `logger.mask` first.
 * Zero or several methods → SyncError('auth') naming what to set.
 */
export function resolveCredentials(config: Config, logger: Logger): Credentials {
  for (const secret of credentialSecrets(config)) logger.mask(secret);
  const material = gather(config);
  const present = methodsPresent(material);
  const how = howToSet(config.surface);
  if (present.length === 0) {
    const hint = config.surface === 'cli' ? '' : EMPTY_SECRET_HINT;
    throw new SyncError('auth', `No credentials: ${config.mode} needs one of ${how}.${hint}`);
  }
  if (present.length > 1) {
    throw new SyncError(
      'auth',
      `Several authentication methods are set (${present.join(', ')}); keep exactly one of ${how}.`,
    );
  }
  return build(present[0] as CredentialMethod, material, config.surface);
}

/**
 * Whether any credential material is present, so `plan` can degrade to `validate` on fork pull
 * requests. OIDC counts only when a token can be obtained: a token file, or an identity-token
 * source the front end passed in (the action does when the runner offers one; forks get none).
 */
export function hasCredentials(config: Config, canObtainIdToken: boolean): boolean {
  const material = gather(config);
  return methodsPresent(material).some(
    (method) => method !== 'oidc' || material.idTokenFile !== undefined || canObtainIdToken,
  );
}
