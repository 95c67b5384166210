/**
 * The plan hash: `sha256:<hex>` over the normalised desired state and the remote state the plan
 * was computed from. Two runs that would do the same thing from the same remote state agree on it,
 * which is what lets `apply` check that it is about to apply the plan that was reviewed.
 */
import { createHash, createHmac } from 'node:crypto';
import type { SyncSensitive } from '../config/config.js';
import type { Definition, DefinitionParam, RemoteParam, RemoteScript, Reviewer } from '../model.js';
import type { RemoteState } from '../remote/fetch.js';
import { compareStrings, normalizeLineEndings } from '../diff/fields.js';

/** Bumped whenever the hashed document changes shape, so old hashes never match by accident. */
const HASH_CONTEXT = 'coc-script-sync/plan-hash/v1';

export interface PlanHashInput {
  readonly definitions: readonly Definition[];
  readonly remote: RemoteState;
  readonly prune: readonly string[];
  readonly syncSensitive: SyncSensitive;
}

/** Computes the plan hash. Pure and deterministic: no clock, no randomness, no raw secrets. */
export function computePlanHash(input: PlanHashInput): string {
  const document = {
    context: HASH_CONTEXT,
    syncSensitive: input.syncSensitive,
    prune: [...input.prune].sort(compareStrings),
    desired: [...input.definitions]
      .sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.uuid ?? '', b.uuid ?? ''))
      .map(normalizeDefinition),
    remote: [...input.remote.byUuid.values()]
      .sort((a, b) => compareStrings(a.uuid, b.uuid))
      .map(normalizeRemote),
    missing: [...input.remote.missingUuids].sort(compareStrings),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(document)).digest('hex')}`;
}

function normalizeDefinition(definition: Definition): unknown {
  const identity = { state: definition.state, name: definition.name, uuid: definition.uuid ?? null };
  if (definition.state === 'absent') return identity;
  return {
    ...identity,
    type: definition.type,
    description: definition.description,
    // CRLF and LF plan the same, so they hash the same.
    content: normalizeLineEndings(definition.content),
    riskLevel: definition.riskLevel,
    version: definition.version,
    // null (omitted: keep remote) and [] (remove all) plan differently, so they hash differently.
    reviewers: definition.reviewers === undefined ? null : normalizeReviewers(definition.reviewers),
    protocol: definition.protocol ?? null,
    params: definition.params.map((p) => normalizeDesiredParam(definition.name, p)),
  };
}

/**
 * Review status is left out on purpose: an approval given in the console between review and
 * merge changes nothing the plan does, and must not make the reviewed plan stale.
 */
function normalizeRemote(script: RemoteScript): unknown {
  return {
    uuid: script.uuid,
    name: script.name,
    type: script.type,
    description: script.description,
    content: normalizeLineEndings(script.content),
    riskLevel: script.riskLevel,
    version: script.version,
    reviewers: normalizeReviewers(script.reviewers),
    protocol: script.protocol ?? null,
    params: script.params.map((p) => normalizeRemoteParam(script.name, p)),
  };
}

function normalizeReviewers(reviewers: readonly Reviewer[]): unknown {
  return [...reviewers].sort((a, b) => compareStrings(a.id, b.id)).map((r) => [r.id, r.name]);
}

/**
 * An env-sourced value is hashed by its variable name only: the plan never depends on the value
 * (a masked remote value cannot be compared), and the review run often has no access to the
 * secret while the apply run has — hashing the value would make every reviewed plan stale.
 */
function normalizeDesiredParam(script: string, param: DefinitionParam): unknown {
  const { name, description, sensitive } = param;
  if (param.value.source === 'env') return { name, description, sensitive, env: param.value.variable };
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
