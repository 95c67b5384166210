/**
 * Checks that stop an apply before its first write: too many deletions, or a plan that is not
 * the one that was reviewed. Each returns the SyncError to raise, or undefined to go on. What a
 * changed plan changed is described by report/plan-differences.ts.
 */
import { SyncError } from '../errors.js';
import type { Plan } from '../model.js';

/** Refuses a plan with more deletions than `max-deletes`; nothing at all is applied then. */
export function checkDeleteGuard(plan: Plan, maxDeletes: number): SyncError | undefined {
  const deletes = plan.items.filter((i) => i.action === 'delete');
  if (deletes.length <= maxDeletes) return undefined;
  const names = deletes.map((i) => i.name);
  const listed = names.slice(0, 20).join(', ') + (names.length > 20 ? `, … (${names.length - 20} more)` : '');
  return new SyncError(
    'delete-guard',
    `The plan deletes ${deletes.length} scripts, more than max-deletes (${maxDeletes}), so nothing was ` +
      `applied. Deletions: ${listed}. If they are intended, raise \`max-deletes\` to at least ` +
      `${deletes.length}; otherwise check \`prune\` and the \`state: absent\` definitions.`,
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
