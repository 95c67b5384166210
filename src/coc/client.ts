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
import { isNotFound } from './errors.js';
import type { CallSpec, Executor, HttpResponse } from './request.js';
import { acceptAnyBody } from './request.js';
import { createScriptSafely } from './safe-create.js';
import { detailResponseSchema, listResponseSchema, toDetail, toSummary, uuidResponseSchema } from './wire.js';

const SCRIPTS_PATH = '/v1/job/scripts';
/** The list API's maximum page size. */
export const PAGE_LIMIT = 100;
/** `name_like` accepts at most 32 characters. */
export const NAME_LIKE_MAX = 32;

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

async function* listPages(
  executor: Executor,
  epId: string | undefined,
  query: ListQuery,
): AsyncIterable<readonly RemoteScriptSummary[]> {
  let marker: number | undefined;
  for (;;) {
    const spec: CallSpec = {
      operation: 'listing',
      method: 'GET',
      path: SCRIPTS_PATH,
      query: listQuery(query, marker, epId),
    };
    const page = await executor.execute(spec, (r) =>
      (listResponseSchema.parse(json(r)).data?.data ?? []).map(toSummary),
    );
    if (page.length > 0) yield page;
    const last = page.at(-1);
    // A server that repeats the marker would loop forever; stop instead.
    if (page.length < PAGE_LIMIT || last === undefined || last.id === marker) return;
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
