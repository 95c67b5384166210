/** "Did you mean" support for mistyped commands and flags. */
import { editDistance } from '../common/edit-distance.js';

/**
 * Candidates close to `word`: within a third of its length in edits (at least 2), or sharing a
 * prefix of 3+ characters (`--max` -> `--max-deletes`). Closest first, at most three.
 */
export function closeMatches(word: string, candidates: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(
      ({ candidate, distance }) =>
        distance <= limit || (word.length >= 3 && (candidate.startsWith(word) || word.startsWith(candidate))),
    )
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}
