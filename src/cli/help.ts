/** `--help` texts: one per command plus the top-level overview. */
import { flagsFor, type Command, type FlagSpec } from './flags.js';

const SUMMARIES: Record<Command, string> = {
  validate: 'Check the definition files offline (no credentials, no network).',
  plan: 'Show what apply would change. Read-only.',
  apply: 'Show the plan, ask, then create, update and delete remote scripts to match.',
  export: 'Write YAML definitions (and content files) for existing remote scripts.',
};

const EXIT_CODES: Record<Command, string> = {
  validate: '0 valid, 1 invalid definitions or usage error',
  plan: '0 no changes, 2 changes pending, 1 error (also: more deletions than --max-deletes, which apply would refuse)',
  apply:
    '0 applied (or nothing to do), 1 error, a failed item, a blocked item (everything else applied) or Ctrl-C (no new write starts; the writes made are listed)',
  export: '0 files written, 1 error (nothing is written when any target exists, unless --force)',
};

const EXAMPLES: Record<Command, readonly string[]> = {
  validate: ['coc-script-sync validate --path coc-scripts'],
  plan: [
    'export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=...',
    'coc-script-sync plan --region cn-north-4 --project-id 0a1b2c... --prune "ops_*"',
  ],
  apply: [
    'coc-script-sync apply --region cn-north-4 --project-id 0a1b2c...            # asks first',
    'coc-script-sync apply --target backup_db --region cn-north-4 --project-id 0a1b2c...',
    'coc-script-sync apply --auto-approve --expected-plan-hash sha256:... --region cn-north-4 --project-id 0a1b2c...',
  ],
  export: [
    'coc-script-sync export --region cn-north-4 --project-id 0a1b2c... --name-glob "backup_*" --out coc-scripts',
    'coc-script-sync export --region cn-north-4 --project-id 0a1b2c... --uuid SC2023110211155901a700000',
  ],
};

/** What a command does beyond its summary, when that needs saying. */
const DETAILS: Partial<Record<Command, string>> = {
  plan: `--target limits the plan to the named scripts (globs allowed, e.g. --target 'backup_*');
prune is off while targeting.
`,
  apply: `On a terminal, apply shows the plan and asks "Apply these changes? (yes/no)"; only "yes"
applies, and exactly the plan shown (it refuses with plan-changed if COC changed meanwhile).
Without a terminal (CI, pipes) it refuses unless --auto-approve is given.
--target limits the run to the named scripts (globs allowed); prune is off while targeting.
`,
};

const CREDENTIALS = `Credentials (exactly one method):
  --auth-token or env COC_SCRIPT_SYNC_AUTH_TOKEN      an IAM token
  env HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK [/ HUAWEICLOUD_SDK_SECURITY_TOKEN]
                                                      AK/SK signing (or the --access-key flags)
  --iam-username, --iam-password, --iam-domain-name   IAM password token exchange
  --idp-id, --oidc-audience (+ HUAWEICLOUD_SDK_ID_TOKEN_FILE)  OIDC federation
  HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_DOMAIN_ID, HUAWEICLOUD_SDK_REGION_ID are read too.
`;

function flagLine(spec: FlagSpec): string {
  const usage =
    spec.kind === 'boolean' ? `--${spec.name}` : `--${spec.name} <${spec.placeholder ?? 'value'}>`;
  return `  ${usage.padEnd(34)} ${spec.help}\n`;
}

/** Help for one command: usage, flags, credentials (when it connects), exit codes, examples. */
export function commandHelp(command: Command): string {
  const flags = flagsFor(command).map(flagLine).join('');
  const credentials = command === 'validate' ? '' : `\n${CREDENTIALS}`;
  const examples = EXAMPLES[command].map((example) => `  ${example}\n`).join('');
  const details = DETAILS[command] === undefined ? '' : `\n${DETAILS[command]}`;
  return (
    `Usage: coc-script-sync ${command} [flags]\n\n${SUMMARIES[command]}\n${details}\nFlags:\n${flags}${credentials}` +
    `\nExit codes: ${EXIT_CODES[command]}\n\nExamples:\n${examples}`
  );
}

/** The overview printed by `coc-script-sync --help` or with no arguments. */
export function generalHelp(): string {
  const commands = (Object.keys(SUMMARIES) as Command[])
    .map((command) => `  ${command.padEnd(10)} ${SUMMARIES[command]}\n`)
    .join('');
  return (
    'Usage: coc-script-sync <command> [flags]\n\n' +
    'Keep Huawei Cloud COC custom scripts in sync with a folder of YAML definitions.\n\n' +
    `Commands:\n${commands}` +
    '  help       Show this help, or the help of one command: help <command>.\n\n' +
    'Flags are the GitHub Action inputs as --kebab-case (e.g. --max-deletes 3, --fail-on-drift).\n' +
    'Run `coc-script-sync help <command>` (or `<command> --help`) for the flags of one command.\n' +
    '`coc-script-sync --version` prints the version.\n\n' +
    'Exit codes: 0 success / no changes, 2 changes pending (plan), 1 error.\n'
  );
}
