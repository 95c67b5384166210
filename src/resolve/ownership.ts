/**
 * Which remote scripts this folder owns through `prune`: names matching a glob (picomatch syntax,
 * case-sensitive) that no definition refers to, by name or by uuid.
 */
import picomatch from 'picomatch';
import type { Definition, RemoteScriptSummary } from '../model.js';

/** Returns a predicate telling whether a script name matches any prune glob. */
export function createPruneMatcher(globs: readonly string[]): (name: string) => boolean {
  if (globs.length === 0) return () => false;
  // Script names never contain `/`, so picomatch's path semantics only matter for `*` vs `**`;
  // `nocase: false` is the default and is spelled out because case-sensitivity is a promise.
  const matchers = globs.map((glob) => ({ glob, test: picomatch(glob, { nocase: false, dot: true }) }));
  return (name) => matchers.some((m) => m.test(name));
}

/** The first prune glob matching `name`, for the reason shown on a prune deletion. */
export function matchingGlob(globs: readonly string[], name: string): string | undefined {
  return globs.find((glob) => picomatch(glob, { nocase: false, dot: true })(name));
}

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
