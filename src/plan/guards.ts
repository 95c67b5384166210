/**
 * Checks that stop an apply before its first write: too many deletions, or a plan that is not
 * the one that was reviewed. Each returns the SyncError to raise, or undefined to go on. What a
 * changed plan changed is described by report/plan-differences.ts.
 */
import { plural } from '../common/text.js';
import { INPUT, type Surface } from '../config/names.js';
import { inputRef } from '../config/words.js';
import { SyncError } from '../errors.js';
import type { Plan } from '../model.js';

/** At most this many names in a one-paragraph message; the rest is counted. */
const LISTED = 20;

/** `a, b, c, … (n more)`. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown}, … (${names.length - LISTED} more)` : shown;
}

/**
 * Refuses a plan with more deletions than `max-deletes`; nothing at all is applied then. `when`
 * says whether apply is refusing now, or a plan forecasts that apply will refuse (so a reviewer
 * sees the refusal before the merge, not at deploy time).
 */
export function checkDeleteGuard(
  plan: Plan,
  maxDeletes: number,
  surface: Surface = 'action',
  when: 'apply' | 'plan' = 'apply',
): SyncError | undefined {
  const deletes = plan.items.filter((i) => i.action === 'delete');
  if (deletes.length <= maxDeletes) return undefined;
  const max = inputRef(surface, INPUT.maxDeletes);
  const head =
    when === 'apply'
      ? `The plan deletes ${plural(deletes.length, 'script')}, more than ${max} (${maxDeletes}), so nothing was applied.`
      : `Apply would refuse this plan: it deletes ${plural(deletes.length, 'script')}, more than ${max} (${maxDeletes}), and then applies nothing.`;
  return new SyncError(
    'delete-guard',
    `${head} Deletions: ${listNames(deletes.map((i) => i.name))}. If they are intended, set ${max} to at ` +
      `least ${deletes.length}; otherwise check ${inputRef(surface, INPUT.prune)} and the \`state: absent\` definitions.`,
  );
}

/** `sha256:<hex>` in lower case; a bare 64-hex value gets the prefix. */
export function normalizePlanHash(hash: string): string {
  const trimmed = hash.trim().toLowerCase();
  return /^[0-9a-f]{64}$/.test(trimmed) ? `sha256:${trimmed}` : trimmed;
}

/** Refuses to apply when the fresh plan's hash is not the expected (reviewed) one. */
export function comparePlanHash(plan: Plan, expected: string): SyncError | undefined {
  if (normalizePlanHash(expected) === plan.hash) return undefined;
  return new SyncError(
    'plan-changed',
    `The plan about to be applied (${plan.hash}) is not the reviewed plan (${normalizePlanHash(expected)}), ` +
      `so nothing was applied. The definitions or the remote scripts changed since the review: run ` +
      `\`plan\` again, review the new plan, and apply it with its hash.`,
  );
}
