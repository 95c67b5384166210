/**
 * The script endpoints of docs/coc-api.md §4 (and the tags update of §4.7) as pure handlers over
 * the store. Routing is exact
 * (like the gateway): anything else is 404 APIGW.0101, answered before authentication.
 */
import { cocError, type ErrorAnswer } from './http.js';
import { checkAction, checkCreate, checkList, checkModify } from './requests.js';
import type { ScriptStore } from './store.js';
import { checkTagsUpdate, tagsUpdateUuid } from './tags.js';
import { detailView, listItemView, type ViewOptions } from './views.js';

/** Everything a handler may use. */
export interface RouteContext {
  readonly store: ScriptStore;
  readonly view: ViewOptions;
  /** The authenticated caller (creator / operator). */
  readonly user: string;
  readonly query: Record<string, string>;
  /** Parsed JSON body (`undefined` when empty, an Error when malformed). */
  readonly body: unknown;
}

/** A handler's answer: a success body or an error. */
export type RouteAnswer = { readonly status: 200; readonly body: unknown } | { readonly error: ErrorAnswer };

type Handler = (context: RouteContext, uuid: string) => RouteAnswer;

/** A matched COC route. */
export interface MatchedRoute {
  readonly handler: Handler;
  readonly uuid: string;
  /** POST/PUT/DELETE: these may lose their answer after being applied (drop-after fault). */
  readonly write: boolean;
  /** The tags update (the `failTagsUpdates` fault applies to it). */
  readonly tags?: boolean;
  /** The list or the get of one script (the hostile-answer faults apply to them). */
  readonly read?: 'list' | 'get';
}

const BASE = '/v1/job/scripts';
const BAD_BODY = cocError('COC.00040601', 'The request body is invalid. body: must be JSON.');

function answer<T>(result: { ok: true; value: T } | { ok: false; error: ErrorAnswer }): RouteAnswer {
  return result.ok ? { status: 200, body: { data: result.value } } : { error: result.error };
}

function invalid(message: string): RouteAnswer {
  return { error: cocError('COC.00040601', message) };
}

const list: Handler = ({ store, view, query }) => {
  const checked = checkList(query);
  if (!checked.ok) return invalid(checked.message);
  const page = store.list(checked.value);
  return {
    status: 200,
    body: { data: { total: page.total, data: page.items.map((r) => listItemView(r, view)) } },
  };
};

const create: Handler = ({ store, user, body }) => {
  if (body instanceof Error) return { error: BAD_BODY };
  const checked = checkCreate(body);
  return checked.ok ? answer(store.create(checked.value, user)) : invalid(checked.message);
};

const get: Handler = ({ store, view }, uuid) => {
  const found = store.get(uuid);
  return found.ok ? { status: 200, body: { data: detailView(found.value, view) } } : { error: found.error };
};

const modify: Handler = ({ store, user, body }, uuid) => {
  if (body instanceof Error) return { error: BAD_BODY };
  const checked = checkModify(body);
  return checked.ok ? answer(store.modify(uuid, checked.value, user)) : invalid(checked.message);
};

const remove: Handler = ({ store }, uuid) => answer(store.remove(uuid));

const review: Handler = ({ store, user, body }, uuid) => {
  if (body instanceof Error) return { error: BAD_BODY };
  const checked = checkAction(body);
  return checked.ok ? answer(store.review(uuid, checked.value.status, user)) : invalid(checked.message);
};

const updateTags: Handler = ({ store, body }, uuid) => {
  if (body instanceof Error) return { error: BAD_BODY };
  const checked = checkTagsUpdate(body);
  // The response body is undocumented (docs/coc-api.md §4.7); `{"data": true}` like the action API.
  return checked.ok ? answer(store.setTags(uuid, checked.value)) : invalid(checked.message);
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the COC route of a method and raw path; `undefined` means 404 APIGW.0101. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const tagged = tagsUpdateUuid(path);
  if (tagged !== undefined) {
    return method === 'POST'
      ? { handler: updateTags, uuid: decodeSegment(tagged), write: true, tags: true }
      : undefined;
  }
  if (path === BASE) {
    if (method === 'GET') return { handler: list, uuid: '', write: false, read: 'list' };
    if (method === 'POST') return { handler: create, uuid: '', write: true };
    return undefined;
  }
  if (!path.startsWith(`${BASE}/`)) return undefined;
  const rest = path.slice(BASE.length + 1).split('/');
  const uuid = decodeSegment(rest[0] ?? '');
  if (uuid === '') return undefined;
  if (rest.length === 1) {
    if (method === 'GET') return { handler: get, uuid, write: false, read: 'get' };
    if (method === 'PUT') return { handler: modify, uuid, write: true };
    if (method === 'DELETE') return { handler: remove, uuid, write: true };
    return undefined;
  }
  if (rest.length === 2 && rest[1] === 'action' && method === 'POST')
    return { handler: review, uuid, write: true };
  return undefined;
}

/** The gateway's answer for an unknown API. */
export const NO_SUCH_API: ErrorAnswer = {
  status: 404,
  code: 'APIGW.0101',
  message: 'The API does not exist or has not been published in the environment',
};
