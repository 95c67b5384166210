/** Which remote scripts an export covers: given uuids plus every listed name matching a glob. */
import picomatch from 'picomatch';
import { mapWithConcurrency } from '../common/pool.js';
import type { CocApi, ScriptDetail } from '../coc/api.js';
import { SyncError } from '../errors.js';

export interface ExportSelection {
  readonly uuids: readonly string[];
  /** picomatch globs over script names, case-sensitive (like `prune`). */
  readonly nameGlobs: readonly string[];
}

export interface SelectedScripts {
  /** Full details (GET), one per distinct script, in name order. */
  readonly scripts: readonly ScriptDetail[];
  /** Globs that matched no remote script (worth a warning, not an error). */
  readonly unmatchedGlobs: readonly string[];
}

async function uuidsMatching(
  api: CocApi,
  globs: readonly string[],
): Promise<{ uuids: string[]; unmatched: string[] }> {
  if (globs.length === 0) return { uuids: [], unmatched: [] };
  const matchers = globs.map((glob) => ({ glob, test: picomatch(glob, { dot: true }) }));
  const hits = new Set<string>();
  const uuids: string[] = [];
  for (const summary of await api.listScripts()) {
    const matching = matchers.filter((matcher) => matcher.test(summary.name));
    for (const matcher of matching) hits.add(matcher.glob);
    if (matching.length > 0) uuids.push(summary.uuid);
  }
  return { uuids, unmatched: globs.filter((glob) => !hits.has(glob)) };
}

/**
 * Reads every selected script with GET (at most `concurrency` at a time). A uuid that does not
 * exist is an error naming it; nothing is exported then, so a typo cannot go unnoticed.
 */
export async function selectScripts(
  api: CocApi,
  selection: ExportSelection,
  concurrency: number,
): Promise<SelectedScripts> {
  if (selection.uuids.length === 0 && selection.nameGlobs.length === 0) {
    throw new SyncError('validation', 'export needs --uuid or --name-glob (both may repeat)');
  }
  const listed = await uuidsMatching(api, selection.nameGlobs);
  const wanted = [...new Set([...selection.uuids, ...listed.uuids])];
  const details = await mapWithConcurrency(wanted, concurrency, (uuid) => api.getScript(uuid));
  const missing = wanted.filter((_uuid, index) => details[index] === undefined);
  if (missing.length > 0) {
    throw new SyncError(
      'validation',
      `no remote script has uuid ${missing.join(', ')}; nothing was exported`,
    );
  }
  const scripts = details
    .filter((detail): detail is ScriptDetail => detail !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { scripts, unmatchedGlobs: listed.unmatched };
}
