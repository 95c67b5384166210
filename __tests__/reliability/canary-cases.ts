/**
 * The canary test's cases: unique secret strings, the definitions and remote scripts they hide
 * in, and the scenarios (validate, plan, apply and their failure paths) that must not leak them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator, SeedScript } from '../../emulator/types.js';

/** Unique strings that must never leave the action except as `::add-mask::` commands. */
export const CANARY = {
  token: 'CanaryTok_9f2c71d0e4',
  wrongToken: 'CanaryWrongTok_61ab02',
  secretKey: 'CanarySK_5be83a61c7',
  wrongSecretKey: 'CanaryWrongSK_7c0d9e',
  securityToken: 'CanarySecTok_0d4e9b2a66',
  githubToken: 'CanaryGh_1e7b94fd20',
  password: 'CanaryPassword_4d8b21',
  wrongPassword: 'CanaryWrongPassword_19fe',
  envValue: 'CanaryEnvValue_7a1f03',
  literalValue: 'CanaryLiteral_3c9e58',
  badLiteral: 'CanaryBad#Literal_55d2',
  badEnvValue: 'CanaryBad#Env_8e21',
  jwtSignature: 'CanaryJwtSignature_0b7e5c',
} as const;

/** The access key id is not a secret (it is sent in every Authorization header). */
export const ACCESS_KEY = 'CANARYAKID00000000001';
/** Project id sent with AK/SK and password auth. */
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';

const params = (lines: string[]): string => `params:\n${lines.join('\n')}\n`;
const envParam =
  '  - name: api_key\n    value_from_env: CANARY_API_KEY\n    description: API key\n    sensitive: true';
const literalParam = (value: string): string =>
  `  - name: db_password\n    value: "${value}"\n    description: database password\n    sensitive: true`;

function definition(name: string, version: string, paramText: string): string {
  return `name: ${name}\ntype: SHELL\ndescription: Canary ${name}\ncontent: |\n  #!/bin/bash\n  echo ${name} ${version}\nrisk_level: LOW\nversion: ${version}\n${paramText}`;
}

/** Three definitions: two updates of scripts with sensitive params, one create. */
export async function writeFolder(root: string, literal: string): Promise<void> {
  const dir = join(root, 'coc-scripts');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'app.yaml'), definition('canary_app', '1.0.1', params([envParam])));
  await writeFile(join(dir, 'db.yaml'), definition('canary_db', '1.0.1', params([literalParam(literal)])));
  await writeFile(join(dir, 'job.yaml'), definition('canary_job', '1.0.0', params([envParam])));
}

/** A remote script holding an (old) sensitive value; GET masks it. */
export function seed(name: string, paramName: string, extra: Partial<SeedScript> = {}): SeedScript {
  return {
    name,
    type: 'SHELL',
    description: `Canary ${name}`,
    content: `#!/bin/bash\necho ${name} 1.0.0\n`,
    properties: { risk_level: 'LOW', version: '1.0.0' },
    script_params: [
      {
        param_name: paramName,
        param_value: 'stored-old-value',
        param_description: 'old',
        param_order: 1,
        sensitive: true,
      },
    ],
    ...extra,
  };
}

/** How a scenario authenticates (the `bad-*` ones must fail with `auth`). */
export type Auth =
  'token' | 'aksk' | 'sdk-env' | 'password' | 'oidc' | 'bad-token' | 'bad-signature' | 'bad-password';

/** One run of the action whose every output is searched for canaries. */
export interface Scenario {
  readonly name: string;
  readonly mode: 'validate' | 'plan' | 'apply';
  /** The event the run is for (default: pull_request for validate and plan, push for apply). */
  readonly event?: 'pull_request' | 'push' | 'schedule';
  /** Extra action inputs. */
  readonly inputs?: Readonly<Record<string, string>>;
  readonly auth: Auth;
  readonly folder: 'good' | 'bad-literal';
  /** Accepted failure-reason outputs ('' = success). */
  readonly reasons: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly setup?: (emulator: Emulator) => void;
  /** SIGTERM (the runner's cancel) once the emulator has received this many writes. */
  readonly cancelAfterWrites?: number;
}

/** Validate, plan and apply, each authentication method, and the failure paths. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'validate', mode: 'validate', auth: 'token', folder: 'good', reasons: [''] },
  {
    name: 'plan on a pull request (sticky comment)',
    mode: 'plan',
    auth: 'token',
    folder: 'good',
    reasons: [''],
  },
  { name: 'apply with a token', mode: 'apply', auth: 'token', folder: 'good', reasons: [''] },
  { name: 'apply with temporary AK/SK', mode: 'apply', auth: 'aksk', folder: 'good', reasons: [''] },
  {
    name: 'apply with AK/SK from the SDK variables',
    mode: 'apply',
    auth: 'sdk-env',
    folder: 'good',
    reasons: [''],
  },
  {
    name: 'apply with an IAM password exchange',
    mode: 'apply',
    auth: 'password',
    folder: 'good',
    reasons: [''],
  },
  {
    name: 'apply with an OIDC exchange',
    mode: 'apply',
    auth: 'oidc',
    folder: 'good',
    reasons: [''],
  },
  {
    name: 'scheduled plan with a drift issue, IAM password exchange',
    mode: 'plan',
    event: 'schedule',
    inputs: { 'fail-on-drift': 'true', 'drift-issue': 'true' },
    auth: 'password',
    folder: 'good',
    reasons: ['drift'],
  },
  {
    name: 'plan with a wrong IAM password',
    mode: 'plan',
    auth: 'bad-password',
    folder: 'good',
    reasons: ['auth'],
  },
  {
    name: 'plan with a bad signature',
    mode: 'plan',
    auth: 'bad-signature',
    folder: 'good',
    reasons: ['auth', 'api-error'],
  },
  {
    name: 'apply with a rejected token',
    mode: 'apply',
    auth: 'bad-token',
    folder: 'good',
    reasons: ['auth', 'api-error'],
  },
  {
    name: 'apply with an API 400 on one item',
    mode: 'apply',
    auth: 'token',
    folder: 'good',
    reasons: ['apply-failed'],
    // Same name in another enterprise project: invisible to a list filtered by ep1, refused on create.
    inputs: { 'enterprise-project-id': 'ep1' },
    setup: (emulator) => emulator.seed([seed('canary_job', 'api_key', { enterprise_project_id: 'ep9' })]),
  },
  {
    name: 'apply cancelled by SIGTERM mid-write, IAM password exchange',
    mode: 'apply',
    auth: 'password',
    folder: 'good',
    reasons: ['cancelled'],
    // The write in flight when the signal comes: its outcome, and the cancel, reach every channel.
    setup: (emulator) => emulator.setFaults({ latencyMs: 300 }),
    cancelAfterWrites: 1,
  },
  {
    name: 'plan with an invalid sensitive literal',
    mode: 'plan',
    auth: 'token',
    folder: 'bad-literal',
    reasons: ['validation'],
  },
  {
    name: 'apply with an invalid sensitive value in the env',
    mode: 'apply',
    auth: 'token',
    folder: 'good',
    reasons: ['validation', 'apply-failed'],
    env: { CANARY_API_KEY: CANARY.badEnvValue },
  },
];

/** Action inputs of an authentication method. */
export function authInputs(auth: Auth): Record<string, string> {
  const aksk = { 'access-key': ACCESS_KEY, 'security-token': CANARY.securityToken, 'project-id': PROJECT_ID };
  switch (auth) {
    case 'token':
      return { 'auth-token': CANARY.token };
    case 'bad-token':
      return { 'auth-token': CANARY.wrongToken };
    case 'aksk':
      return { ...aksk, 'secret-key': CANARY.secretKey };
    case 'bad-signature':
      return { ...aksk, 'secret-key': CANARY.wrongSecretKey };
    case 'sdk-env':
      return { 'project-id': PROJECT_ID };
    case 'oidc':
      return { 'idp-id': 'github-idp', 'project-id': PROJECT_ID };
    case 'password':
    case 'bad-password':
      return {
        'iam-username': 'canary_user',
        'iam-password': auth === 'password' ? CANARY.password : CANARY.wrongPassword,
        'iam-domain-name': 'canary_account',
        'project-id': PROJECT_ID,
      };
  }
}

/** An OIDC id token the emulator accepts (audience of its default identity provider). */
export function canaryJwt(): string {
  const claims = {
    aud: 'coc-script-sync',
    sub: 'repo:octo/canary',
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  return ['{"alg":"RS256"}', JSON.stringify(claims), CANARY.jwtSignature]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');
}

/** Environment of an authentication method (the SDK variable names). */
export function authEnv(auth: Auth, root: string): Record<string, string> {
  if (auth === 'oidc') return { HUAWEICLOUD_SDK_ID_TOKEN_FILE: `${root}/jwt.txt` };
  if (auth !== 'sdk-env') return {};
  return {
    HUAWEICLOUD_SDK_AK: ACCESS_KEY,
    HUAWEICLOUD_SDK_SK: CANARY.secretKey,
    HUAWEICLOUD_SDK_SECURITY_TOKEN: CANARY.securityToken,
  };
}
