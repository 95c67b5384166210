/**
 * The gateway in front of the script API: latency and faults first (as a real gateway throttles
 * before routing), then routing (404 APIGW.0101), authentication (401 APIGW.0301/0303), the
 * handler, and finally the drop-after-write fault. Every COC request is logged once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { authenticate, type AuthSettings } from './auth.js';
import type { FaultInjector } from './faults.js';
import { cocError, parseJson, queryObject, sendError, sendJson, type ErrorAnswer } from './http.js';
import { errorBodyOn200, hostileListBody, sendPadded } from './hostile.js';
import { localizeMessage } from './messages.js';
import { matchRoute, NO_SUCH_API, type MatchedRoute } from './routes.js';
import type { ScriptStore } from './store.js';
import type { RequestLogEntry } from './types.js';
import type { ViewOptions } from './views.js';

/** Long-lived collaborators of the gateway. */
export interface CocDeps {
  readonly store: ScriptStore;
  readonly faults: FaultInjector;
  readonly auth: AuthSettings;
  readonly view: ViewOptions;
  readonly log: RequestLogEntry[];
  readonly now: () => number;
}

/** One request in flight. */
export interface CocExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Raw request target as received (path + query, still percent-encoded). */
  readonly raw: string;
  readonly url: URL;
  readonly method: string;
  readonly body: Buffer;
}

const INJECTED: Record<'rps' | '429' | '503', Omit<ErrorAnswer, 'status' | 'headers'>> = {
  rps: { code: 'APIGW.0308', message: 'The throttling threshold has been reached: requests per second' },
  '429': { code: 'APIGW.0308', message: 'The throttling threshold has been reached' },
  '503': { code: 'APIGW.0202', message: 'Backend unavailable' },
};

/** What the gateway does with a request. */
type Outcome =
  | { readonly kind: 'drop'; readonly fault: string }
  | { readonly kind: 'error'; readonly error: ErrorAnswer; readonly fault?: string }
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly body: unknown;
      readonly fault?: string;
      /** Pad the JSON with spaces to this many bytes, streamed (listBodyBytes). */
      readonly padTo?: number;
    };

/** The answers of a hostile server to a read, when one of its switches is on. */
function hostileRead(
  route: MatchedRoute,
  exchange: CocExchange,
  deps: CocDeps,
  entry: RequestLogEntry,
): Outcome | undefined {
  if (route.read === undefined) return undefined;
  const faults = deps.faults.config();
  if (faults.errorBodyOn200.includes(route.read)) {
    return { kind: 'answer', status: 200, body: errorBodyOn200(exchange.requestId), fault: 'error-body-200' };
  }
  if (route.read !== 'list') return undefined;
  const paging = faults.listPaging;
  const body = paging === 'honest' ? undefined : hostileListBody(paging, deps.store, deps.view, entry.query);
  const padTo = faults.listBodyBytes > 0 ? { padTo: faults.listBodyBytes } : {};
  if (body !== undefined) return { kind: 'answer', status: 200, body, fault: 'list-paging', ...padTo };
  if (faults.listBodyBytes <= 0) return undefined;
  const answer = route.handler(
    { store: deps.store, view: deps.view, user: '', query: entry.query, body: undefined },
    route.uuid,
  );
  return 'error' in answer
    ? { kind: 'error', error: answer.error }
    : { kind: 'answer', ...answer, fault: 'list-body-bytes', ...padTo };
}

function act(exchange: CocExchange, deps: CocDeps, entry: RequestLogEntry): Outcome {
  const decision = deps.faults.beforeAct();
  if (decision.kind === 'drop') return { kind: 'drop', fault: 'drop-before' };
  if (decision.kind === 'error') {
    const headers = { 'Retry-After': String(decision.retryAfter) };
    return {
      kind: 'error',
      error: { ...INJECTED[decision.fault], status: decision.status, headers },
      fault: decision.fault,
    };
  }
  const route = matchRoute(exchange.method, exchange.url.pathname);
  if (!route) return { kind: 'error', error: NO_SUCH_API };
  const [path = '', query = ''] = splitTarget(exchange.raw);
  const received = {
    method: exchange.method,
    path,
    query,
    headers: exchange.req.headers,
    body: exchange.body,
  };
  const auth = authenticate(received, deps.auth);
  if (auth.method !== undefined) entry.authMethod = auth.method;
  if (!auth.ok) return { kind: 'error', error: auth.error };
  const hostile = hostileRead(route, exchange, deps, entry);
  if (hostile) return hostile;
  if (route.tags === true && deps.faults.takeTagsFailure()) {
    const error = { status: 400, code: 'COC.00040701', message: 'internal error (injected)' };
    return { kind: 'error', error, fault: 'tags-failure' };
  }
  if (exchange.method === 'GET' && route.uuid !== '' && deps.faults.failsRead(route.uuid)) {
    return { kind: 'error', error: cocError('COC.00040701', 'internal error'), fault: 'fail-read' };
  }
  const body = parseJson(exchange.body);
  const answer = route.handler(
    { store: deps.store, view: deps.view, user: auth.user, query: entry.query, body },
    route.uuid,
  );
  // The write is applied at this point; dropping now leaves the client unsure whether it happened.
  if (route.write && deps.faults.dropAfterWrite()) return { kind: 'drop', fault: 'drop-after' };
  if ('error' in answer) return { kind: 'error', error: answer.error };
  // PUT, DELETE and approve (writes on one uuid) may answer without `data`; create never does.
  if (route.write && route.uuid !== '' && deps.faults.config().omitWriteData) {
    return { kind: 'answer', status: answer.status, body: {}, fault: 'omit-write-data' };
  }
  return { kind: 'answer', ...answer };
}

/** Handles a request that is neither a control nor an IAM request. */
export async function handleCoc(exchange: CocExchange, deps: CocDeps): Promise<void> {
  const { method, url, res, req, requestId } = exchange;
  const entry: RequestLogEntry = {
    method,
    path: url.pathname,
    query: queryObject(url),
    status: 0,
    at: deps.now(),
  };
  deps.log.push(entry);
  res.once('finish', () => {
    entry.answeredAt = deps.now();
  });
  const latency = deps.faults.config().latencyMs;
  if (latency > 0) {
    await delay(latency);
    entry.fault = 'latency';
  }
  const outcome = act(exchange, deps, entry);
  if (outcome.kind === 'drop') {
    entry.status = 'dropped';
    entry.fault = outcome.fault;
    // Destroying the socket without a status line is what a lost connection looks like.
    req.socket.destroy();
    return;
  }
  if (outcome.kind === 'error') {
    entry.status = outcome.error.status;
    if (outcome.fault !== undefined) entry.fault = outcome.fault;
    const { error } = outcome;
    const language = req.headers['x-language'];
    const message = error.code.startsWith('COC.')
      ? localizeMessage(error.message, Array.isArray(language) ? language[0] : language)
      : error.message;
    sendError(res, { ...error, message }, requestId);
    return;
  }
  entry.status = outcome.status;
  if (outcome.fault !== undefined) entry.fault = outcome.fault;
  if (outcome.padTo !== undefined) sendPadded(res, outcome.status, outcome.body, requestId, outcome.padTo);
  else sendJson(res, outcome.status, outcome.body, requestId);
}

/** Splits a raw request target into wire path and wire query (both still encoded). */
export function splitTarget(raw: string): [string, string] {
  const at = raw.indexOf('?');
  return at < 0 ? [raw, ''] : [raw.slice(0, at), raw.slice(at + 1)];
}
