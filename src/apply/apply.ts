/**
 * Runs a plan against COC: creates and updates first, deletes last, each item on its own (one
 * failure never stops the others), every write read back with GET. The only code that writes.
 */
import type { CocApi } from '../coc/api.js';
import { toErrorInfo, type CocApiError } from '../coc/errors.js';
import { isRunStop } from '../coc/stop.js';
import { isCancelled } from '../coc/errors.js';
import { cancelledBy, type Cancellation } from '../common/cancel.js';
import type { Surface } from '../config/names.js';
import { setVariableHint } from '../config/words.js';
import type { Diagnostic } from '../errors.js';
import type { Logger } from '../log.js';
import {
  isUnsetEnvParam,
  type ApiErrorInfo,
  type ItemResult,
  type Plan,
  type PlanItem,
  type ScriptStatus,
  type Tag,
} from '../model.js';
import { renderTags } from '../common/tags.js';
import { toCreateBody, toModifyBody, toTagsBody } from './body.js';
import { mapWithConcurrency } from '../common/pool.js';
import { plural } from '../common/text.js';
import { wroteScript } from '../report/view.js';

export interface ApplyOptions {
  readonly concurrency: number;
  readonly logger: Logger;
  /** The run's cancel: once requested, no further item starts (common/cancel.ts). */
  readonly cancellation?: Cancellation;
  /** Unset: creates go to COC's default enterprise project. */
  readonly enterpriseProjectId: string | undefined;
}

/** Read-back status reported for a script that is gone after its delete. */
export const DELETED_STATUS = 'DELETED';

/**
 * Applies every create, update and delete of the plan and returns one result per plan item, in
 * plan order; blocked and no-op items are not acted on (`unchanged`), except a no-op that only
 * needs its ownership tag, which gets the tags update alone. Never throws for an item: failures
 * are results. Call findMissingEnvValues() first.
 */
export async function applyPlan(plan: Plan, api: CocApi, options: ApplyOptions): Promise<ItemResult[]> {
  const results = new Map<PlanItem, ItemResult>();
  // Once a fatal answer stopped the client, no item starts and none logs its own failure.
  let stop: CocApiError | undefined;
  const run = async (items: PlanItem[]): Promise<void> => {
    await mapWithConcurrency(items, options.concurrency, async (item) => {
      const by = cancelledBy(options.cancellation);
      if (by !== undefined) return void results.set(item, notStartedResult(item, by));
      try {
        results.set(item, stop ? stoppedResult(item, stop) : await applyItem(item, api, options));
      } catch (error) {
        if (!isRunStop(error)) throw error;
        stop ??= error;
        results.set(item, stoppedResult(item, stop));
      }
    });
  };
  // Writes before deletes: a failed create must not leave the account without either script.
  await run(plan.items.filter((i) => i.action === 'create' || i.action === 'update' || isMarkOnly(i)));
  await run(plan.items.filter((i) => i.action === 'delete'));
  if (stop) logStop(stop, [...results.values()], options.logger);
  const by = cancelledBy(options.cancellation);
  if (by !== undefined) logCancel(by, [...results.values()], options.logger);
  return plan.items.map((item) => results.get(item) ?? skipItem(item, options.logger));
}

/** An item the run could not write because it stopped (before or while sending it). */
function stoppedResult(item: PlanItem, stop: CocApiError): ItemResult {
  return {
    item,
    outcome: 'failed',
    ...(item.uuid === undefined ? {} : { uuid: item.uuid }),
    error: stop.toApiErrorInfo(),
  };
}

/** An item that never started because the run was cancelled before its turn. */
function notStartedResult(item: PlanItem, by: string): ItemResult {
  return {
    item,
    outcome: 'failed',
    ...(item.uuid === undefined ? {} : { uuid: item.uuid }),
    error: { message: `not started: the run was cancelled (${by})`, stopsRun: 'cancelled' },
  };
}

function logCancel(by: string, results: readonly ItemResult[], logger: Logger): void {
  const made = results.filter(wroteScript).length;
  logger.info(
    `The run was cancelled (${by}): ${made} of ${results.length} items written before it; the rest were not started or cut short.`,
  );
}

function logStop(stop: CocApiError, results: readonly ItemResult[], logger: Logger): void {
  const notApplied = results.filter((r) => r.outcome === 'failed').length;
  logger.info(
    `The run stopped: ${stop.message}. ${notApplied} of ${plural(results.length, 'item')} not applied.`,
  );
}

/** Write requests apply will send: a create/modify/delete, and a tags update, per item. */
export function countWrites(plan: Plan): number {
  return plan.items.reduce((total, item) => {
    const script = item.action === 'create' || item.action === 'delete' || item.desired !== undefined;
    const skipped = item.action === 'blocked' || item.action === 'unreadable';
    const acted = !skipped && (item.action !== 'noop' || isMarkOnly(item));
    return acted ? total + (script ? 1 : 0) + (item.tags === undefined ? 0 : 1) : total;
  }, 0);
}

/** A no-op whose only write is the ownership tag (a script adopted by name or uuid). */
export function isMarkOnly(item: PlanItem): boolean {
  return item.action === 'noop' && item.tags !== undefined;
}

function skipItem(item: PlanItem, logger: Logger): ItemResult {
  if (item.action === 'unreadable') {
    // Never written: its remote state is unknown. A failure like a failed write, reported as one.
    logger.info(`failed to read ${item.name}: ${item.readError?.message ?? 'unknown error'}`);
    return {
      item,
      outcome: 'failed',
      ...(item.uuid === undefined ? {} : { uuid: item.uuid }),
      error: item.readError ?? { message: 'could not be read' },
    };
  }
  if (item.action === 'blocked') logger.info(`skipped ${item.name} (blocked): ${item.reason ?? ''}`);
  else logger.debug(`unchanged ${item.name}`);
  return { item, outcome: 'unchanged' };
}

/** One item: its write, then the read-back. A stop of the run is rethrown (applyPlan handles it). */
async function applyItem(item: PlanItem, api: CocApi, options: ApplyOptions): Promise<ItemResult> {
  let uuid: string | undefined = item.uuid;
  try {
    uuid = await write(item, api, options.enterpriseProjectId);
  } catch (error) {
    if (isRunStop(error)) throw error;
    return failed(item, uuid, toErrorInfo(error), options.logger);
  }
  if (item.tags !== undefined) {
    try {
      await api.updateTags(uuid, toTagsBody(item.tags));
    } catch (error) {
      if (isRunStop(error)) throw error;
      // The script write stands; only its tags are missing. A rerun plans the tags again.
      const result = failed(item, uuid, afterScriptWrite(item, uuid, toErrorInfo(error)), options.logger);
      return item.desired === undefined ? result : { ...result, scriptWritten: true };
    }
  }
  const read = await readBack(item, uuid, api, options.logger);
  options.logger.info(describeApplied(item, uuid, read.status));
  return {
    item,
    outcome: 'applied',
    uuid,
    ...(read.status === undefined ? {} : { readBackStatus: read.status }),
    ...(read.tags === undefined ? {} : { readBackTags: read.tags }),
  };
}

function failed(item: PlanItem, uuid: string | undefined, info: ApiErrorInfo, logger: Logger): ItemResult {
  // A log line like every other item's; the error annotation comes from the report (publish.ts).
  logger.info(`failed to ${verbOf(item)} ${item.name}: ${info.message}`);
  return { item, outcome: 'failed', ...(uuid === undefined ? {} : { uuid }), error: info };
}

/** A tags update failed after the create/modify went through: say what did happen. */
function afterScriptWrite(item: PlanItem, uuid: string, info: ApiErrorInfo): ApiErrorInfo {
  const done =
    item.desired === undefined
      ? ''
      : `the script was ${item.action === 'create' ? 'created' : 'updated'} (${uuid}), but `;
  return { ...info, message: `${done}setting its tags failed: ${info.message}` };
}

/**
 * Sends the item's create, modify or delete and returns the script's uuid (the new one for a
 * create). A tag-only update or an ownership mark sends nothing here.
 */
async function write(item: PlanItem, api: CocApi, enterpriseProjectId: string | undefined): Promise<string> {
  if (item.action === 'create') {
    return api.createScript(toCreateBody(requireDesired(item), enterpriseProjectId));
  }
  const uuid = item.uuid;
  if (uuid === undefined) throw new Error(`cannot ${item.action} ${item.name}: the plan has no uuid for it`);
  if (item.action === 'delete') {
    // Already gone is what a delete wants: not a failure.
    await api.deleteScript(uuid);
  } else if (item.desired !== undefined) {
    await api.modifyScript(uuid, toModifyBody(item.desired));
  } else if (item.tags === undefined) {
    throw new Error(`cannot ${item.action} ${item.name}: the plan sends nothing for it`);
  }
  return uuid;
}

function requireDesired(item: PlanItem): NonNullable<PlanItem['desired']> {
  if (item.desired === undefined)
    throw new Error(`cannot ${item.action} ${item.name}: the plan has no desired state`);
  return item.desired;
}

/** What the GET after a write showed. */
interface ReadBack {
  readonly status?: ScriptStatus;
  readonly tags?: readonly Tag[];
}

/**
 * GET after the write, for the status people need to see (a modified script with reviewers is
 * back in review) and the tags a tags update left. The write itself succeeded, so a failed
 * read-back is a warning, not a failure.
 */
async function readBack(item: PlanItem, uuid: string, api: CocApi, logger: Logger): Promise<ReadBack> {
  try {
    const detail = await api.getScript(uuid);
    if (item.action === 'delete') {
      if (detail === undefined) return { status: DELETED_STATUS };
      logger.warning(`${item.name} (${uuid}) still exists after its delete (status ${detail.status})`);
      return { status: detail.status };
    }
    if (detail === undefined) {
      logger.warning(`${item.name} (${uuid}) was not found when read back`);
      return {};
    }
    if (item.tags === undefined) return { status: detail.status };
    if (!sameTags(detail.resource_tags, item.tags))
      logger.warning(
        `${item.name} (${uuid}) does not carry the tags that were sent: ${renderTags(detail.resource_tags)}`,
      );
    return { status: detail.status, tags: detail.resource_tags };
  } catch (error) {
    // The write went through; after a stop or a cancel the status is simply unknown, said once.
    if (!isRunStop(error) && !isCancelled(error)) {
      logger.warning(`could not read back ${item.name} (${uuid}): ${toErrorInfo(error).message}`);
    }
    return {};
  }
}

/** Both lists are in key order (the plan and the client sort them). */
function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag.key === b[i]?.key && tag.value === b[i]?.value);
}

function verbOf(item: PlanItem): string {
  return isMarkOnly(item) ? 'mark as owned' : item.action;
}

function describeApplied(item: PlanItem, uuid: string, status: ScriptStatus | undefined): string {
  const verb = isMarkOnly(item)
    ? 'marked as owned'
    : item.action === 'create'
      ? 'created'
      : item.action === 'update'
        ? 'updated'
        : 'deleted';
  const after = status === undefined ? '' : `: ${status}`;
  const reset =
    item.reviewerReset && item.desired !== undefined
      ? ` (back in review; reviewers ${item.desired.reviewers.map((r) => r.name).join(', ')})`
      : '';
  const why = item.action === 'delete' && item.reason !== undefined ? ` (${item.reason})` : '';
  const tags = item.tags === undefined ? '' : `; tags ${renderTags(item.tags)}`;
  return `${verb} ${item.name} (${uuid})${after}${reset}${why}${tags}`;
}

/**
 * Every `value_from_env` variable that is unset while an item would send it: an error per
 * parameter, found before any write so that apply sends nothing at all.
 */
export function findMissingEnvValues(plan: Plan, surface: Surface): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const item of plan.items) {
    if ((item.action !== 'create' && item.action !== 'update') || item.desired === undefined) continue;
    for (const param of item.desired.params.filter(isUnsetEnvParam)) {
      // At the param's own line, where the user has to look.
      const location = param.location ?? item.location;
      diagnostics.push({
        severity: 'error',
        message:
          `environment variable \`${param.value.variable}\` is not set: parameter \`${param.name}\` of ` +
          `\`${item.name}\` reads its value from it (value_from_env) and the plan would ${item.action} the script. ` +
          setVariableHint(surface, param.value.variable),
        ...(location === undefined ? {} : { location }),
      });
    }
  }
  return diagnostics;
}
