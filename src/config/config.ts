/** The typed, validated configuration every stage reads. Built once by parseConfig(). */
import { z } from 'zod';
import { explainTagValue } from '../common/tags.js';
import { INPUT, type InputName, type Surface } from './names.js';
import { inputSubject } from './words.js';

export const MODES = ['validate', 'plan', 'apply'] as const;
export type Mode = (typeof MODES)[number];

export const SYNC_SENSITIVE = ['changed', 'always'] as const;
export type SyncSensitive = (typeof SYNC_SENSITIVE)[number];

/** How prune decides what this folder owns: the ownership tag, or the name globs alone. */
export const OWNERSHIPS = ['tag', 'name'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
/** How far script bodies are checked before anything is sent (check/ stage). */
export const CHECK_CONTENT = ['syntax', 'shellcheck', 'off'] as const;
export type CheckContent = (typeof CHECK_CONTENT)[number];

export const LANGUAGES = ['en-us', 'zh-cn'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Raw credential material as given; auth/credentials.ts decides which method applies. */
export interface AuthInputs {
  readonly authToken?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly iamUsername?: string;
  readonly iamPassword?: string;
  readonly iamDomainName?: string;
  readonly idpId?: string;
  readonly oidcAudience?: string;
  /** From HUAWEICLOUD_SDK_ID_TOKEN_FILE: a file holding an OIDC JWT. */
  readonly idTokenFile?: string;
}

export interface Config {
  /** Folder of definitions, as given (relative to the working directory). */
  readonly path: string;
  readonly mode: Mode;
  readonly region?: string;
  readonly endpoint?: string;
  readonly iamEndpoint?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly auth: AuthInputs;
  /** Globs of remote script names this folder owns (empty = no pruning). */
  readonly prune: readonly string[];
  readonly maxDeletes: number;
  readonly syncSensitive: SyncSensitive;
  readonly failOnDrift: boolean;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly githubToken?: string;
  readonly comment: boolean;
  readonly language: Language;
  /**
   * Sent on list only when set (unset lists every enterprise project); creates use it, or COC's
   * default enterprise project `0` when unset.
   */
  readonly enterpriseProjectId?: string;
  readonly expectedPlanHash?: string;
  readonly driftIssue: boolean;
  /** Allow an `http://` endpoint that is not loopback (credentials would travel in clear). */
  readonly allowInsecureEndpoint: boolean;
  /** CLI `--allow-outside`: `path` may lie outside the workspace (the action never allows it). */
  readonly allowOutside: boolean;
  /** Absolute folder that `path` is resolved against (the process's, or the CLI's, cwd). */
  readonly workingDirectory: string;
  readonly ownership: Ownership;
  /**
   * Value of the ownership tag: the `owner` input, else `<GITHUB_REPOSITORY>:<path>` made to fit
   * the tag value rules. Undefined when neither is known (then no ownership tag is written, and
   * pruning with `ownership: tag` is refused as a configuration error).
   */
  readonly owner?: string;
  readonly checkContent: CheckContent;
  /**
   * Absolute repository root (GITHUB_WORKSPACE on a runner, else the working directory): file
   * paths in diagnostics and annotations are relative to it.
   */
  readonly workspace: string;
  /**
   * CLI `--target`: plan and apply only the definitions whose name matches one of these globs;
   * prune is off while targeting. Not an action input (a workflow runs the whole folder).
   */
  readonly targets?: readonly string[];
  /**
   * Read-only snapshot of the environment taken once by the front end; `value_from_env` values
   * are read from here. The SDK variables are already folded into the fields above.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The front end: messages name action inputs, or CLI flags and environment variables. */
  readonly surface: Surface;
  /**
   * What `plan` does when no credential is available: `validate` only in the action on
   * `pull_request` / `pull_request_target` events (GitHub withholds secrets from forks and
   * Dependabot there); `fail` (with `auth`) on every other event and always in the CLI.
   */
  readonly withoutCredentials: 'validate' | 'fail';
}

// ---------------------------------------------------------------------------------------------
// The zod schema of the raw input strings (docs/architecture.md, inputs). Each input's message names the input and
// what it accepts; parseConfig() in parse.ts adds the SDK environment fallbacks and pair checks.

const BOOLEAN_SPELLINGS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** A trimmed string; '' becomes undefined. */
function textInput() {
  return z.string().transform((raw): string | undefined => (raw.trim() === '' ? undefined : raw.trim()));
}

/** A trimmed string; '' becomes `fallback`. */
function defaultedText(fallback: string) {
  return z.string().transform((raw): string => (raw.trim() === '' ? fallback : raw.trim()));
}

function choiceInput<T extends string>(
  label: string,
  values: readonly T[],
  fallback: T,
  normalize = (v: string) => v,
) {
  return z.string().transform((raw, ctx): T => {
    const value = normalize(raw.trim());
    if (value === '') return fallback;
    const found = values.find((candidate) => candidate === value);
    return found ?? fail(ctx, `${label} must be one of ${values.join(', ')}; got '${raw.trim()}'`);
  });
}

function booleanInput(label: string, fallback: boolean) {
  return z.string().transform((raw, ctx): boolean => {
    const value = raw.trim();
    if (value === '') return fallback;
    const parsed = BOOLEAN_SPELLINGS[value];
    const allowed = 'true or false (also True/False/TRUE/FALSE)';
    return parsed ?? fail(ctx, `${label} must be a boolean: ${allowed}; got '${value}'`);
  });
}

function integerInput(label: string, min: number, max: number, fallback: number) {
  const range =
    max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  return z.string().transform((raw, ctx): number => {
    const value = raw.trim();
    if (value === '') return fallback;
    const parsed = /^\d+$/u.test(value) ? Number(value) : Number.NaN;
    const valid = Number.isSafeInteger(parsed) && parsed >= min && parsed <= max;
    return valid ? parsed : fail(ctx, `${label} must be ${range}; got '${value}'`);
  });
}

/** An absolute http(s) URL without a trailing slash. */
function urlInput(label: string) {
  return z.string().transform((raw, ctx): string | undefined => {
    const value = raw.trim();
    if (value === '') return undefined;
    return normalizeUrl(value) ?? fail(ctx, `${label} must be an http:// or https:// URL; got '${value}'`);
  });
}

/** `value` as an absolute http(s) URL without a trailing slash, or undefined when it is not one. */
export function normalizeUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return value.replace(/\/+$/u, '');
  } catch {
    return undefined;
  }
}

/** `sha256:<64 hex>` (a bare 64-hex value gets the prefix), lower case. */
function hashInput(label: string) {
  return z.string().transform((raw, ctx): string | undefined => {
    const value = raw.trim().toLowerCase();
    if (value === '') return undefined;
    const match = /^(?:sha256:)?([0-9a-f]{64})$/u.exec(value);
    const allowed = "a plan hash: 'sha256:' followed by 64 hex digits (the plan-hash output of a plan run)";
    return match ? `sha256:${match[1] ?? ''}` : fail(ctx, `${label} must be ${allowed}; got '${raw.trim()}'`);
  });
}

/**
 * Entries separated by newlines, or by commas outside braces (`{ops,tmp}_*` is one glob); blanks
 * dropped.
 */
export function splitList(raw: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of raw) {
    if (char === '{') depth += 1;
    if (char === '}') depth = Math.max(0, depth - 1);
    if (char === '\n' || char === '\r' || (char === ',' && depth === 0)) {
      entries.push(current);
      current = '';
      if (char === '\n') depth = 0;
    } else current += char;
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** `prune`: a glob list; exclusions (`!glob`) narrow the inclusions, so some inclusion is needed. */
function pruneInput(label: string) {
  return z.string().transform((raw, ctx): string[] => {
    const globs = splitList(raw);
    if (globs.length === 0 || globs.some((glob) => !glob.startsWith('!'))) return globs;
    return fail(
      ctx,
      `${label} has only exclusions (${globs.join(', ')}); a \`!glob\` entry only narrows the globs before it selects, so add the globs of the scripts to prune, e.g. 'ops_*'`,
    );
  });
}

/** A tag value given as an input: checked, never silently altered. */
function tagValueInput(label: string) {
  return z.string().transform((raw, ctx): string | undefined => {
    const value = raw.trim();
    if (value === '') return undefined;
    const rule = explainTagValue(value);
    return rule === undefined
      ? value
      : fail(ctx, `${label} is the value of the ownership tag and ${rule}; got '${value}'`);
  });
}

/**
 * Every input as given (strings) -> typed values with defaults; a friendly message per input that
 * names it the way the front end does (an action input, or a CLI flag).
 */
export function inputsSchemaFor(surface: Surface) {
  const at = (name: InputName): string => inputSubject(surface, name);
  return z.object({
    [INPUT.path]: defaultedText('coc-scripts'),
    [INPUT.mode]: choiceInput(at(INPUT.mode), MODES, 'plan'),
    [INPUT.region]: textInput(),
    [INPUT.endpoint]: urlInput(at(INPUT.endpoint)),
    [INPUT.iamEndpoint]: urlInput(at(INPUT.iamEndpoint)),
    [INPUT.projectId]: textInput(),
    [INPUT.domainId]: textInput(),
    [INPUT.authToken]: textInput(),
    [INPUT.accessKey]: textInput(),
    [INPUT.secretKey]: textInput(),
    [INPUT.securityToken]: textInput(),
    [INPUT.iamUsername]: textInput(),
    // A password may legitimately start or end with spaces: keep it verbatim.
    [INPUT.iamPassword]: z.string().transform((raw) => (raw === '' ? undefined : raw)),
    [INPUT.iamDomainName]: textInput(),
    [INPUT.idpId]: textInput(),
    [INPUT.oidcAudience]: textInput(),
    [INPUT.prune]: pruneInput(at(INPUT.prune)),
    [INPUT.maxDeletes]: integerInput(at(INPUT.maxDeletes), 0, Number.MAX_SAFE_INTEGER, 5),
    [INPUT.syncSensitive]: choiceInput(at(INPUT.syncSensitive), SYNC_SENSITIVE, 'changed'),
    [INPUT.failOnDrift]: booleanInput(at(INPUT.failOnDrift), false),
    [INPUT.concurrency]: integerInput(at(INPUT.concurrency), 1, 64, 8),
    [INPUT.timeoutSeconds]: integerInput(at(INPUT.timeoutSeconds), 1, 600, 30),
    [INPUT.githubToken]: textInput(),
    [INPUT.comment]: booleanInput(at(INPUT.comment), true),
    [INPUT.language]: choiceInput(at(INPUT.language), LANGUAGES, 'en-us', (value) => value.toLowerCase()),
    [INPUT.enterpriseProjectId]: textInput(),
    [INPUT.expectedPlanHash]: hashInput(at(INPUT.expectedPlanHash)),
    [INPUT.driftIssue]: booleanInput(at(INPUT.driftIssue), false),
    [INPUT.owner]: tagValueInput(at(INPUT.owner)),
    [INPUT.ownership]: choiceInput(at(INPUT.ownership), OWNERSHIPS, 'tag'),
    [INPUT.checkContent]: choiceInput(at(INPUT.checkContent), CHECK_CONTENT, 'syntax'),
    [INPUT.allowInsecureEndpoint]: booleanInput(at(INPUT.allowInsecureEndpoint), false),
  });
}

/** The typed inputs before SDK environment fallbacks. */
export type ParsedInputs = z.output<ReturnType<typeof inputsSchemaFor>>;
