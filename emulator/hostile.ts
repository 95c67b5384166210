/**
 * Answers no honest COC gives, switched on with faults (FaultConfig.listBodyBytes, listPaging,
 * errorBodyOn200) so that attack tests run against the same emulator as everything else: a list
 * body too big to hold, a list that never ends or loops on its marker, and a 200 whose body is a
 * gateway error.
 */
import type { ServerResponse } from 'node:http';
import { checkList } from './requests.js';
import type { ScriptStore } from './store.js';
import type { ListPaging } from './types.js';
import { listItemView, type ViewOptions } from './views.js';

/** Invented scripts of an endless list have ids from here on (far above any stored id). */
const GHOST_BASE = 1_000_000_000_000;
const PADDING_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** A list item of the documented shape for a script that does not exist. */
function ghost(id: number): Record<string, unknown> {
  return {
    id,
    script_uuid: `SCGHOST${id}`,
    name: `ghost_${id}`,
    type: 'SHELL',
    status: 'APPROVED',
    enterprise_project_id: '0',
    properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [] },
    resource_tags: [],
  };
}

/**
 * The list page a hostile `listPaging` gives for `query`; `undefined` for an invalid query (the
 * honest handler answers it). `repeat`: the first page whatever the marker. `endless`: the stored
 * scripts and then invented ones, every page full, no `total`.
 */
export function hostileListBody(
  paging: Exclude<ListPaging, 'honest'>,
  store: ScriptStore,
  view: ViewOptions,
  query: Record<string, string>,
): unknown {
  const checked = checkList(query);
  if (!checked.ok) return undefined;
  const { limit, marker } = checked.value;
  if (paging === 'repeat') {
    const { marker: _ignored, ...first } = checked.value;
    const page = store.list(first);
    return { data: { total: page.total, data: page.items.map((r) => listItemView(r, view)) } };
  }
  const inGhosts = marker !== undefined && marker >= GHOST_BASE;
  const stored = inGhosts ? [] : store.list(checked.value).items.map((r) => listItemView(r, view));
  const from = inGhosts ? marker + 1 : GHOST_BASE;
  const ghosts = Array.from({ length: limit - stored.length }, (_, i) => ghost(from + i));
  return { data: { data: [...stored, ...ghosts] } };
}

/** The 200 a confused gateway gives: an authentication error body, and no `data`. */
export function errorBodyOn200(requestId: string): unknown {
  return {
    error_code: 'APIGW.0301',
    error_msg: 'Incorrect IAM authentication information: verify aksk signature fail',
    request_id: requestId,
  };
}

/**
 * Writes `body` as JSON followed by spaces up to `bytes` bytes, in chunks as the client reads
 * them, without Content-Length (so only reading tells how big it is). Stops when the client goes.
 */
export function sendPadded(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  bytes: number,
): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'X-Request-Id': requestId });
  res.write(text);
  let left = bytes - text.length;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= PADDING_CHUNK.length ? PADDING_CHUNK : PADDING_CHUNK.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
