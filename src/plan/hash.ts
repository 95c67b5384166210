/**
 * The plan hash: `sha256:<hex>` over the normalised desired state and the remote state the plan
 * was computed from. Two runs that would do the same thing from the same remote state agree on it,
 * which is what lets `apply` check that it is about to apply the plan that was reviewed.
 */
import { createHash, createHmac, type Hash } from 'node:crypto';
import type { SyncSensitive } from '../config/config.js';
import type {
  Definition,
  DefinitionParam,
  RemoteParam,
  RemoteScript,
  RemoteState,
  Reviewer,
  Tag,
} from '../model.js';
import type { OwnershipSettings } from '../resolve/ownership-tag.js';
import { compareStrings } from '../common/compare.js';
import { normalizeLineEndings } from '../common/line-endings.js';

/** Bumped whenever the hashed document changes shape, so old hashes never match by accident. */
const HASH_CONTEXT = 'coc-script-sync/plan-hash/v3';

export interface PlanHashInput {
  readonly definitions: readonly Definition[];
  readonly remote: RemoteState;
  readonly prune: readonly string[];
  readonly syncSensitive: SyncSensitive;
  readonly ownership: OwnershipSettings;
  /** Content digests computed earlier (while the network was busy); absent: computed here. */
  readonly digests?: ContentDigests;
}

/**
 * Content digests remembered by content, and each script's entry of the hashed document
 * remembered by script, so each is computed once and can be computed early.
 */
export interface ContentDigests {
  /** The digest of `content` as the plan hash spells it. */
  digest(content: string): string;
  /** The `desired` entry of `definition` as the hashed document spells it (JSON). */
  desired(definition: Definition): string;
  /** The `remote` entry of `script` as the hashed document spells it (JSON). */
  remote(script: RemoteScript): string;
}

/**
 * A digest memo for one run. The engine fills it while the GETs are in flight (each remote script
 * as it arrives, the definitions in small slices between answers), so the hash at the end of the
 * run — where a plan's exit tail is — only looks the entries up. Entries are pure functions of
 * their definition or script (objects the run never changes), so remembering them is exact.
 */
export function createContentDigests(): ContentDigests {
  const known = new Map<string, string>();
  const desired = new WeakMap<Definition, string>();
  const remote = new WeakMap<RemoteScript, string>();
  const digest = (content: string): string => remember(known, content, () => contentDigest(content));
  return {
    digest,
    desired: (definition) => remember(desired, definition, () => desiredEntry(definition, digest)),
    remote: (script) => remember(remote, script, () => remoteEntry(script, digest)),
  };
}

/** `memo`'s value for `key`, computed and kept the first time. */
function remember<K>(
  memo: { get(key: K): string | undefined; set(key: K, value: string): unknown },
  key: K,
  compute: () => string,
): string {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

function desiredEntry(definition: Definition, digest: (content: string) => string): string {
  return JSON.stringify(normalizeDefinition(definition, digest));
}

function remoteEntry(script: RemoteScript, digest: (content: string) => string): string {
  return JSON.stringify(normalizeRemote(script, digest));
}

/**
 * Computes the plan hash. Pure and deterministic: no clock, no randomness, no raw secrets.
 *
 * The hashed bytes are exactly `JSON.stringify` of one document
 * `{context, syncSensitive, ownership, prune, desired, remote, missing[, unreadable]}` (script content in it as its own
 * digest), but fed to the hash piece by piece, one normalised script at a time: with 1,000
 * scripts the whole document would be a large string that only exists to be hashed once, at
 * the end of the run where the process's memory peaks.
 */
export function computePlanHash(input: PlanHashInput): string {
  const hash = createHash('sha256');
  // The owner value and mode decide what is marked, blocked and pruned: they are part of the plan.
  const ownership = { mode: input.ownership.mode, owner: input.ownership.owner ?? null };
  const head = { context: HASH_CONTEXT, syncSensitive: input.syncSensitive, ownership };
  const prune = [...input.prune].sort(compareStrings);
  // The head object's closing brace is dropped so the remaining members continue it.
  hash.update(`${JSON.stringify(head).slice(0, -1)},"prune":${JSON.stringify(prune)},"desired":`);
  const desired = [...input.definitions].sort(
    (a, b) => compareStrings(a.name, b.name) || compareStrings(a.uuid ?? '', b.uuid ?? ''),
  );
  const digests = input.digests ?? createContentDigests();
  updateArray(hash, desired, (definition) => digests.desired(definition));
  hash.update(',"remote":');
  const remote = [...input.remote.byUuid.values()].sort((a, b) => compareStrings(a.uuid, b.uuid));
  updateArray(hash, remote, (script) => digests.remote(script));
  hash.update(`,"missing":${JSON.stringify([...input.remote.missingUuids].sort(compareStrings))}`);
  // Only present when some GET failed, so every other plan keeps the hash it always had.
  const unreadable = [...input.remote.unreadable.keys()].sort(compareStrings);
  hash.update(unreadable.length === 0 ? '}' : `,"unreadable":${JSON.stringify(unreadable)}}`);
  return `sha256:${hash.digest('hex')}`;
}

/** Feeds `[a,b,…]` exactly as `JSON.stringify` of the items would spell it; `entry` gives each one's JSON. */
function updateArray<T>(hash: Hash, items: readonly T[], entry: (item: T) => string): void {
  hash.update('[');
  items.forEach((item, index) => {
    hash.update(index === 0 ? entry(item) : `,${entry(item)}`);
  });
  hash.update(']');
}

function normalizeDefinition(definition: Definition, digest: (content: string) => string): unknown {
  const identity = { state: definition.state, name: definition.name, uuid: definition.uuid ?? null };
  if (definition.state === 'absent') return identity;
  return {
    ...identity,
    type: definition.type,
    description: definition.description,
    content: digest(definition.content),
    riskLevel: definition.riskLevel,
    version: definition.version,
    // null (omitted: keep remote) and [] (remove all) plan differently, so they hash differently.
    reviewers: definition.reviewers === undefined ? null : normalizeReviewers(definition.reviewers),
    protocol: definition.protocol ?? null,
    params: definition.params.map((p) => normalizeDesiredParam(definition.name, p)),
    // null (omitted: keep remote) and [] (remove all) plan differently, like reviewers.
    tags: definition.tags === undefined ? null : normalizeTags(definition.tags),
  };
}

/**
 * Review status is left out on purpose: an approval given in the console between review and
 * merge changes nothing the plan does, and must not make the reviewed plan stale.
 */
function normalizeRemote(script: RemoteScript, digest: (content: string) => string): unknown {
  return {
    uuid: script.uuid,
    name: script.name,
    type: script.type,
    description: script.description,
    content: digest(script.content),
    riskLevel: script.riskLevel,
    version: script.version,
    reviewers: normalizeReviewers(script.reviewers),
    protocol: script.protocol ?? null,
    params: script.params.map((p) => normalizeRemoteParam(script.name, p)),
    tags: normalizeTags(script.tags),
  };
}

/**
 * Content enters the document as its own SHA-256: JSON-escaping megabytes of script text only to
 * hash it costs more than hashing it directly, and a digest is as sensitive to every change.
 * CRLF and LF plan the same, so they hash the same (the check skips the copy when there is no CR).
 * Hashing encodes text as UTF-8, which turns a lone surrogate into U+FFFD; such (rare) content
 * stays in the document as text, where JSON escapes it, so it never hashes like another text.
 */
function contentDigest(content: string): string {
  const normalized = content.includes('\r') ? normalizeLineEndings(content) : content;
  if (!isWellFormed(normalized)) return normalized;
  return createHash('sha256').update(normalized).digest('hex');
}

/** String.prototype.isWellFormed (Node 20+; the ES2023 lib this project compiles against lacks it). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Tags are a map: kept in key order by every stage, hashed as `[key, value]` pairs. */
function normalizeTags(tags: readonly Tag[]): unknown {
  return tags.map((tag) => [tag.key, tag.value]);
}

function normalizeReviewers(reviewers: readonly Reviewer[]): unknown {
  return [...reviewers].sort((a, b) => compareStrings(a.id, b.id)).map((r) => [r.id, r.name]);
}

/**
 * A sensitive env-sourced value is hashed by its variable name only: the plan never depends on
 * it (a masked remote value cannot be compared), and the review run often has no access to the
 * secret while the apply run has — hashing the value would make every reviewed plan stale. A
 * non-sensitive one is shown and compared like a literal, so its value is part of the plan: a
 * GitHub Environment variable changed after the review makes the reviewed plan stale.
 */
function normalizeDesiredParam(script: string, param: DefinitionParam): unknown {
  const { name, description, sensitive } = param;
  if (param.value.source === 'env') {
    const env = param.value.variable;
    return sensitive
      ? { name, description, sensitive, env }
      : { name, description, sensitive, env, value: param.value.value ?? null };
  }
  const value = sensitive ? sensitiveDigest(script, name, param.value.value) : param.value.value;
  return { name, description, sensitive, value };
}

function normalizeRemoteParam(script: string, param: RemoteParam): unknown {
  const { name, description, sensitive } = param;
  if (param.masked) return { name, description, sensitive, masked: true };
  return {
    name,
    description,
    sensitive,
    value: sensitive ? sensitiveDigest(script, name, param.value) : param.value,
  };
}

/**
 * A sensitive value enters the hash only as HMAC-SHA256 keyed by its context (script + param).
 * The key cannot be random or per-run: the review run and the apply run must compute the same
 * hash. Keying by context still means the raw value is never stored or hashed bare, the same
 * secret used by two params yields unrelated digests, and generic precomputed SHA-256 tables do
 * not apply. The digest itself is never stored either — only the final document hash is. What
 * no reproducible scheme can prevent is guessing a low-entropy secret by recomputing the whole
 * plan hash, so sensitive values should be real secrets (high entropy), which they are meant to be.
 */
function sensitiveDigest(script: string, param: string, value: string): string {
  const key = `${HASH_CONTEXT}\u0000${script}\u0000${param}`;
  return `hmac:${createHmac('sha256', key).update(value).digest('hex')}`;
}
