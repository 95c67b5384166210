/**
 * The plan as JSON (the `plan-file` output): everything the plan says, with every sensitive value
 * replaced by `(sensitive)` through report/redact.ts, the one place that redacts.
 */
import { PLAN_ACTIONS, type Plan, type PlanAction, type PlanItem } from '../model.js';
import { redactDesiredScript } from './redact.js';

/** Identifies the file format; bumped when the shape changes incompatibly. */
export const PLAN_FILE_FORMAT = 'coc-script-sync/plan@1';

/** The parts of a plan file other tools (and the plan-changed check) rely on. */
export interface PlanFile {
  readonly format: string;
  readonly hash: string;
  readonly items: readonly {
    readonly action: PlanAction;
    readonly name: string;
    readonly uuid?: string;
    readonly changes: readonly { readonly field: string }[];
  }[];
}

/** JSON text of the plan, redacted, pretty-printed with a trailing newline. */
export function serializePlan(plan: Plan): string {
  const document = {
    format: PLAN_FILE_FORMAT,
    hash: plan.hash,
    counts: plan.counts,
    ownership: { ...plan.ownership, markOwned: plan.items.filter((i) => i.markOwned).map((i) => i.name) },
    pendingApprovals: plan.pendingApprovals,
    items: plan.items.map(redactItem),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function redactItem(item: PlanItem): PlanItem {
  return item.desired === undefined ? item : { ...item, desired: redactDesiredScript(item.desired) };
}

const ACTIONS: readonly string[] = PLAN_ACTIONS;

/** Reads a plan file back; undefined when the text is not a plan file of this format. */
export function parsePlanFile(text: string): PlanFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return toPlanFile(value);
}

/** Narrows a parsed JSON value (a plan file, or a Plan object) to the PlanFile shape. */
export function toPlanFile(value: unknown): PlanFile | undefined {
  if (!isRecord(value) || typeof value.hash !== 'string' || !Array.isArray(value.items)) return undefined;
  const items: PlanFile['items'][number][] = [];
  for (const raw of value.items as unknown[]) {
    if (!isRecord(raw) || typeof raw.name !== 'string' || !ACTIONS.includes(String(raw.action)))
      return undefined;
    const changes = Array.isArray(raw.changes) ? (raw.changes as unknown[]) : [];
    items.push({
      action: raw.action as PlanAction,
      name: raw.name,
      ...(typeof raw.uuid === 'string' ? { uuid: raw.uuid } : {}),
      changes: changes.flatMap((c) =>
        isRecord(c) && typeof c.field === 'string' ? [{ field: c.field }] : [],
      ),
    });
  }
  const format = typeof value.format === 'string' ? value.format : PLAN_FILE_FORMAT;
  return { format, hash: value.hash, items };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
