/**
 * Matching script names against `prune` globs (picomatch syntax, case-sensitive). Remote reads
 * use it to pick what to fetch, ownership to pick what to delete: one matcher for both.
 *
 * An entry starting with `!` is an exclusion, applied after the inclusions: a name is selected
 * when it matches at least one inclusion and no exclusion. An exclusion only ever narrows what the
 * inclusions select (`ops_*` + `!ops_keep` = every `ops_*` but `ops_keep`); it never selects
 * anything by itself. A list of exclusions only is refused when the inputs are read.
 */
import picomatch from 'picomatch';

/** `prune` split into what selects and what is kept out. */
interface PruneGlobs {
  readonly include: readonly { readonly glob: string; readonly test: (name: string) => boolean }[];
  readonly exclude: readonly { readonly glob: string; readonly test: (name: string) => boolean }[];
}

// Script names never contain `/`, so picomatch's path semantics only matter for `*` vs `**`;
// `nocase: false` is the default and is spelled out because case-sensitivity is a promise;
// `nonegate`: the leading `!` is ours to read (as an exclusion), never picomatch's "everything but".
const OPTIONS = { nocase: false, dot: true, nonegate: true } as const;

function compile(globs: readonly string[]): PruneGlobs {
  const entry = (glob: string) => ({ glob, test: picomatch(glob, OPTIONS) });
  return {
    include: globs.filter((g) => !g.startsWith('!')).map(entry),
    exclude: globs.filter((g) => g.startsWith('!')).map((g) => entry(g.slice(1))),
  };
}

/** The inclusion glob that selects `name` (undefined when none does, or an exclusion keeps it out). */
function selectingGlob(globs: PruneGlobs, name: string): string | undefined {
  const selected = globs.include.find((m) => m.test(name))?.glob;
  if (selected === undefined || globs.exclude.some((m) => m.test(name))) return undefined;
  return selected;
}

/** Returns a predicate telling whether `prune` selects a script name. */
export function createPruneMatcher(globs: readonly string[]): (name: string) => boolean {
  if (globs.length === 0) return () => false;
  const compiled = compile(globs);
  return (name) => selectingGlob(compiled, name) !== undefined;
}

/** The inclusion glob that selected `name`, for the reason shown on a prune deletion. */
export function matchingGlob(globs: readonly string[], name: string): string | undefined {
  return selectingGlob(compile(globs), name);
}

/** Notices for `prune` entries that match no remote script at all (a typo deletes nothing, silently). */
export function unmatchedPruneNotes(globs: readonly string[], names: Iterable<string>): string[] {
  const { include, exclude } = compile(globs);
  const all = [...names];
  const entries = [
    ...include.map((m) => ({ ...m, shown: m.glob })),
    ...exclude.map((m) => ({ ...m, shown: `!${m.glob}` })),
  ];
  return entries
    .filter((m) => !all.some((name) => m.test(name)))
    .map((m) => `prune entry \`${m.shown}\` matches no remote script.`);
}
