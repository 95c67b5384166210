/** Every action input name, once. The CLI uses the same names as `--kebab-case` flags. */
export const INPUT = {
  path: 'path',
  mode: 'mode',
  region: 'region',
  endpoint: 'endpoint',
  iamEndpoint: 'iam-endpoint',
  projectId: 'project-id',
  domainId: 'domain-id',
  authToken: 'auth-token',
  accessKey: 'access-key',
  secretKey: 'secret-key',
  securityToken: 'security-token',
  iamUsername: 'iam-username',
  iamPassword: 'iam-password',
  iamDomainName: 'iam-domain-name',
  idpId: 'idp-id',
  oidcAudience: 'oidc-audience',
  prune: 'prune',
  maxDeletes: 'max-deletes',
  syncSensitive: 'sync-sensitive',
  failOnDrift: 'fail-on-drift',
  concurrency: 'concurrency',
  timeoutSeconds: 'timeout-seconds',
  githubToken: 'github-token',
  comment: 'comment',
  language: 'language',
  enterpriseProjectId: 'enterprise-project-id',
  expectedPlanHash: 'expected-plan-hash',
  driftIssue: 'drift-issue',
  owner: 'owner',
  ownership: 'ownership',
  checkContent: 'check-content',
  allowInsecureEndpoint: 'allow-insecure-endpoint',
} as const;
export type InputName = (typeof INPUT)[keyof typeof INPUT];

/** Every action output name, once. */
export const OUTPUT = {
  hasChanges: 'has-changes',
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  unchanged: 'unchanged',
  failed: 'failed',
  reviewerResets: 'reviewer-resets',
  planFile: 'plan-file',
  planHash: 'plan-hash',
  failureReason: 'failure-reason',
} as const;
export type OutputName = (typeof OUTPUT)[keyof typeof OUTPUT];

/** Which front end a run speaks through: messages name action inputs, or CLI flags and variables. */
export type Surface = 'action' | 'cli';
