/**
 * Checks that stop an apply before its first write: too many deletions, or a plan that is not
 * the one that was reviewed. Each returns the SyncError to raise, or undefined to go on.
 */
import { SyncError } from '../errors.js';
import type { Plan } from '../model.js';
import { toPlanFile, type PlanFile } from './serialize.js';

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

/**
 * What differs between a reviewed plan (a parsed plan file or Plan object; anything else counts
 * as unavailable) and the fresh plan, one line per script, in the fresh plan's order.
 */
export function describePlanDifferences(before: unknown, after: Plan): string[] {
  const reviewed: PlanFile | undefined = toPlanFile(before);
  const fresh = toPlanFile(after) as PlanFile;
  if (reviewed === undefined) {
    return [
      'The reviewed plan is not available, only its hash. The fresh plan:',
      ...fresh.items
        .filter((i) => i.action !== 'noop')
        .map((i) => `${i.action} \`${i.name}\`${fieldList(i)}`),
    ];
  }
  const old = new Map(reviewed.items.map((i) => [i.name, i]));
  const lines: string[] = [];
  for (const item of fresh.items) {
    const was = old.get(item.name);
    old.delete(item.name);
    if (was === undefined) {
      if (item.action !== 'noop')
        lines.push(`\`${item.name}\`: now ${item.action}${fieldList(item)} (not in the reviewed plan)`);
    } else if (was.action !== item.action) {
      lines.push(
        `\`${item.name}\`: reviewed ${was.action}${fieldList(was)}, now ${item.action}${fieldList(item)}`,
      );
    } else if (fieldList(was) !== fieldList(item)) {
      lines.push(
        `\`${item.name}\`: ${item.action}, reviewed with${fieldList(was)}, now with${fieldList(item)}`,
      );
    }
  }
  for (const item of old.values()) {
    if (item.action !== 'noop')
      lines.push(`\`${item.name}\`: reviewed ${item.action}${fieldList(item)}, no longer planned`);
  }
  if (lines.length === 0)
    lines.push('The same scripts and fields change; the content or values being sent differ.');
  return lines;
}

function fieldList(item: PlanFile['items'][number]): string {
  const fields = [...new Set(item.changes.map((c) => c.field))];
  return fields.length === 0 ? '' : ` (${fields.join(', ')})`;
}
