/**
 * Runs a plan against COC: creates and updates first, deletes last, each item on its own (one
 * failure never stops the others), every write read back with GET. The only code that writes.
 */
import type { CocApi } from '../coc/api.js';
import { CocApiError } from '../coc/errors.js';
import { isRunStop } from '../coc/stop.js';
import { errorMessage, type Diagnostic } from '../errors.js';
import type { Logger } from '../log.js';
import type { ApiErrorInfo, ItemResult, Plan, PlanItem, ScriptStatus } from '../model.js';
import { toCreateBody, toModifyBody } from './body.js';
import { mapWithConcurrency } from '../common/pool.js';

export interface ApplyOptions {
  readonly concurrency: number;
  readonly logger: Logger;
  /** Unset: creates go to COC's default enterprise project. */
  readonly enterpriseProjectId: string | undefined;
}

/** Read-back status reported for a script that is gone after its delete. */
export const DELETED_STATUS = 'DELETED';

/**
 * Applies every create, update and delete of the plan and returns one result per plan item, in
 * plan order; blocked and no-op items are not acted on (`unchanged`). Never throws for an item:
 * failures are results. Call findMissingEnvValues() first.
 */
export async function applyPlan(plan: Plan, api: CocApi, options: ApplyOptions): Promise<ItemResult[]> {
  const results = new Map<PlanItem, ItemResult>();
  // Once a fatal answer stopped the client, no item starts and none logs its own failure.
  let stop: CocApiError | undefined;
  const run = async (items: PlanItem[]): Promise<void> => {
    await mapWithConcurrency(items, options.concurrency, async (item) => {
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
  await run(plan.items.filter((i) => i.action === 'create' || i.action === 'update'));
  await run(plan.items.filter((i) => i.action === 'delete'));
  if (stop) logStop(stop, [...results.values()], options.logger);
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

function logStop(stop: CocApiError, results: readonly ItemResult[], logger: Logger): void {
  const notApplied = results.filter((r) => r.outcome === 'failed').length;
  logger.info(`The run stopped: ${stop.message}. ${notApplied} of ${results.length} items were not applied.`);
}

function skipItem(item: PlanItem, logger: Logger): ItemResult {
  if (item.action === 'blocked') logger.info(`skipped ${item.name} (blocked): ${item.reason ?? ''}`);
  else logger.debug(`unchanged ${item.name}`);
  return { item, outcome: 'unchanged' };
}

/** One item: its write, then the read-back. A stop of the run is rethrown (applyPlan handles it). */
async function applyItem(item: PlanItem, api: CocApi, options: ApplyOptions): Promise<ItemResult> {
  let uuid: string;
  try {
    uuid = await write(item, api, options.enterpriseProjectId);
  } catch (error) {
    if (isRunStop(error)) throw error;
    const info = toErrorInfo(error);
    // A log line like every other item's; the error annotation comes from the report (publish.ts).
    options.logger.info(`failed to ${item.action} ${item.name}: ${info.message}`);
    return { item, outcome: 'failed', ...(item.uuid === undefined ? {} : { uuid: item.uuid }), error: info };
  }
  const status = await readBack(item, uuid, api, options.logger);
  options.logger.info(describeApplied(item, uuid, status));
  return { item, outcome: 'applied', uuid, ...(status === undefined ? {} : { readBackStatus: status }) };
}

/** Sends the item's one write and returns the script's uuid (the new one for a create). */
async function write(item: PlanItem, api: CocApi, enterpriseProjectId: string | undefined): Promise<string> {
  if (item.action === 'create') {
    return api.createScript(toCreateBody(requireDesired(item), enterpriseProjectId));
  }
  const uuid = item.uuid;
  if (uuid === undefined) throw new Error(`cannot ${item.action} ${item.name}: the plan has no uuid for it`);
  if (item.action === 'update') await api.modifyScript(uuid, toModifyBody(requireDesired(item)));
  // Already gone is what a delete wants: not a failure.
  else await api.deleteScript(uuid);
  return uuid;
}

function requireDesired(item: PlanItem): NonNullable<PlanItem['desired']> {
  if (item.desired === undefined)
    throw new Error(`cannot ${item.action} ${item.name}: the plan has no desired state`);
  return item.desired;
}

/**
 * GET after the write, for the status people need to see (a modified script with reviewers is
 * back in review). The write itself succeeded, so a failed read-back is a warning, not a failure.
 */
async function readBack(
  item: PlanItem,
  uuid: string,
  api: CocApi,
  logger: Logger,
): Promise<ScriptStatus | undefined> {
  try {
    const detail = await api.getScript(uuid);
    if (item.action === 'delete') {
      if (detail === undefined) return DELETED_STATUS;
      logger.warning(`${item.name} (${uuid}) still exists after its delete (status ${detail.status})`);
      return detail.status;
    }
    if (detail === undefined) logger.warning(`${item.name} (${uuid}) was not found when read back`);
    return detail?.status;
  } catch (error) {
    // The write went through; after a stop the status is simply unknown, said once for the run.
    if (!isRunStop(error)) {
      logger.warning(`could not read back ${item.name} (${uuid}): ${toErrorInfo(error).message}`);
    }
    return undefined;
  }
}

function describeApplied(item: PlanItem, uuid: string, status: ScriptStatus | undefined): string {
  const verb = item.action === 'create' ? 'created' : item.action === 'update' ? 'updated' : 'deleted';
  const after = status === undefined ? '' : `: ${status}`;
  const reset =
    item.reviewerReset && item.desired !== undefined
      ? ` (back in review; reviewers ${item.desired.reviewers.map((r) => r.name).join(', ')})`
      : '';
  const why = item.action === 'delete' && item.reason !== undefined ? ` (${item.reason})` : '';
  return `${verb} ${item.name} (${uuid})${after}${reset}${why}`;
}

/** API error details when the client gave them, else the message. */
export function toErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof CocApiError) return error.toApiErrorInfo();
  return { message: errorMessage(error) };
}

/**
 * Every `value_from_env` variable that is unset while an item would send it: an error per
 * parameter, found before any write so that apply sends nothing at all.
 */
export function findMissingEnvValues(plan: Plan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const item of plan.items) {
    if ((item.action !== 'create' && item.action !== 'update') || item.desired === undefined) continue;
    for (const param of item.desired.params) {
      if (param.value.source !== 'env' || param.value.value !== undefined) continue;
      diagnostics.push({
        severity: 'error',
        message:
          `environment variable \`${param.value.variable}\` is not set: parameter \`${param.name}\` of ` +
          `\`${item.name}\` reads its value from it (value_from_env) and the plan would ${item.action} the script. ` +
          `Set it in the step's \`env:\`, e.g. from a repository secret.`,
        ...(item.location === undefined ? {} : { location: item.location }),
      });
    }
  }
  return diagnostics;
}
