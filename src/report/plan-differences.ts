/**
 * `plan-changed`: what differs between the plan that was reviewed and the plan about to be
 * applied, one line per script, for the summary, the log and the CLI.
 */
import type { Plan } from '../model.js';
import { toPlanFile, type PlanFile } from './plan-file.js';

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
