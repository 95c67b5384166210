/**
 * The flags each CLI command accepts. Input flags are the action's input names (config/names.ts)
 * so a workflow's `with:` block and a terminal command read the same.
 */
import { INPUT, type InputName } from '../config/names.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'export'] as const;
export type Command = (typeof COMMANDS)[number];

/** `boolean` flags take no separate value (`--x` or `--x=false`); `list` flags may repeat. */
export type FlagKind = 'string' | 'boolean' | 'list';

export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagKind;
  readonly help: string;
  /** Shown in help as `--name <placeholder>`. */
  readonly placeholder?: string;
}

const input = (name: InputName, help: string, placeholder = 'value'): FlagSpec => ({
  name,
  kind: name === INPUT.failOnDrift ? 'boolean' : name === INPUT.prune ? 'list' : 'string',
  help,
  placeholder,
});

const PATH_FLAG = input(INPUT.path, 'folder of definitions (default: coc-scripts)', 'dir');

/** Inputs that say where and as whom to connect; every command that talks to COC takes them. */
const CONNECTION_FLAGS: readonly FlagSpec[] = [
  input(INPUT.region, 'region id, e.g. cn-north-4; derives the endpoints', 'id'),
  input(INPUT.endpoint, 'COC base URL override', 'url'),
  input(INPUT.iamEndpoint, 'IAM base URL override', 'url'),
  input(INPUT.projectId, 'project id (X-Project-Id)', 'id'),
  input(INPUT.domainId, 'account id (X-Domain-Id) for account AK/SK', 'id'),
  input(INPUT.authToken, 'IAM token (or env COC_SCRIPT_SYNC_AUTH_TOKEN)', 'token'),
  input(INPUT.accessKey, 'access key id (prefer env HUAWEICLOUD_SDK_AK)', 'ak'),
  input(INPUT.secretKey, 'secret key (prefer env HUAWEICLOUD_SDK_SK)', 'sk'),
  input(INPUT.securityToken, 'security token of temporary AK/SK', 'token'),
  input(INPUT.iamUsername, 'IAM user for a password token exchange', 'name'),
  input(INPUT.iamPassword, 'IAM password for a password token exchange', 'password'),
  input(INPUT.iamDomainName, 'account name of the IAM user', 'name'),
  input(INPUT.idpId, 'IAM identity provider id (OIDC)', 'id'),
  input(INPUT.oidcAudience, 'OIDC audience', 'audience'),
  input(INPUT.concurrency, 'parallel API requests (default 8)', 'n'),
  input(INPUT.timeoutSeconds, 'per-request timeout in seconds (default 30)', 'n'),
  input(INPUT.language, 'language of API error messages: en-us | zh-cn', 'lang'),
  input(
    INPUT.enterpriseProjectId,
    'enterprise project to list and create in (unset: list all, create in 0)',
    'id',
  ),
];

/** Inputs that shape a plan. */
const SYNC_FLAGS: readonly FlagSpec[] = [
  input(INPUT.prune, 'globs of remote names this folder owns (comma list; repeatable)', 'globs'),
  input(INPUT.maxDeletes, 'deletion guard (default 5)', 'n'),
  input(INPUT.syncSensitive, 'changed | always', 'when'),
  input(INPUT.failOnDrift, 'plan: treat pending changes as a failure (exit code stays 2)'),
  input(INPUT.expectedPlanHash, 'apply only if the fresh plan has this hash', 'hash'),
];

/** Flags every command takes. */
export const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'json', kind: 'boolean', help: 'print machine-readable JSON on stdout' },
  { name: 'no-color', kind: 'boolean', help: 'no colours (also: env NO_COLOR)' },
  { name: 'verbose', kind: 'boolean', help: 'also print unchanged scripts and log lines' },
  { name: 'debug', kind: 'boolean', help: 'also print HTTP traces (secrets redacted)' },
  { name: 'help', kind: 'boolean', help: 'show this help' },
];

const EXPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'uuid', kind: 'list', help: 'script uuid to export (comma list; repeatable)', placeholder: 'uuid' },
  {
    name: 'name-glob',
    kind: 'list',
    help: 'export every script whose name matches (picomatch; repeatable)',
    placeholder: 'glob',
  },
  { name: 'out', kind: 'string', help: 'output folder (default: --path)', placeholder: 'dir' },
  { name: 'force', kind: 'boolean', help: 'overwrite existing files' },
  { name: 'schema-url', kind: 'string', help: 'URL in the yaml-language-server line', placeholder: 'url' },
];

/** Action inputs that only make sense on a runner; the CLI names the reason instead of "unknown". */
export const RUNNER_ONLY_INPUTS: Readonly<Record<string, string>> = {
  [INPUT.mode]: 'the command (validate, plan, apply) is the mode',
  [INPUT.githubToken]: 'pull request comments and issues are made by the GitHub Action only',
  [INPUT.comment]: 'pull request comments are made by the GitHub Action only',
  [INPUT.driftIssue]: 'drift issues are opened by the GitHub Action only',
};

/** The flags one command accepts, in help order. */
export function flagsFor(command: Command): readonly FlagSpec[] {
  switch (command) {
    case 'validate':
      return [PATH_FLAG, ...COMMON_FLAGS];
    case 'plan':
    case 'apply':
      return [PATH_FLAG, ...SYNC_FLAGS, ...CONNECTION_FLAGS, ...COMMON_FLAGS];
    case 'export':
      return [...EXPORT_FLAGS, PATH_FLAG, ...CONNECTION_FLAGS, ...COMMON_FLAGS];
  }
}

/** Names of the flags that are action inputs (passed on to config/inputs.ts). */
export function isInputFlag(name: string): name is InputName {
  return (Object.values(INPUT) as string[]).includes(name);
}
