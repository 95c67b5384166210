import { describe, expect, it } from 'vitest';
import { SyncError } from '../../src/errors.js';
import type { InputName } from '../../src/config/names.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';

type Values = Partial<Record<InputName, string>>;

function parse(values: Values, env: Record<string, string | undefined> = {}) {
  return parseConfig(rawInputsFrom(values, env));
}

function failure(values: Values, env: Record<string, string | undefined> = {}): SyncError {
  try {
    parse(values, env);
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error('parseConfig accepted invalid inputs');
}

describe('parseConfig defaults', () => {
  it('fills every default of action.yml', () => {
    const config = parse({});
    expect(config).toEqual({
      path: 'coc-scripts',
      mode: 'plan',
      auth: {},
      prune: [],
      maxDeletes: 5,
      syncSensitive: 'changed',
      failOnDrift: false,
      concurrency: 8,
      timeoutSeconds: 30,
      comment: true,
      language: 'en-us',
      driftIssue: false,
      allowInsecureEndpoint: false,
      allowOutside: false,
      workingDirectory: process.cwd(),
      workspace: process.cwd(),
      ownership: 'tag',
      checkContent: 'syntax',
      env: {},
      surface: 'action',
      withoutCredentials: 'fail',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every input', () => {
    const hash = 'a'.repeat(64);
    const config = parse({
      path: ' scripts/coc ',
      mode: 'apply',
      region: 'cn-north-4',
      endpoint: 'https://coc.example.com/',
      'iam-endpoint': 'http://127.0.0.1:8080',
      'project-id': 'p1',
      'domain-id': 'd1',
      'auth-token': 'tok',
      prune: 'app_*\n ops_*, ,\n\nlegacy_?',
      'max-deletes': '0',
      'sync-sensitive': 'always',
      'fail-on-drift': 'TRUE',
      concurrency: '64',
      'timeout-seconds': '600',
      'github-token': 'ghs_x',
      comment: 'False',
      language: 'zh-CN',
      'enterprise-project-id': 'ep-1',
      'expected-plan-hash': `SHA256:${hash.toUpperCase()}`,
      'drift-issue': 'true',
      owner: 'octo/ops:scripts',
      ownership: 'name',
      'check-content': 'shellcheck',
    });
    expect(config).toMatchObject({
      path: 'scripts/coc',
      mode: 'apply',
      region: 'cn-north-4',
      endpoint: 'https://coc.example.com',
      iamEndpoint: 'http://127.0.0.1:8080',
      projectId: 'p1',
      domainId: 'd1',
      auth: { authToken: 'tok' },
      prune: ['app_*', 'ops_*', 'legacy_?'],
      maxDeletes: 0,
      syncSensitive: 'always',
      failOnDrift: true,
      concurrency: 64,
      timeoutSeconds: 600,
      githubToken: 'ghs_x',
      comment: false,
      language: 'zh-cn',
      enterpriseProjectId: 'ep-1',
      expectedPlanHash: `sha256:${hash}`,
      driftIssue: true,
      owner: 'octo/ops:scripts',
      ownership: 'name',
      checkContent: 'shellcheck',
    });
  });

  it('accepts a bare hex plan hash and keeps the password verbatim', () => {
    const config = parse({
      'expected-plan-hash': 'b'.repeat(64),
      'iam-username': 'ops',
      'iam-password': '  spaced secret ',
    });
    expect(config.expectedPlanHash).toBe(`sha256:${'b'.repeat(64)}`);
    expect(config.auth).toEqual({ iamUsername: 'ops', iamPassword: '  spaced secret ' });
  });
});

describe('owner and ownership', () => {
  it.each([
    { name: 'repository and path', repo: 'octo/ops', path: 'coc-scripts', owner: 'octo/ops:coc-scripts' },
    { name: 'path spelled with ./ and /', repo: 'octo/ops', path: './ops/coc//', owner: 'octo/ops:ops/coc' },
    {
      name: 'characters a tag value cannot hold',
      repo: 'octo/ops',
      path: 'a#b(1)',
      owner: 'octo/ops:a_b_1_',
    },
    { name: 'the repository root', repo: 'octo/ops', path: '.', owner: 'octo/ops:.' },
  ])('derives the default owner from GITHUB_REPOSITORY and path: $name', ({ repo, path, owner }) => {
    expect(parse({ path }, { GITHUB_REPOSITORY: repo }).owner).toBe(owner);
  });

  it('cuts a long default owner to the 255 characters of a tag value', () => {
    const owner = parse({ path: 'p'.repeat(300) }, { GITHUB_REPOSITORY: 'octo/ops' }).owner ?? '';
    expect(Array.from(owner)).toHaveLength(255);
    expect(owner.startsWith('octo/ops:ppp')).toBe(true);
  });

  it('takes an explicit owner over the default, and has none without a repository', () => {
    expect(parse({ owner: 'team-a' }, { GITHUB_REPOSITORY: 'octo/ops' }).owner).toBe('team-a');
    expect(parse({}).owner).toBeUndefined();
  });

  it('rejects an owner that is not a valid tag value, naming the character', () => {
    expect(failure({ owner: 'ops#1' }).message).toBe(
      "Input 'owner' is the value of the ownership tag and contains '#'; use only letters, digits, space and _ . : / = + - @; got 'ops#1'",
    );
    expect(failure({ owner: 'x'.repeat(256) }).message).toContain('is too long: 256 characters, at most 255');
  });

  it('requires an owner to prune by tag, but not by name and not to validate', () => {
    expect(failure({ prune: 'ops_*' }).message).toMatch(
      /^Input 'owner' is required to prune with 'ownership: tag'/,
    );
    expect(parse({ prune: 'ops_*', ownership: 'name' }).ownership).toBe('name');
    expect(parse({ prune: 'ops_*', mode: 'validate' }).owner).toBeUndefined();
    // The CLI's --target turns prune off, so no owner value is needed then either.
    const targeted = parseConfig(rawInputsFrom({ prune: 'ops_*' }, {}), { surface: 'cli', targets: ['a'] });
    expect([targeted.owner, targeted.targets]).toEqual([undefined, ['a']]);
    expect(parse({ prune: 'ops_*' }, { GITHUB_REPOSITORY: 'octo/ops' }).owner).toBe('octo/ops:coc-scripts');
  });

  it('rejects an unknown ownership value with the allowed ones', () => {
    expect(failure({ ownership: 'tags' }).message).toBe(
      "Input 'ownership' must be one of tag, name; got 'tags'",
    );
  });
});

describe('parseConfig rejects bad values, naming the input and what it accepts', () => {
  it.each([
    {
      input: 'mode',
      value: 'aply',
      message: "Input 'mode' must be one of validate, plan, apply; got 'aply'",
    },
    {
      input: 'mode',
      value: 'Plan',
      message: "Input 'mode' must be one of validate, plan, apply; got 'Plan'",
    },
    {
      input: 'sync-sensitive',
      value: 'never',
      message: "Input 'sync-sensitive' must be one of changed, always; got 'never'",
    },
    {
      input: 'language',
      value: 'fr-fr',
      message: "Input 'language' must be one of en-us, zh-cn; got 'fr-fr'",
    },
    {
      input: 'fail-on-drift',
      value: 'yes',
      message:
        "Input 'fail-on-drift' must be a boolean: true or false (also True/False/TRUE/FALSE); got 'yes'",
    },
    { input: 'comment', value: '1', message: "Input 'comment' must be a boolean: true or false" },
    { input: 'drift-issue', value: 'tRUE', message: "Input 'drift-issue' must be a boolean: true or false" },
    {
      input: 'check-content',
      value: 'lint',
      message: "Input 'check-content' must be one of syntax, shellcheck, off; got 'lint'",
    },
    {
      input: 'max-deletes',
      value: '-1',
      message: "Input 'max-deletes' must be a whole number ≥ 0; got '-1'",
    },
    {
      input: 'max-deletes',
      value: '2.5',
      message: "Input 'max-deletes' must be a whole number ≥ 0; got '2.5'",
    },
    {
      input: 'max-deletes',
      value: 'many',
      message: "Input 'max-deletes' must be a whole number ≥ 0; got 'many'",
    },
    {
      input: 'concurrency',
      value: '0',
      message: "Input 'concurrency' must be a whole number from 1 to 64; got '0'",
    },
    {
      input: 'concurrency',
      value: '65',
      message: "Input 'concurrency' must be a whole number from 1 to 64; got '65'",
    },
    {
      input: 'concurrency',
      value: '1e1',
      message: "Input 'concurrency' must be a whole number from 1 to 64; got '1e1'",
    },
    {
      input: 'timeout-seconds',
      value: '601',
      message: "Input 'timeout-seconds' must be a whole number from 1 to 600; got '601'",
    },
    {
      input: 'timeout-seconds',
      value: '0',
      message: "Input 'timeout-seconds' must be a whole number from 1 to 600",
    },
    {
      input: 'endpoint',
      value: 'coc.example.com',
      message: "Input 'endpoint' must be an http:// or https:// URL; got 'coc.example.com'",
    },
    {
      input: 'iam-endpoint',
      value: 'ftp://iam',
      message: "Input 'iam-endpoint' must be an http:// or https:// URL; got 'ftp://iam'",
    },
    {
      input: 'expected-plan-hash',
      value: 'sha256:abc',
      message: "Input 'expected-plan-hash' must be a plan hash: 'sha256:' followed by 64 hex digits",
    },
  ] as const)('$input: $value', ({ input, value, message }) => {
    const error = failure({ [input]: value });
    expect(error.reason).toBe('validation');
    expect(error.message).toContain(message);
    expect(error.diagnostics).toEqual([
      { severity: 'error', message: expect.stringContaining(message) as unknown },
    ]);
  });

  it('reports every bad input in one error', () => {
    const error = failure({ mode: 'aply', concurrency: '0', comment: 'maybe', 'access-key': 'AK' });
    expect(error.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining("Input 'mode'") as unknown,
      expect.stringContaining("Input 'concurrency'") as unknown,
      expect.stringContaining("Input 'comment'") as unknown,
      expect.stringContaining("'access-key' and 'secret-key'") as unknown,
    ]);
    expect(error.message).toMatch(/^4 inputs are invalid:\n- Input 'mode'/u);
  });
});

describe('parseConfig credential inputs', () => {
  it.each([
    {
      name: 'access-key without secret-key',
      values: { 'access-key': 'AK' },
      env: {},
      message:
        "Inputs 'access-key' and 'secret-key' (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK) must be set together; only 'access-key' is set",
    },
    {
      name: 'secret-key without access-key',
      values: { 'secret-key': 'SK' },
      env: {},
      message: "must be set together; only 'secret-key' is set",
    },
    {
      name: 'HUAWEICLOUD_SDK_AK without a secret',
      values: {},
      env: { HUAWEICLOUD_SDK_AK: 'AK' },
      message: "only 'access-key' is set",
    },
    {
      name: 'security-token without AK/SK',
      values: { 'security-token': 'ST' },
      env: {},
      message:
        "Input 'security-token' (or HUAWEICLOUD_SDK_SECURITY_TOKEN) needs 'access-key' and 'secret-key'",
    },
    {
      name: 'iam-username without iam-password',
      values: { 'iam-username': 'ops' },
      env: {},
      message: "Inputs 'iam-username' and 'iam-password' must be set together; only 'iam-username' is set",
    },
    {
      name: 'iam-password without iam-username',
      values: { 'iam-password': 'pw' },
      env: {},
      message: "only 'iam-password' is set",
    },
    {
      name: 'oidc-audience without idp-id',
      values: { 'oidc-audience': 'sts.example' },
      env: {},
      message: "Input 'oidc-audience' needs 'idp-id' (or HUAWEICLOUD_SDK_IDP_ID)",
    },
    {
      name: 'a COC endpoint variable that is not a URL',
      values: { region: 'cn-north-4' },
      env: { HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: 'https://' },
      message:
        'Environment variable HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4 must be an http:// or https:// URL',
    },
  ])('rejects $name, naming both sides', ({ values, env, message }) => {
    const error = failure(values, env);
    expect(error.reason).toBe('validation');
    expect(error.message).toContain(message);
  });

  it.each([
    { name: 'no credentials at all', values: {}, env: {}, auth: {} },
    { name: 'a token', values: { 'auth-token': 'tok' }, env: {}, auth: { authToken: 'tok' } },
    {
      name: 'AK/SK with a security token',
      values: { 'access-key': 'AK', 'secret-key': 'SK', 'security-token': 'ST' },
      env: {},
      auth: { accessKey: 'AK', secretKey: 'SK', securityToken: 'ST' },
    },
    {
      name: 'keyless with an audience',
      values: { 'idp-id': 'idp', 'oidc-audience': 'aud' },
      env: {},
      auth: { idpId: 'idp', oidcAudience: 'aud' },
    },
    {
      name: 'a pair split between input and env',
      values: { 'access-key': 'AK' },
      env: { HUAWEICLOUD_SDK_SK: 'SK' },
      auth: { accessKey: 'AK', secretKey: 'SK' },
    },
    {
      name: 'several methods (auth/credentials.ts decides)',
      values: { 'auth-token': 'tok', 'access-key': 'AK', 'secret-key': 'SK' },
      env: {},
      auth: { authToken: 'tok', accessKey: 'AK', secretKey: 'SK' },
    },
  ])('accepts $name', ({ values, env, auth }) => {
    expect(parse(values, env).auth).toEqual(auth);
  });
});

describe('parseConfig SDK environment fallbacks (docs/coc-api.md §8.5)', () => {
  const sdkEnv = {
    HUAWEICLOUD_SDK_AK: 'env-ak',
    HUAWEICLOUD_SDK_SK: 'env-sk',
    HUAWEICLOUD_SDK_SECURITY_TOKEN: 'env-st',
    HUAWEICLOUD_SDK_PROJECT_ID: 'env-project',
    HUAWEICLOUD_SDK_DOMAIN_ID: 'env-domain',
    HUAWEICLOUD_SDK_IDP_ID: 'env-idp',
    HUAWEICLOUD_SDK_ID_TOKEN_FILE: '/tmp/token.jwt',
    HUAWEICLOUD_SDK_IAM_ENDPOINT: 'iam.example.com',
    HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-3',
    HUAWEICLOUD_SDK_REGION_COC_AP_SOUTHEAST_3: 'https://coc-env.example.com, https://second.example.com',
    HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: 'https://coc-cn.example.com',
  };

  it('fills empty inputs from the SDK variables', () => {
    const config = parse({}, sdkEnv);
    expect(config).toMatchObject({
      region: 'ap-southeast-3',
      endpoint: 'https://coc-env.example.com',
      iamEndpoint: 'https://iam.example.com',
      projectId: 'env-project',
      domainId: 'env-domain',
      auth: {
        accessKey: 'env-ak',
        secretKey: 'env-sk',
        securityToken: 'env-st',
        idpId: 'env-idp',
        idTokenFile: '/tmp/token.jwt',
      },
    });
    expect(config.env).toEqual(sdkEnv);
  });

  it.each([
    {
      name: 'region (and the endpoint variable it selects)',
      values: { region: 'cn-north-4' },
      field: 'endpoint',
      expected: 'https://coc-cn.example.com',
    },
    {
      name: 'endpoint',
      values: { endpoint: 'https://input.example.com' },
      field: 'endpoint',
      expected: 'https://input.example.com',
    },
    {
      name: 'iam-endpoint',
      values: { 'iam-endpoint': 'https://iam.input' },
      field: 'iamEndpoint',
      expected: 'https://iam.input',
    },
    {
      name: 'project-id',
      values: { 'project-id': 'in-project' },
      field: 'projectId',
      expected: 'in-project',
    },
    { name: 'domain-id', values: { 'domain-id': 'in-domain' }, field: 'domainId', expected: 'in-domain' },
  ] as const)('an explicit $name wins over the environment', ({ values, field, expected }) => {
    expect(parse(values, sdkEnv)[field]).toBe(expected);
  });

  it.each([
    {
      name: 'access-key',
      values: { 'access-key': 'in-ak', 'secret-key': 'in-sk' },
      expected: { accessKey: 'in-ak', secretKey: 'in-sk' },
    },
    { name: 'security-token', values: { 'security-token': 'in-st' }, expected: { securityToken: 'in-st' } },
    { name: 'idp-id', values: { 'idp-id': 'in-idp' }, expected: { idpId: 'in-idp' } },
  ])('an explicit $name wins over the environment', ({ values, expected }) => {
    expect(parse(values, sdkEnv).auth).toMatchObject(expected);
  });

  it('ignores blank environment variables', () => {
    expect(parse({}, { HUAWEICLOUD_SDK_AK: ' ', HUAWEICLOUD_SDK_SK: '' }).auth).toEqual({});
  });
});
