/**
 * Public shapes of the COC emulator (contract: one emulator, many test files and scripts code
 * against these names, so they only ever grow). Wire-like records stay snake_case on purpose:
 * they are what the real API would hold, not our engine's model.
 */

/** Fault injection knobs; every probability is 0..1 and drawn from a seeded RNG. */
export interface FaultConfig {
  /** Added before answering every COC request (ms). */
  latencyMs: number;
  /** Probability of answering 503 (APIGW-style body) without acting. */
  error503Rate: number;
  /** Probability of answering 429 APIGW.0308 with Retry-After without acting. */
  error429Rate: number;
  /** Value of Retry-After on injected 429/503 answers (seconds; may be 0). */
  retryAfterSeconds: number;
  /** Probability of destroying the socket before the request is acted on. */
  dropBeforeRate: number;
  /** Probability of applying a write (POST/PUT/DELETE) and then destroying the socket unanswered. */
  dropAfterRate: number;
  /** 0 = unlimited; above it COC requests get 429 APIGW.0308 with Retry-After. */
  requestsPerSecond: number;
  /** RNG seed so fault sequences are reproducible. */
  seed: number;
  /**
   * Addition: the next N tags updates are answered 400 COC.00040701 (an internal error, not
   * retried) without acting — a deterministic failure between a script write and its tags.
   */
  failTagsUpdates: number;
  /**
   * Odd but valid: successful PUT, DELETE, approve and tags-update answers carry `{}` without
   * `data` (the official SDKs type it optional). The write is applied as usual.
   */
  omitWriteData: boolean;
  /** GET of these script uuids answers 400 COC.00040701 (internal error): a script COC cannot read. */
  failReadUuids: string[];
  /**
   * The next N COC requests answer 429 APIGW.0308 (with Retry-After) without acting, whatever the
   * dice say: a throttling burst that replays exactly. Counts down as it acts.
   */
  throttleNext: number;
  /**
   * Addition (a hostile server): successful list answers are followed by spaces up to this many
   * bytes, streamed in 64 KiB chunks without Content-Length (still valid JSON). 0 = off.
   */
  listBodyBytes: number;
  /**
   * Addition (a hostile server): `honest` pages as documented; `endless` fills every page to the
   * limit, after the stored scripts with invented ones, leaves `total` out and never ends;
   * `repeat` answers every page with the first page again, whatever the marker (the marker repeats).
   */
  listPaging: ListPaging;
  /**
   * Addition (a hostile server): these reads answer HTTP 200 with a gateway error body
   * (`{"error_code":"APIGW.0301",…}`, no `data`) without acting: `list`, `get`.
   */
  errorBodyOn200: ErrorBodyRead[];
}

/** Values of FaultConfig.listPaging. */
export const LIST_PAGINGS = ['honest', 'endless', 'repeat'] as const;
export type ListPaging = (typeof LIST_PAGINGS)[number];

/** Values of FaultConfig.errorBodyOn200. */
export const ERROR_BODY_READS = ['list', 'get'] as const;
export type ErrorBodyRead = (typeof ERROR_BODY_READS)[number];

/** One resource tag as the wire carries it (`resource_tags` entries, tags update body). */
export interface SeedTag {
  key: string;
  value: string;
}

/** One reviewer as the wire carries it. */
export interface SeedReviewer {
  reviewer_name: string;
  reviewer_id: string;
}

/** One script parameter as the wire carries it (real, unmasked value). */
export interface SeedParam {
  param_name: string;
  param_value: string;
  param_description: string;
  param_order: number;
  sensitive: boolean;
}

/** A script to preload: like the create body plus optional server-side fields. */
export interface SeedScript {
  name: string;
  type: 'SHELL' | 'PYTHON' | 'BAT';
  description: string;
  content: string;
  properties: { risk_level: string; version: string; reviewers?: SeedReviewer[]; protocol?: string };
  script_params?: SeedParam[];
  script_uuid?: string;
  status?: 'PENDING_APPROVE' | 'APPROVED' | 'REJECTED';
  enterprise_project_id?: string;
  /** Addition to the contract: IAM user name shown as creator (default `emulator_user`). */
  creator?: string;
  /** Addition: the script's resource tags (docs/coc-api.md §4.7), stored and returned in this order. */
  resource_tags?: SeedTag[];
}

/** A stored script with its real values; what `scripts()` and `GET /_emulator/state` return. */
export interface ScriptRecord extends Required<Omit<SeedScript, 'script_params' | 'resource_tags'>> {
  id: number;
  script_params: NonNullable<SeedScript['script_params']>;
  resource_tags: SeedTag[];
  gmt_created: number;
  gmt_modified: number | null;
  /** Addition: 32-hex id derived from `creator`. */
  creator_id: string;
  /** Addition: who modified it last; `null` until the first modify, like the real API. */
  operator: string | null;
}

/** One COC or IAM request as the emulator saw it (control endpoints are not logged). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'dropped';
  /**
   * `latency`, `rps`, `429`, `503`, `drop-before`, `drop-after`, `tags-failure`, `fail-read`,
   * `omit-write-data`, `list-body-bytes`, `list-paging` or `error-body-200` when a fault acted.
   */
  fault?: string;
  authMethod?: 'token' | 'aksk';
  /** Epoch ms from the emulator clock: when the request arrived. */
  at: number;
  /**
   * Epoch ms when the whole answer was handed to the socket (absent for dropped connections), so
   * a benchmark can tell when a client's last answer left without guessing the latency.
   */
  answeredAt?: number;
}

/** An AK/SK pair; with `securityToken` it is temporary and requires X-Security-Token. */
export interface EmulatorCredential {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

/** An IAM user for password token exchange. */
export interface EmulatorUser {
  name: string;
  password: string;
  domain: string;
  projectId?: string;
}

/** An OIDC identity provider; the JWT signature is not checked, only `aud` and `exp`. */
export interface EmulatorIdp {
  id: string;
  audience: string;
}

/** Options of `startEmulator`; omitted auth lists fall back to the documented defaults. */
export interface EmulatorOptions {
  port?: number;
  host?: string;
  tokens?: string[];
  credentials?: EmulatorCredential[];
  users?: EmulatorUser[];
  idps?: EmulatorIdp[];
  omitProtocol?: boolean;
  faults?: Partial<FaultConfig>;
  seed?: SeedScript[];
  now?: () => number;
}

/** A running emulator. */
export interface Emulator extends EmulatorControls {
  /** `http://127.0.0.1:PORT`, serving COC, IAM and control paths. */
  readonly url: string;
  close(): Promise<void>;
}

/** The state handles of an emulator (also reachable over /_emulator/ control paths). */
export interface EmulatorControls {
  seed(scripts: SeedScript[]): ScriptRecord[];
  scripts(): ScriptRecord[];
  requests(): RequestLogEntry[];
  clearRequests(): void;
  setFaults(faults: Partial<FaultConfig>): void;
  /** Addition: the fault configuration now in force. */
  faults(): FaultConfig;
  reset(): void;
}
