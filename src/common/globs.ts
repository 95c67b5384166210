/**
 * Matching script names against `prune` globs (picomatch syntax, case-sensitive). Remote reads
 * use it to pick what to fetch, ownership to pick what to delete: one matcher for both.
 */
import picomatch from 'picomatch';

/** Returns a predicate telling whether a script name matches any prune glob. */
export function createPruneMatcher(globs: readonly string[]): (name: string) => boolean {
  if (globs.length === 0) return () => false;
  // Script names never contain `/`, so picomatch's path semantics only matter for `*` vs `**`;
  // `nocase: false` is the default and is spelled out because case-sensitivity is a promise.
  const matchers = globs.map((glob) => picomatch(glob, { nocase: false, dot: true }));
  return (name) => matchers.some((test) => test(name));
}

/** The first prune glob matching `name`, for the reason shown on a prune deletion. */
export function matchingGlob(globs: readonly string[], name: string): string | undefined {
  return globs.find((glob) => picomatch(glob, { nocase: false, dot: true })(name));
}
