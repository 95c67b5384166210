/**
 * The domain model shared by every stage: what a definition says, what the remote side holds,
 * and what a plan and its application look like. Types only — no behaviour lives here.
 */
import type { Diagnostic, FailureReason, SourceLocation } from './errors.js';

export const SCRIPT_TYPES = ['SHELL', 'PYTHON', 'BAT'] as const;
export type ScriptType = (typeof SCRIPT_TYPES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PROTOCOLS = [
  'DEFAULT',
  'SMS',
  'EMAIL',
  'DING_TALK',
  'WE_LINK',
  'WECHAT',
  'CALLNOTIFY',
  'NOT_TO_NOTIFY',
] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const SCRIPT_STATUSES = ['PENDING_APPROVE', 'APPROVED', 'REJECTED'] as const;
/** Review status of a remote script; other strings the API may invent are kept verbatim. */
export type ScriptStatus = (typeof SCRIPT_STATUSES)[number] | (string & {});

/** The 17 asterisks COC returns instead of a sensitive parameter value. */
export const SENSITIVE_MASK = '*****************';

export interface Reviewer {
  /** IAM user name (`reviewer_name`). */
  readonly name: string;
  /** IAM user id (`reviewer_id`). */
  readonly id: string;
}

/** One resource tag of a script (`resource_tags` entries on the wire). */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Where a parameter value comes from. An env-sourced value may be unset (plan still works). */
export type ParamValue =
  | { readonly source: 'literal'; readonly value: string }
  | { readonly source: 'env'; readonly variable: string; readonly value: string | undefined };

export interface DefinitionParam {
  readonly name: string;
  readonly value: ParamValue;
  readonly description: string;
  readonly sensitive: boolean;
  /** Where the param's `value` or `value_from_env` stands, for messages about it. */
  readonly location?: SourceLocation;
}

/** A `value_from_env` parameter whose variable is not set in the run's environment. */
export function isUnsetEnvParam(
  param: DefinitionParam,
): param is DefinitionParam & { readonly value: { readonly source: 'env'; readonly variable: string } } {
  return param.value.source === 'env' && param.value.value === undefined;
}

interface DefinitionBase {
  /** Path of the YAML file relative to the working directory, with `/`. */
  readonly file: string;
  /** Where the `name` key stands; used for annotations about the whole definition. */
  readonly location: SourceLocation;
  readonly name: string;
  readonly uuid?: string;
}

/**
 * Where a script's text stands in the file the user edits, so that a problem found inside the
 * script (a syntax error, a ShellCheck finding) can point at that file's line and column.
 * - `file`: a `content_file`; script line:column is the file's line:column.
 * - `block`: an inline block literal (`content: |`); script line N is YAML line `firstLine + N - 1`
 *   and its text starts after `indent` columns (the block's indentation).
 * - `value`: any other inline form (quoted, plain, folded `>`), whose lines do not map one to one;
 *   problems point at the value itself.
 */
export type ContentOrigin =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'block'; readonly file: string; readonly firstLine: number; readonly indent: number }
  | { readonly kind: 'value'; readonly file: string; readonly line: number; readonly column: number };

/** A validated `state: present` definition. */
export interface PresentDefinition extends DefinitionBase {
  readonly state: 'present';
  readonly type: ScriptType;
  readonly description: string;
  /** The script text exactly as written (inline or the file's bytes decoded as UTF-8; CRLF kept). */
  readonly content: string;
  /** The `content_file` value as written, when content came from a file. */
  readonly contentFile?: string;
  /** Where the content stands in the files the user edits (absent in hand-built test definitions). */
  readonly contentOrigin?: ContentOrigin;
  readonly riskLevel: RiskLevel;
  readonly version: string;
  /** `undefined` = key omitted (keep remote reviewers); `[]` = remove all reviewers. */
  readonly reviewers?: readonly Reviewer[];
  /** `undefined` = key omitted (keep the remote protocol). */
  readonly protocol?: Protocol;
  readonly params: readonly DefinitionParam[];
  /**
   * The script's own tags in key order, never the ownership tag. `undefined` = key omitted
   * (keep the remote tags); `[]` = remove them all (the ownership tag stays).
   */
  readonly tags?: readonly Tag[];
}

/** A validated `state: absent` definition (a tombstone: delete the script). */
export interface AbsentDefinition extends DefinitionBase {
  readonly state: 'absent';
}

export type Definition = PresentDefinition | AbsentDefinition;

/** One entry of the list API: no content, description or params. */
export interface RemoteScriptSummary {
  /** Numeric id used as the pagination marker. */
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly type: string;
  readonly status: ScriptStatus;
  /** `resource_tags` as listed, in key order (ownership is read from here: no extra request). */
  readonly tags: readonly Tag[];
}

export interface RemoteParam {
  readonly name: string;
  /** The value as returned; equals SENSITIVE_MASK when `masked`. */
  readonly value: string;
  /** True when the API returned the 17-asterisk mask instead of the value. */
  readonly masked: boolean;
  readonly description: string;
  readonly sensitive: boolean;
}

/** A remote script as read with GET, normalised (nulls resolved, absent fields marked). */
export interface RemoteScript {
  readonly uuid: string;
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly content: string;
  readonly status: ScriptStatus;
  readonly riskLevel: string;
  readonly version: string;
  readonly reviewers: readonly Reviewer[];
  /** `undefined` when GET left the field out or returned null (write-only then). */
  readonly protocol: string | undefined;
  readonly params: readonly RemoteParam[];
  /** `resource_tags` as read with GET, in key order, the ownership tag included. */
  readonly tags: readonly Tag[];
}

/**
 * `unreadable`: a script the plan needs whose GET failed after its retries. Nothing is planned,
 * written or pruned for it in this run; the run fails at the end, and the next run reads it again.
 */
export const PLAN_ACTIONS = ['create', 'update', 'delete', 'noop', 'blocked', 'unreadable'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** One changed field, rendered for people; sensitive values already replaced by `(sensitive)`. */
export interface FieldChange {
  /** Field name as users write it: `description`, `content`, `risk_level`, `params`, … */
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/** The complete state a create or modify sends (camelCase; coc/ maps it to the wire shape). */
export interface DesiredScript {
  readonly name: string;
  readonly type: ScriptType;
  readonly description: string;
  readonly content: string;
  readonly riskLevel: RiskLevel;
  readonly version: string;
  readonly reviewers: readonly Reviewer[];
  /** Left out of the body when undefined. */
  readonly protocol?: string;
  readonly params: readonly DefinitionParam[];
}

export interface PlanItem {
  readonly action: PlanAction;
  readonly name: string;
  /** Remote uuid when bound (update, delete, noop, some blocked). */
  readonly uuid?: string;
  /** Definition file, when the item comes from one (prune deletions have none). */
  readonly file?: string;
  readonly location?: SourceLocation;
  /** Why: for delete `state: absent` or `prune`, for blocked the explanation and the fix. */
  readonly reason?: string;
  readonly changes: readonly FieldChange[];
  /** Unified diff of the content (create: against empty; update: remote → desired). */
  readonly contentDiff?: string;
  /** A modify applied to a script that still has reviewers afterwards: it goes back to review. */
  readonly reviewerReset: boolean;
  /** Remote review status before the change (bound items). */
  readonly remoteStatus?: ScriptStatus;
  /**
   * What the create or modify (PUT) sends; absent on a tag-only update, which sends no PUT and so
   * resets no review.
   */
  readonly desired?: DesiredScript;
  /**
   * The complete tag set a tags update sends after the create/modify (or alone), the ownership
   * tag included; absent when no tags update is needed.
   */
  readonly tags?: readonly Tag[];
  /** The tags update also adds this folder's ownership tag (adopting an existing script). */
  readonly markOwned?: boolean;
  /** `unreadable` items: why the GET failed. */
  readonly readError?: ApiErrorInfo;
}

/** A remote script that matches `prune` but that this folder does not own: never deleted. */
export interface KeptScript {
  readonly name: string;
  readonly uuid: string;
  /** The other folder's owner value; undefined when the script carries no ownership tag. */
  readonly owner?: string;
}

/** How the plan treated ownership (`ownership` / `owner` inputs) and what it kept because of it. */
export interface PlanOwnership {
  readonly mode: 'tag' | 'name';
  /** The ownership tag's key. */
  readonly key: string;
  /** This folder's owner value, when known. */
  readonly owner?: string;
  /** Prune matches left alone because another folder (or nobody) owns them; by name. */
  readonly kept: readonly KeptScript[];
}

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly noop: number;
  readonly blocked: number;
  readonly unreadable: number;
}

export interface Plan {
  /** Deterministic order: unreadable, blocked, create, update, delete, noop; by name within each. */
  readonly items: readonly PlanItem[];
  readonly counts: PlanCounts;
  /** `sha256:` + hex over the normalised desired state and the observed remote state. */
  readonly hash: string;
  readonly ownership: PlanOwnership;
  /** Remote scripts in PENDING_APPROVE or REJECTED that this folder manages (changed or not). */
  readonly pendingApprovals: readonly {
    readonly name: string;
    readonly uuid: string;
    readonly status: ScriptStatus;
  }[];
}

/** A failure reported by the API, flattened for reports. */
export interface ApiErrorInfo {
  readonly message: string;
  readonly code?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  /**
   * Set when this error stopped the whole run (401, 403, an endpoint without the API, a host
   * that cannot be reached), or is the run's cancel (`cancelled`: the item was not started, was
   * abandoned in flight, or not retried): the failure reason the run ends with.
   */
  readonly stopsRun?: FailureReason;
}

export interface ItemResult {
  readonly item: PlanItem;
  readonly outcome: 'applied' | 'failed' | 'unchanged';
  /** uuid after the write (the new uuid for a create). */
  readonly uuid?: string;
  /** Status read back with GET after the write. */
  readonly readBackStatus?: ScriptStatus;
  /** Tags read back with GET after a tags update. */
  readonly readBackTags?: readonly Tag[];
  readonly error?: ApiErrorInfo;
  /**
   * On a failed item: its create or modify went through, a later step (the tags update) did not,
   * say because the run was cancelled in between. The next run plans what is missing.
   */
  readonly scriptWritten?: boolean;
}

export interface ReviewerReset {
  readonly name: string;
  readonly uuid: string;
  readonly reviewers: readonly string[];
  readonly status: string;
}

/** Which remote target a run is about; keys the sticky comment and the drift issue. */
export interface Target {
  readonly path: string;
  readonly region?: string;
  readonly projectId?: string;
}

/**
 * Everything a run produced, handed to the reporters (summary, comment, outputs, CLI).
 * `mode` is the effective mode: `plan` without credentials degrades to `validate`.
 */
export interface RunOutcome {
  readonly mode: 'validate' | 'plan' | 'apply';
  readonly target: Target;
  /** Definition files read and definitions found (present + absent). */
  readonly files: number;
  readonly definitions: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly plan?: Plan;
  /** Apply results, one per plan item that was acted on (apply mode only). */
  readonly results?: readonly ItemResult[];
  readonly failureReason?: FailureReason;
  /** One-paragraph explanation of the failure, when there is one. */
  readonly failureMessage?: string;
  /** For `plan-changed`: what differs between the reviewed and the fresh plan. */
  readonly planDifferences?: readonly string[];
  /** Notices worth showing in the summary (degraded mode, unset env values, no reviewed plan…). */
  readonly notes: readonly string[];
  /** Path of the plan JSON file, when written. */
  readonly planFile?: string;
  /** Where the definitions came from and when: commit and file links in the reports. */
  readonly source?: RunSource;
  /** What cancelled the run (`SIGTERM`, `SIGINT`), when it was cancelled before it ended. */
  readonly cancelled?: string;
}

/** The commit a run read its definitions at, set by the action front end (not the CLI). */
export interface RunSource {
  /** Full commit sha: on pull requests the head commit, the one reviewers see. */
  readonly sha: string;
  /** `https://github.com/owner/repo`: commit and file links start here. */
  readonly repositoryUrl: string;
  /** When the run finished (ISO 8601, UTC): a stale comment shows its age. */
  readonly computedAt: string;
}

/** The plan reviewed on a merged pull request, as found by the GitHub port (push events). */
export interface ReviewedPlan {
  /** `sha256:…` from the sticky comment, when found. */
  readonly hash?: string;
  /** Outline of the reviewed plan (parsed JSON, unchecked), to show what differs. */
  readonly plan?: unknown;
  /** The pull request it came from. */
  readonly pullRequest?: number;
  /** What was found, or why nothing was. */
  readonly note: string;
}

/** What the remote side holds, as far as this folder is concerned. */
export interface RemoteState {
  /** Every script read with GET (bound by uuid or name, or matching a prune glob). */
  readonly byUuid: ReadonlyMap<string, RemoteScript>;
  /** The full list, when it was read (a definition without uuid, or `prune` set). */
  readonly summaries: readonly RemoteScriptSummary[] | undefined;
  /** `uuid`s written in definitions that do not exist remotely. */
  readonly missingUuids: ReadonlySet<string>;
  /** Scripts whose GET failed after its retries, by uuid, with the error. */
  readonly unreadable: ReadonlyMap<string, ApiErrorInfo>;
}
