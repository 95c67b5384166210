/**
 * Which remote scripts this folder owns through `prune`: names matching a glob (picomatch syntax,
 * case-sensitive) that no definition refers to, by name or by uuid.
 */
import { createPruneMatcher } from '../common/globs.js';
import type { Definition, RemoteScriptSummary } from '../model.js';

/**
 * Remote scripts to delete because they match `prune` and have no definition. A script that a
 * definition names or points at by uuid is never pruned, even when that definition is blocked.
 */
export function findPruneCandidates(
  summaries: readonly RemoteScriptSummary[],
  definitions: readonly Definition[],
  globs: readonly string[],
): RemoteScriptSummary[] {
  const owned = createPruneMatcher(globs);
  const names = new Set(definitions.map((d) => d.name));
  const uuids = new Set(definitions.flatMap((d) => (d.uuid === undefined ? [] : [d.uuid])));
  return summaries.filter((s) => owned(s.name) && !names.has(s.name) && !uuids.has(s.uuid));
}
