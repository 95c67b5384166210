/**
 * An in-memory CocApi for the engine's unit tests: pages of a fixed list, details by uuid, a
 * call log, and hooks to hold a page back (to observe overlap) or fail a call.
 */
import type {
  CocApi,
  CreateScriptBody,
  ModifyScriptBody,
  ScriptDetail,
  UpdateTagsBody,
} from '../../src/coc/api.js';
import type { RemoteScriptSummary } from '../../src/model.js';

export interface FakeCall {
  readonly op: 'list' | 'get' | 'create' | 'modify' | 'tags' | 'delete';
  readonly arg?: string;
  readonly body?: CreateScriptBody | ModifyScriptBody | UpdateTagsBody;
}

export interface FakeApi extends CocApi {
  readonly calls: FakeCall[];
  readonly details: Map<string, ScriptDetail>;
  /** Called before a page is yielded; await something in it to hold the listing back. */
  beforePage?: (index: number) => Promise<void>;
  /** Throws for matching calls. */
  failWhen?: (call: FakeCall) => Error | undefined;
}

/** A detail of the documented shape with sensible defaults. */
export function detail(uuid: string, name: string, overrides: Partial<ScriptDetail> = {}): ScriptDetail {
  return {
    script_uuid: uuid,
    name,
    type: 'SHELL',
    description: `${name} script`,
    content: `echo ${name}\n`,
    status: 'APPROVED',
    properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [], protocol: undefined },
    script_params: [],
    resource_tags: [],
    ...overrides,
  };
}

/** A fake over `scripts`, listed in pages of `pageSize`. */
export function createFakeApi(scripts: readonly ScriptDetail[], pageSize = 2): FakeApi {
  const details = new Map(scripts.map((s) => [s.script_uuid, s]));
  const calls: FakeCall[] = [];
  let created = 0;
  const record = (call: FakeCall): void => {
    calls.push(call);
    const error = api.failWhen?.(call);
    if (error) throw error;
  };
  const summaries = (): RemoteScriptSummary[] =>
    [...details.values()].map((d, i) => ({
      id: i + 1,
      uuid: d.script_uuid,
      name: d.name,
      type: d.type,
      status: d.status,
      tags: d.resource_tags,
    }));
  const api: FakeApi = {
    calls,
    details,
    async *listPages() {
      const all = summaries();
      for (let index = 0; index * pageSize < all.length; index += 1) {
        record({ op: 'list', arg: String(index) });
        await api.beforePage?.(index);
        yield all.slice(index * pageSize, (index + 1) * pageSize);
      }
    },
    listScripts() {
      return Promise.resolve(summaries());
    },
    async getScript(uuid) {
      await Promise.resolve();
      record({ op: 'get', arg: uuid });
      return details.get(uuid);
    },
    async createScript(body) {
      await Promise.resolve();
      record({ op: 'create', arg: body.name, body });
      created += 1;
      const uuid = `SCNEW${String(created).padStart(4, '0')}`;
      details.set(
        uuid,
        detail(uuid, body.name, {
          status: (body.properties.reviewers ?? []).length > 0 ? 'PENDING_APPROVE' : 'APPROVED',
        }),
      );
      return uuid;
    },
    async modifyScript(uuid, body) {
      await Promise.resolve();
      record({ op: 'modify', arg: uuid, body });
      const old = details.get(uuid);
      if (old)
        details.set(uuid, {
          ...old,
          status: (body.properties.reviewers ?? []).length > 0 ? 'PENDING_APPROVE' : 'APPROVED',
        });
    },
    async updateTags(uuid, body) {
      await Promise.resolve();
      record({ op: 'tags', arg: uuid, body });
      const old = details.get(uuid);
      if (old) details.set(uuid, { ...old, resource_tags: [...body.tags] });
    },
    async deleteScript(uuid) {
      await Promise.resolve();
      record({ op: 'delete', arg: uuid });
      return details.delete(uuid) ? 'deleted' : 'not-found';
    },
    approveScript() {
      return Promise.resolve();
    },
    stats: () => ({ requests: calls.length, retries: 0 }),
    close: () => Promise.resolve(),
  };
  return api;
}
