/**
 * Secret canaries (issue 7 item 4): the token, SK, security token, GitHub token and sensitive
 * values are unique strings; across validate, plan, apply and their failure paths, with debug
 * traces on, none may appear in stdout, stderr, the job summary, the outputs, the plan file (or
 * any file in RUNNER_TEMP) or a PR comment. Masking is not enough: no runner is here to mask, so
 * the action itself must never print them. `::add-mask::` commands are the one allowed place.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, SeedScript } from '../../src/emulator/types.js';
import { runActionProcess, type ActionProcessResult } from '../../scripts/lib/action.js';
import { useEmulator } from '../helpers/emulator.js';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { describeLeaks, filesUnder, findLeaks, maskedValues, stdoutWithoutMaskCommands } from './leaks.js';

const CANARY = {
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
} as const;

const ACCESS_KEY = 'CANARYAKID00000000001';
const PROJECT_ID = '0123456789abcdef0123456789abcdef';

const params = (lines: string[]): string => `params:\n${lines.join('\n')}\n`;
const envParam =
  '  - name: api_key\n    value_from_env: CANARY_API_KEY\n    description: API key\n    sensitive: true';
const literalParam = (value: string): string =>
  `  - name: db_password\n    value: "${value}"\n    description: database password\n    sensitive: true`;

function definition(name: string, version: string, paramText: string): string {
  return `name: ${name}\ntype: SHELL\ndescription: Canary ${name}\ncontent: |\n  #!/bin/bash\n  echo ${name} ${version}\nrisk_level: LOW\nversion: ${version}\n${paramText}`;
}

/** Three definitions: two updates of scripts with sensitive params, one create. */
async function writeFolder(root: string, literal: string): Promise<void> {
  const dir = join(root, 'coc-scripts');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'app.yaml'), definition('canary_app', '1.0.1', params([envParam])));
  await writeFile(join(dir, 'db.yaml'), definition('canary_db', '1.0.1', params([literalParam(literal)])));
  await writeFile(join(dir, 'job.yaml'), definition('canary_job', '1.0.0', params([envParam])));
}

function seed(name: string, paramName: string, extra: Partial<SeedScript> = {}): SeedScript {
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

type Auth = 'token' | 'aksk' | 'sdk-env' | 'password' | 'bad-token' | 'bad-signature' | 'bad-password';

interface Scenario {
  readonly name: string;
  readonly mode: 'validate' | 'plan' | 'apply';
  readonly auth: Auth;
  readonly folder: 'good' | 'bad-literal';
  /** Accepted failure-reason outputs ('' = success). */
  readonly reasons: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly setup?: (emulator: Emulator) => void;
}

const SCENARIOS: readonly Scenario[] = [
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
    // Same name in another enterprise project: invisible to the list, refused on create.
    setup: (emulator) => emulator.seed([seed('canary_job', 'api_key', { enterprise_project_id: 'ep9' })]),
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

function authInputs(auth: Auth): Record<string, string> {
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

function authEnv(auth: Auth): Record<string, string> {
  if (auth !== 'sdk-env') return {};
  return {
    HUAWEICLOUD_SDK_AK: ACCESS_KEY,
    HUAWEICLOUD_SDK_SK: CANARY.secretKey,
    HUAWEICLOUD_SDK_SECURITY_TOKEN: CANARY.securityToken,
  };
}

describe('secret canaries', () => {
  const emulator = useEmulator({
    tokens: [CANARY.token],
    credentials: [
      { accessKey: ACCESS_KEY, secretKey: CANARY.secretKey, securityToken: CANARY.securityToken },
    ],
    users: [
      { name: 'canary_user', password: CANARY.password, domain: 'canary_account', projectId: PROJECT_ID },
    ],
    seed: [seed('canary_app', 'api_key'), seed('canary_db', 'db_password')],
  });
  let fake: GitHubFake;
  let root: string;

  beforeAll(async () => {
    fake = await startGitHubFake();
    root = await mkdtemp(join(tmpdir(), 'coc-canary-'));
    await writeFolder(join(root, 'good'), CANARY.literalValue);
    await writeFolder(join(root, 'bad-literal'), CANARY.badLiteral);
    await writeFile(
      join(root, 'pr-event.json'),
      JSON.stringify({ pull_request: { number: 7, head: { sha: 'a'.repeat(40) } } }),
    );
    await writeFile(
      join(root, 'push-event.json'),
      JSON.stringify({ after: 'b'.repeat(40), ref: 'refs/heads/main' }),
    );
  });
  afterAll(async () => {
    await fake.close();
    await rm(root, { recursive: true, force: true });
  });

  function githubEnv(mode: Scenario['mode']): Record<string, string> {
    const pr = mode !== 'apply';
    return {
      GITHUB_EVENT_NAME: pr ? 'pull_request' : 'push',
      GITHUB_EVENT_PATH: join(root, pr ? 'pr-event.json' : 'push-event.json'),
      GITHUB_API_URL: fake.url,
      GITHUB_REPOSITORY: 'octo/canary',
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_REF: pr ? 'refs/pull/7/merge' : 'refs/heads/main',
    };
  }

  async function runScenario(scenario: Scenario): Promise<ActionProcessResult> {
    scenario.setup?.(emulator.current);
    const inputs = {
      mode: scenario.mode,
      path: 'coc-scripts',
      endpoint: emulator.current.url,
      'iam-endpoint': emulator.current.url,
      'github-token': CANARY.githubToken,
      ...authInputs(scenario.auth),
    };
    const env = {
      ACTIONS_STEP_DEBUG: 'true',
      RUNNER_DEBUG: '1',
      CANARY_API_KEY: CANARY.envValue,
      ...githubEnv(scenario.mode),
      ...authEnv(scenario.auth),
      ...scenario.env,
    };
    return runActionProcess(inputs, { cwd: join(root, scenario.folder), env });
  }

  it.each(SCENARIOS)('$name: no canary in any output', async (scenario) => {
    const commentsBefore = fake.requests.length;
    const result = await runScenario(scenario);
    expect(scenario.reasons, `${result.stdout}\n${result.stderr}`).toContain(
      result.outputs['failure-reason'] ?? '',
    );
    const planFile = result.outputs['plan-file'];
    const githubBodies = fake.requests
      .slice(commentsBefore)
      .map((request) => JSON.stringify(request.body ?? ''));
    const channels: Record<string, string> = {
      stdout: stdoutWithoutMaskCommands(result.stdout),
      stderr: result.stderr,
      summary: result.summary,
      outputs: JSON.stringify(result.outputs),
      'github request bodies': githubBodies.join('\n'),
      'github comments': JSON.stringify([fake.comments, fake.issues]),
      ...(await filesUnder(result.tempDir, 'RUNNER_TEMP')),
    };
    if (planFile && !planFile.startsWith(result.tempDir)) channels['plan-file'] = await readText(planFile);
    await rm(result.tempDir, { recursive: true, force: true });
    expect(describeLeaks(findLeaks(channels, CANARY))).toBe('');
    // Controls: the search does find what is printed, and debug output was really on.
    expect(findLeaks(channels, { control: 'canary_' }).length).toBeGreaterThan(0);
    if (scenario.mode !== 'validate') expect(result.stdout).toContain('::debug::');
  });

  it('posts the sticky comment in the pull request scenario (the comment channel is exercised)', async () => {
    const scenario = SCENARIOS[1];
    if (!scenario) throw new Error('missing scenario');
    const result = await runScenario(scenario);
    await rm(result.tempDir, { recursive: true, force: true });
    expect(result.code).toBe(0);
    expect(fake.comments.some((comment) => comment.issue === 7 && comment.body.includes('canary_app'))).toBe(
      true,
    );
  });

  it.each([
    ['token', 'token' as const, [CANARY.token, CANARY.githubToken]],
    ['AK/SK', 'aksk' as const, [CANARY.secretKey, CANARY.securityToken]],
  ])('registers the %s secrets and sensitive values with ::add-mask::', async (_label, auth, secrets) => {
    const scenario: Scenario = { name: 'plan', mode: 'plan', auth, folder: 'good', reasons: [''] };
    const result = await runScenario(scenario);
    await rm(result.tempDir, { recursive: true, force: true });
    expect(maskedValues(result.stdout)).toEqual(
      expect.arrayContaining([...secrets, CANARY.envValue, CANARY.literalValue]),
    );
  });
});

function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}
