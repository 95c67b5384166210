/**
 * The COC script client (docs/coc-api.md §4) behind the CocApi interface. Every call goes through the
 * shared request loop (retries, timeouts, bounded concurrency) and parses its answer with zod.
 */
import type { RemoteScriptSummary } from '../model.js';
import type {
  CocApi,
  CreateScriptBody,
  ListQuery,
  ModifyScriptBody,
  ScriptDetail,
  UpdateTagsBody,
} from './api.js';
import { CocApiError, isNotFound } from './errors.js';
import type { CallSpec, Executor, HttpResponse } from './request.js';
import { acceptAnyBody } from './request.js';
import { createScriptSafely } from './safe-create.js';
import { detailResponseSchema, listResponseSchema, toDetail, toSummary, uuidResponseSchema } from './wire.js';

const SCRIPTS_PATH = '/v1/job/scripts';
/** The list API's maximum page size. */
export const PAGE_LIMIT = 100;
/** `name_like` accepts at most 32 characters. */
export const NAME_LIKE_MAX = 32;
/**
 * Pages one listing may take (100,000 scripts, far above any account): a server that pages on
 * for ever is stopped here instead of running the run out of memory.
 */
export const MAX_LIST_PAGES = 1_000;

export interface CocClientOptions {
  readonly executor: Executor;
  /**
   * Sent as `enterprise_project_id` on list only when set: unset lists the scripts of every
   * enterprise project (Terraform's data source does the same).
   */
  readonly enterpriseProjectId: string | undefined;
  /** Closes the transport (the keep-alive Agent). */
  readonly close: () => Promise<void>;
}

function json(response: HttpResponse): unknown {
  return JSON.parse(response.body);
}

function scriptPath(uuid: string): string {
  return `${SCRIPTS_PATH}/${encodeURIComponent(uuid)}`;
}

/** Cuts a name to the first 32 characters (code points, not UTF-16 units). */
export function nameLikeValue(name: string): string {
  return Array.from(name).slice(0, NAME_LIKE_MAX).join('');
}

function listQuery(
  query: ListQuery,
  marker: number | undefined,
  epId: string | undefined,
): [string, string][] {
  const pairs: [string, string][] = [['limit', String(PAGE_LIMIT)]];
  if (marker !== undefined) pairs.push(['marker', String(marker)]);
  if (query.nameLike !== undefined && query.nameLike.length > 0)
    pairs.push(['name_like', nameLikeValue(query.nameLike)]);
  if (epId !== undefined && epId.length > 0) pairs.push(['enterprise_project_id', epId]);
  return pairs;
}

/** One list answer: the page and the `total` the server claims, if any. */
interface ListPage {
  readonly items: readonly RemoteScriptSummary[];
  readonly total: number | undefined;
}

function parseListPage(response: HttpResponse): ListPage {
  const { data } = listResponseSchema.parse(json(response));
  return { items: (data.data ?? []).map(toSummary), total: data.total ?? undefined };
}

/** A listing the client ends because the server's pages cannot be trusted to end. */
function listingError(problem: string): CocApiError {
  return new CocApiError({
    operation: 'listing',
    kind: 'invalid-response',
    httpStatus: 200,
    apiMessage: problem,
  });
}

/**
 * Follows the `id` marker page by page. It stops at an empty or short page (docs/coc-api.md
 * §4.1) and once `total` scripts came; it fails (nothing listed can then be trusted to be
 * complete) on a page above the limit, a marker seen before, or page 1,001.
 */
async function* listPages(
  executor: Executor,
  epId: string | undefined,
  query: ListQuery,
): AsyncIterable<readonly RemoteScriptSummary[]> {
  const markers = new Set<number>();
  let marker: number | undefined;
  let listed = 0;
  for (let number = 1; ; number += 1) {
    if (number > MAX_LIST_PAGES) {
      const count = `${MAX_LIST_PAGES.toLocaleString('en-US')} pages (${listed.toLocaleString('en-US')} scripts)`;
      throw listingError(`the list did not end after ${count}; stopped there`);
    }
    const spec: CallSpec = {
      operation: 'listing',
      method: 'GET',
      path: SCRIPTS_PATH,
      query: listQuery(query, marker, epId),
    };
    const { items, total } = await executor.execute(spec, parseListPage);
    if (items.length > PAGE_LIMIT) {
      throw listingError(`page ${number} holds ${items.length} scripts for limit=${PAGE_LIMIT}`);
    }
    if (items.length > 0) yield items;
    listed += items.length;
    const last = items.at(-1);
    if (items.length < PAGE_LIMIT || last === undefined) return;
    // Before `total`: a page that came already is no progress towards it.
    if (markers.has(last.id)) {
      throw listingError(`the list repeated marker ${last.id} on page ${number}: its pages loop`);
    }
    if (total !== undefined && listed >= total) return;
    markers.add(last.id);
    marker = last.id;
  }
}

async function getScript(executor: Executor, uuid: string): Promise<ScriptDetail | undefined> {
  try {
    const spec: CallSpec = { operation: 'reading', target: uuid, method: 'GET', path: scriptPath(uuid) };
    return await executor.execute(spec, (r) => toDetail(detailResponseSchema.parse(json(r)).data));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function modifyScript(executor: Executor, uuid: string, body: ModifyScriptBody): Promise<void> {
  const spec: CallSpec = { operation: 'updating', target: uuid, method: 'PUT', path: scriptPath(uuid), body };
  await executor.execute(spec, acceptAnyBody);
}

/** The tags API of custom scripts (docs/coc-api.md §4.7): a path of its own, outside /v1/job. */
function tagsUpdatePath(uuid: string): string {
  return `/v1/script/coc:script/${encodeURIComponent(uuid)}/tags/update`;
}

async function updateTags(executor: Executor, uuid: string, body: UpdateTagsBody): Promise<void> {
  const spec: CallSpec = {
    operation: 'tagging',
    target: uuid,
    method: 'POST',
    path: tagsUpdatePath(uuid),
    body,
  };
  // Replacing the whole set is idempotent, so the usual retries are safe. Its answer body is
  // undocumented: any 2xx is a success, as for every write.
  await executor.execute(spec, acceptAnyBody);
}

async function deleteScript(executor: Executor, uuid: string): Promise<'deleted' | 'not-found'> {
  // After an attempt that may have applied, "not found" on the retry means we deleted it.
  let mayHaveApplied = false;
  const noteAmbiguity = (ambiguous: boolean): Promise<undefined> => {
    mayHaveApplied ||= ambiguous;
    return Promise.resolve(undefined);
  };
  try {
    const spec: CallSpec = { operation: 'deleting', target: uuid, method: 'DELETE', path: scriptPath(uuid) };
    await executor.execute(spec, acceptAnyBody, noteAmbiguity);
    return 'deleted';
  } catch (error) {
    if (isNotFound(error)) return mayHaveApplied ? 'deleted' : 'not-found';
    throw error;
  }
}

async function approveScript(
  executor: Executor,
  uuid: string,
  status: 'APPROVED' | 'REJECTED',
  comments: string | undefined,
): Promise<void> {
  const body = comments === undefined ? { status } : { status, comments };
  const path = `${scriptPath(uuid)}/action`;
  const spec: CallSpec = { operation: 'approving', target: uuid, method: 'POST', path, body };
  await executor.execute(spec, acceptAnyBody);
}

/** Creates the client. Prefer connectCoc(), which also resolves endpoints and credentials. */
export function createCocClient(options: CocClientOptions): CocApi {
  const { executor, enterpriseProjectId } = options;
  const listScripts = async (query: ListQuery = {}): Promise<readonly RemoteScriptSummary[]> => {
    const all: RemoteScriptSummary[] = [];
    for await (const page of listPages(executor, enterpriseProjectId, query)) all.push(...page);
    return all;
  };
  // Names are unique across the account, not per enterprise project: the lookup that decides
  // whether a create happened (or collided) searches every enterprise project.
  const findByName = async (name: string): Promise<string | undefined> => {
    for await (const page of listPages(executor, undefined, { nameLike: name })) {
      const found = page.find((script) => script.name === name);
      if (found) return found.uuid;
    }
    return undefined;
  };
  const parseUuid = (r: HttpResponse): string => uuidResponseSchema.parse(json(r)).data;
  return {
    listPages: (query = {}) => listPages(executor, enterpriseProjectId, query),
    listScripts,
    getScript: (uuid) => getScript(executor, uuid),
    createScript: (body: CreateScriptBody) => createScriptSafely(executor, findByName, body, parseUuid),
    modifyScript: (uuid, body) => modifyScript(executor, uuid, body),
    updateTags: (uuid, body) => updateTags(executor, uuid, body),
    deleteScript: (uuid) => deleteScript(executor, uuid),
    approveScript: (uuid, status, comments) => approveScript(executor, uuid, status, comments),
    stats: () => ({ requests: executor.counters.requests, retries: executor.counters.retries }),
    close: options.close,
  };
}
