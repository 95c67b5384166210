/**
 * The flags each CLI command accepts. Input flags are the action's input names (config/names.ts)
 * so a workflow's `with:` block and a terminal command read the same.
 */
import { INPUT, type InputName } from '../config/names.js';

export const COMMANDS = ['validate', 'plan', 'apply', 'export'] as const;

/** Words that are not commands but are accepted first: `help [command]`. */
export const HELP_COMMAND = 'help';
export type Command = (typeof COMMANDS)[number];

/**
 * `boolean` flags take no separate value (`--x` or `--x=false`); `list` flags may repeat and take
 * comma lists (commas inside braces belong to the glob: `a_{x,y}`).
 */
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
  kind:
    name === INPUT.failOnDrift || name === INPUT.allowInsecureEndpoint
      ? 'boolean'
      : name === INPUT.prune
        ? 'list'
        : 'string',
  help,
  placeholder,
});

const PATH_FLAG = input(INPUT.path, 'folder of definitions (default: coc-scripts)', 'dir');
const CHECK_FLAG = input(
  INPUT.checkContent,
  'script bodies: syntax | shellcheck | off (default syntax)',
  'level',
);
/** Not an input: the action always keeps `path` inside the workspace. */
const ALLOW_OUTSIDE_FLAG: FlagSpec = {
  name: 'allow-outside',
  kind: 'boolean',
  help: 'let --path lie outside the current directory',
};

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
  input(INPUT.allowInsecureEndpoint, 'allow an http:// endpoint that is not loopback (credentials in clear)'),
];

/** `--target`: CLI only (not an action input). */
export const TARGET_FLAG = 'target';
/** `--auto-approve`: CLI only; apply without asking. */
export const AUTO_APPROVE_FLAG = 'auto-approve';

/** Inputs and flags that shape a plan (plan and apply alike). */
const SYNC_FLAGS: readonly FlagSpec[] = [
  {
    name: TARGET_FLAG,
    kind: 'list',
    help: 'only these scripts, by name or glob (comma list; repeatable); prune is off',
    placeholder: 'name',
  },
  input(INPUT.prune, 'globs of remote names this folder owns (comma list; repeatable)', 'globs'),
  input(INPUT.maxDeletes, 'deletion guard (default 5)', 'n'),
  input(INPUT.syncSensitive, 'changed | always', 'when'),
  input(INPUT.owner, 'ownership tag value (default: <git remote repo>:<path>)', 'value'),
  input(INPUT.ownership, 'tag | name: how prune decides what this folder owns (default tag)', 'how'),
];

/** Flags of `plan` only. */
const PLAN_ONLY_FLAGS: readonly FlagSpec[] = [
  input(INPUT.failOnDrift, 'treat pending changes as a failure (exit code stays 2)'),
];

/** Flags of `apply` only. */
const APPLY_ONLY_FLAGS: readonly FlagSpec[] = [
  { name: AUTO_APPROVE_FLAG, kind: 'boolean', help: 'apply without asking (needed without a terminal)' },
  input(INPUT.expectedPlanHash, 'apply only if the fresh plan has this hash', 'hash'),
];

/** Output flags of every command that talks to COC. */
const OUTPUT_FLAGS: readonly FlagSpec[] = [
  {
    name: 'json',
    kind: 'boolean',
    help: 'print machine-readable JSON on stdout (schema/cli-output.schema.json)',
  },
  { name: 'no-color', kind: 'boolean', help: 'no colours (also: env NO_COLOR)' },
  { name: 'verbose', kind: 'boolean', help: 'also print unchanged scripts and log lines' },
  { name: 'debug', kind: 'boolean', help: 'also print HTTP traces (secrets redacted)' },
  { name: 'help', kind: 'boolean', help: 'show this help' },
];

/** validate reads files only: no HTTP traces, no unchanged scripts to list. */
const VALIDATE_OUTPUT_FLAGS: readonly FlagSpec[] = OUTPUT_FLAGS.filter(
  (flag) => flag.name !== 'debug' && flag.name !== 'verbose',
);

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

/**
 * The flags one command accepts, in help order: only flags that change what the command does,
 * so a flag that would be silently ignored is an error instead.
 */
export function flagsFor(command: Command): readonly FlagSpec[] {
  switch (command) {
    case 'validate':
      return [PATH_FLAG, CHECK_FLAG, ALLOW_OUTSIDE_FLAG, ...VALIDATE_OUTPUT_FLAGS];
    case 'plan':
      return [
        PATH_FLAG,
        CHECK_FLAG,
        ALLOW_OUTSIDE_FLAG,
        ...SYNC_FLAGS,
        ...PLAN_ONLY_FLAGS,
        ...CONNECTION_FLAGS,
        ...OUTPUT_FLAGS,
      ];
    case 'apply':
      return [
        PATH_FLAG,
        CHECK_FLAG,
        ALLOW_OUTSIDE_FLAG,
        ...SYNC_FLAGS,
        ...APPLY_ONLY_FLAGS,
        ...CONNECTION_FLAGS,
        ...OUTPUT_FLAGS,
      ];
    case 'export':
      return [...EXPORT_FLAGS, PATH_FLAG, ...CONNECTION_FLAGS, ...OUTPUT_FLAGS];
  }
}

/** Names of the flags that are action inputs (passed on to config/inputs.ts). */
export function isInputFlag(name: string): name is InputName {
  return (Object.values(INPUT) as string[]).includes(name);
}
