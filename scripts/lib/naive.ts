/**
 * The baseline: the same sync work done the way a hand-written script would do it — one request
 * at a time with fetch: list every page, GET every script, PUT the changed ones (and read each
 * back, so it makes exactly the requests the action makes).
 */
import type { ScriptSpec } from '../../__tests__/support/generate.js';

/** What the naive loop did. */
export interface NaiveResult {
  readonly wallMs: number;
  readonly requests: number;
  readonly changed: number;
}

interface ListItem {
  readonly id: number;
  readonly script_uuid: string;
  readonly name: string;
}

interface Detail {
  readonly description: string;
  readonly content: string;
  readonly properties: { readonly risk_level: string; readonly version: string };
}

/** Runs list + GET each (+ PUT and read back the changed ones when `write`). */
export async function naiveSync(
  baseUrl: string,
  token: string,
  desired: readonly ScriptSpec[],
  write: boolean,
): Promise<NaiveResult> {
  const started = performance.now();
  let requests = 0;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    requests += 1;
    const init: RequestInit = {
      method,
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${baseUrl}${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return (JSON.parse(text) as { data: T }).data;
  };
  const byName = new Map(desired.map((spec) => [spec.name, spec]));
  let changed = 0;
  for (const item of await listAll(call)) {
    const spec = byName.get(item.name);
    if (!spec) continue;
    const detail = await call<Detail>('GET', `/v1/job/scripts/${item.script_uuid}`);
    if (!write || !differs(spec, detail)) continue;
    changed += 1;
    await call('PUT', `/v1/job/scripts/${item.script_uuid}`, modifyBody(spec));
    await call<Detail>('GET', `/v1/job/scripts/${item.script_uuid}`);
  }
  return { wallMs: performance.now() - started, requests, changed };
}

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

async function listAll(call: Call): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let marker: number | undefined;
  for (;;) {
    const query = marker === undefined ? '' : `&marker=${marker}`;
    const page = await call<{ data?: ListItem[] }>('GET', `/v1/job/scripts?limit=100${query}`);
    const data = page.data ?? [];
    items.push(...data);
    if (data.length < 100) return items;
    marker = data[data.length - 1]?.id;
  }
}

function differs(spec: ScriptSpec, detail: Detail): boolean {
  return (
    spec.content !== detail.content ||
    spec.description !== detail.description ||
    spec.version !== detail.properties.version ||
    spec.riskLevel !== detail.properties.risk_level
  );
}

/** The PUT body that makes the remote script equal to `spec` (the ideal client sends it too). */
export function modifyBody(spec: ScriptSpec): unknown {
  return {
    description: spec.description,
    content: spec.content,
    properties: { risk_level: spec.riskLevel, version: spec.version, reviewers: [] },
    script_params: spec.params.map((param, index) => ({
      param_name: param.name,
      param_value: param.value,
      param_description: param.description,
      param_order: index + 1,
      sensitive: param.sensitive,
    })),
  };
}
