/**
 * The COC script API as the engine sees it. Wire shapes are snake_case exactly as documented in
 * docs/coc-api.md §4; responses are already parsed and null-tolerant.
 */
import type { RemoteScriptSummary, ScriptStatus } from '../model.js';

export interface WireReviewer {
  readonly reviewer_name: string;
  readonly reviewer_id: string;
}

/** One `resource_tags` entry (also the element of the tags update body). */
export interface WireTag {
  readonly key: string;
  readonly value: string;
}

/** Body of POST /v1/script/coc:script/{uuid}/tags/update: the script's complete tag set. */
export interface UpdateTagsBody {
  readonly tags: readonly WireTag[];
}

export interface WireProperties {
  readonly risk_level: string;
  readonly version: string;
  readonly reviewers?: readonly WireReviewer[];
  readonly protocol?: string;
}

export interface WireParam {
  readonly param_name: string;
  readonly param_value: string;
  readonly param_description: string;
  readonly param_order: number;
  readonly sensitive: boolean;
}

/** Body of PUT /v1/job/scripts/{uuid}: never name, type or enterprise_project_id. */
export interface ModifyScriptBody {
  readonly description: string;
  readonly content: string;
  readonly properties: WireProperties;
  readonly script_params: readonly WireParam[];
}

/** Body of POST /v1/job/scripts. */
export interface CreateScriptBody extends ModifyScriptBody {
  readonly name: string;
  readonly type: string;
  readonly enterprise_project_id: string;
}

/** GET /v1/job/scripts/{uuid} `data`, parsed; nulls become undefined / empty lists. */
export interface ScriptDetail {
  readonly script_uuid: string;
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly content: string;
  readonly status: ScriptStatus;
  readonly properties: {
    readonly risk_level: string;
    readonly version: string;
    readonly reviewers: readonly WireReviewer[];
    readonly protocol: string | undefined;
  };
  readonly script_params: readonly WireParam[];
  /** `resource_tags`; absent or null read as none. */
  readonly resource_tags: readonly WireTag[];
}

export interface ListQuery {
  /** Fuzzy filter, at most 32 characters (longer values are cut by the client). */
  readonly nameLike?: string;
}

/** The operations the engine needs. Every method retries per the retry policy. */
export interface CocApi {
  /** Pages of the list API in order, following the numeric `id` marker; limit 100. */
  listPages(query?: ListQuery): AsyncIterable<readonly RemoteScriptSummary[]>;
  /** All pages of the list API. */
  listScripts(query?: ListQuery): Promise<readonly RemoteScriptSummary[]>;
  /** `undefined` when the script does not exist (COC.00040601/03/04). */
  getScript(uuid: string): Promise<ScriptDetail | undefined>;
  /**
   * Creates a script and returns its uuid. After an ambiguous failure the script is looked up
   * by exact name before any retry, so it is never created twice.
   */
  createScript(body: CreateScriptBody): Promise<string>;
  modifyScript(uuid: string, body: ModifyScriptBody): Promise<void>;
  /**
   * Replaces the script's whole tag set (`{"tags": []}` removes every tag). Any 2xx is success:
   * the response body is not documented.
   */
  updateTags(uuid: string, body: UpdateTagsBody): Promise<void>;
  /** `not-found` when the script was already gone. */
  deleteScript(uuid: string): Promise<'deleted' | 'not-found'>;
  approveScript(uuid: string, status: 'APPROVED' | 'REJECTED', comments?: string): Promise<void>;
  /** Counters for reports and benchmarks. */
  stats(): ClientStats;
  /** Closes the keep-alive agent so the process can exit. */
  close(): Promise<void>;
}

export interface ClientStats {
  readonly requests: number;
  readonly retries: number;
}
