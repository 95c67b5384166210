/**
 * What the plan says about ownership, for every renderer: the scripts that will be marked as
 * owned (listed once per plan, never as drift) and the prune matches kept because this folder
 * does not own them. Plain-text lines for the log and the terminal; Markdown sections for the
 * summary, the comment and the drift issue (remote text escaped there, like every section).
 */
import type { KeptScript, Plan, PlanItem, RunOutcome } from '../model.js';
import type { Section } from './budget.js';
import { plural } from '../common/text.js';
import { code, prose } from './markdown.js';

/** Items whose tags update adds this folder's ownership tag to an existing script. */
export function markedItems(plan: Plan): PlanItem[] {
  return plan.items.filter((item) => item.markOwned === true);
}

/** `managed-by-coc-script-sync=<owner>`: the tag that marks a script as this folder's. */
export function ownershipTagText(plan: Plan): string {
  return `${plan.ownership.key}=${plan.ownership.owner ?? ''}`;
}

/** `kept: not owned by this folder (owner: team-b:coc-scripts)`, or `(owner: none)`. */
export function keptReason(kept: KeptScript): string {
  return `kept: not owned by this folder (owner: ${kept.owner ?? 'none'})`;
}

/** One line naming every script that will be marked as owned, or nothing. */
export function markedLine(plan: Plan): string | undefined {
  const names = markedItems(plan).map((item) => item.name);
  if (names.length === 0) return undefined;
  return `${plural(names.length, 'script')} will be marked as owned (${ownershipTagText(plan)}): ${names.join(', ')}`;
}

function omitted(what: string, where: string): Section['omittedNote'] {
  return (count, total) => `_… ${count} of ${plural(total, what)} not shown here${where}._`;
}

/** "Will be marked as owned": the adopted scripts, once per plan (apply: the ones it marked). */
export function markedSection(outcome: RunOutcome, where: string): Section {
  const plan = outcome.plan;
  const items = plan ? markedItems(plan) : [];
  const applied = outcome.mode === 'apply';
  const done = (item: PlanItem) =>
    !applied || outcome.results?.some((r) => r.item === item && r.outcome === 'applied') === true;
  const entries = items
    .filter(done)
    .map((item) => `- ${code(item.name)}${item.uuid ? ` ${code(item.uuid)}` : ''}\n`);
  const tag = plan ? code(ownershipTagText(plan)) : '';
  const heading = applied ? 'Marked as owned' : 'Will be marked as owned';
  return {
    heading:
      `#### ${heading}\n\nThese existing scripts ${applied ? 'now carry' : 'do not carry'} the ownership ` +
      `tag ${tag}${applied ? '' : ' yet; the apply adds it with a tags update (alone, it resets no review)'}.\n\n`,
    entries,
    footer: '\n',
    omittedNote: omitted('script', where),
  };
}

/** "Kept": prune matches another folder (or nobody) owns, with the owner found on each. */
export function keptSection(outcome: RunOutcome, where: string): Section {
  const entries = (outcome.plan?.ownership.kept ?? []).map(
    (kept) => `- ${code(kept.name)} ${code(kept.uuid)}: ${prose(keptReason(kept))}\n`,
  );
  return {
    heading: '#### Kept (match `prune`, not owned by this folder)\n\n',
    entries,
    footer: '\n',
    omittedNote: omitted('kept script', where),
  };
}

/** Log lines: one for the marks, one per kept script (bounded: a wide `prune` lists many). */
export function ownershipLogLines(plan: Plan, limit = 20): string[] {
  const lines: string[] = [];
  const marked = markedLine(plan);
  if (marked !== undefined) lines.push(`= ${marked}`);
  const kept = plan.ownership.kept;
  for (const script of kept.slice(0, limit)) lines.push(`= ${script.name} ${keptReason(script)}`);
  if (kept.length > limit) lines.push(`= … and ${kept.length - limit} more kept scripts (see the plan file)`);
  return lines;
}
