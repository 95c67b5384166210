/**
 * `--target` (CLI): the definitions a run is limited to, by exact name or glob (picomatch,
 * case-sensitive, the syntax of `prune`). Targeting turns prune off: scripts outside the targets
 * are neither planned nor deleted.
 */
import type { Definition } from '../model.js';
import { matchingGlob } from '../common/globs.js';

export interface TargetSelection {
  /** The definitions matching at least one target, in their original order. */
  readonly definitions: readonly Definition[];
  /** Targets that matched no definition (each is worth a warning). */
  readonly unmatched: readonly string[];
  /** One line for the output: what is planned and that prune is off. */
  readonly note: string;
}

/** Keeps the definitions whose name matches a target; `targets` must not be empty. */
export function selectTargets(
  definitions: readonly Definition[],
  targets: readonly string[],
): TargetSelection {
  const matches = (globs: readonly string[], definition: Definition): boolean =>
    matchingGlob(globs, definition.name) !== undefined;
  const selected = definitions.filter((definition) => matches(targets, definition));
  const unmatched = targets.filter(
    (target) => !definitions.some((definition) => matches([target], definition)),
  );
  const names = selected.map((definition) => definition.name).join(', ');
  const note =
    `Targeting ${selected.length} of ${definitions.length} definitions (${names || 'none'}); ` +
    'prune is off while targeting, and no other script is planned or changed.';
  return { definitions: selected, unmatched, note };
}
