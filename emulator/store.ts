/**
 * In-memory script store: id-ordered pages, uniqueness of names, review status and the
 * reviewer reset (docs/coc-api.md §5.2). Values are stored real; masking happens in views.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cocError, type ErrorAnswer } from './http.js';
import type { CreateInput, ListInput, ModifyInput } from './requests.js';
import type { ScriptRecord, SeedScript, SeedTag } from './types.js';
import { DEFAULT_CREATOR } from './defaults.js';

/** A store answer: the value or the COC error to send. */
export type StoreResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorAnswer };

/** The scripts of one emulated tenant. */
export interface ScriptStore {
  seed(scripts: readonly SeedScript[]): ScriptRecord[];
  /** Copies of every record, ordered by id. */
  all(): ScriptRecord[];
  /** One page, newest id first, plus the number of matches of the filters. */
  list(query: ListInput): { total: number; items: ScriptRecord[] };
  get(uuid: string): StoreResult<ScriptRecord>;
  create(input: CreateInput, creator: string): StoreResult<string>;
  modify(uuid: string, input: ModifyInput, operator: string): StoreResult<string>;
  remove(uuid: string): StoreResult<string>;
  /** Replaces the script's whole tag set (no review change: tags are not script content). */
  setTags(uuid: string, tags: readonly SeedTag[]): StoreResult<true>;
  review(uuid: string, status: 'APPROVED' | 'REJECTED', operator: string): StoreResult<true>;
  reset(): void;
}

const FIRST_ID = 1001;
const NOT_FOUND = 'COC.00040604';
const INVALID = 'COC.00040601';

/** 32-hex IAM-like user id derived from the name, so it is stable across runs. */
export function userIdOf(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 32);
}

/** `SC` + yyyyMMddHHmmss (UTC) + 9 hex: the observed script_uuid shape. */
export function newScriptUuid(at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `SC${stamp}${randomBytes(5).toString('hex').slice(0, 9)}`;
}

function statusFor(reviewers: readonly unknown[] | undefined): ScriptRecord['status'] {
  return reviewers !== undefined && reviewers.length > 0 ? 'PENDING_APPROVE' : 'APPROVED';
}

function matches(record: ScriptRecord, query: ListInput): boolean {
  const nameLike = query.name_like?.toLowerCase();
  return (
    (nameLike === undefined || record.name.toLowerCase().includes(nameLike)) &&
    (query.creator === undefined || record.creator === query.creator) &&
    (query.risk_level === undefined || record.properties.risk_level === query.risk_level) &&
    (query.type === undefined || record.type === query.type) &&
    (query.enterprise_project_id === undefined ||
      record.enterprise_project_id === query.enterprise_project_id)
  );
}

/** Mutable state behind a store. */
interface Table {
  readonly records: Map<string, ScriptRecord>;
  nextId: number;
  readonly now: () => number;
}

function lookup(table: Table, uuid: string): StoreResult<ScriptRecord> {
  if (uuid.length === 0 || uuid.length > 25 || !/^[A-Za-z0-9]+$/.test(uuid)) {
    return { ok: false, error: cocError(INVALID, 'invalid script uuid') };
  }
  const record = table.records.get(uuid);
  return record
    ? { ok: true, value: record }
    : { ok: false, error: cocError(NOT_FOUND, 'The script does not exist.') };
}

function insert(table: Table, script: SeedScript): ScriptRecord {
  let uuid = script.script_uuid ?? newScriptUuid(table.now());
  while (script.script_uuid === undefined && table.records.has(uuid)) uuid = newScriptUuid(table.now());
  const creator = script.creator ?? DEFAULT_CREATOR;
  const record: ScriptRecord = {
    ...structuredClone(script),
    script_params: structuredClone(script.script_params ?? []),
    resource_tags: structuredClone(script.resource_tags ?? []),
    script_uuid: uuid,
    status: script.status ?? statusFor(script.properties.reviewers),
    enterprise_project_id: script.enterprise_project_id ?? '0',
    creator,
    creator_id: userIdOf(creator),
    operator: null,
    id: table.nextId++,
    gmt_created: table.now(),
    gmt_modified: null,
  };
  table.records.set(record.script_uuid, record);
  return record;
}

function listPage(table: Table, query: ListInput): { total: number; items: ScriptRecord[] } {
  // Newest id first, as in the documented example; the marker is the last id of the previous page.
  const found = [...table.records.values()].filter((r) => matches(r, query)).sort((a, b) => b.id - a.id);
  const marker = query.marker;
  const after = marker === undefined ? found : found.filter((r) => r.id < marker);
  return { total: found.length, items: after.slice(0, query.limit).map((r) => structuredClone(r)) };
}

function create(table: Table, input: CreateInput, creator: string): StoreResult<string> {
  if ([...table.records.values()].some((r) => r.name === input.name)) {
    return { ok: false, error: cocError(INVALID, `Exist script with same name: ${input.name}`) };
  }
  return { ok: true, value: insert(table, { ...input, creator }).script_uuid };
}

function modify(table: Table, uuid: string, input: ModifyInput, operator: string): StoreResult<string> {
  const found = lookup(table, uuid);
  if (!found.ok) return found;
  const record = found.value;
  record.description = input.description;
  record.content = input.content;
  // Omitted parts keep the stored value; `script_params: []` clears (docs/coc-api.md §4.4 best guess).
  if (input.properties) record.properties = structuredClone(input.properties);
  if (input.script_params) record.script_params = structuredClone(input.script_params);
  // Reviewer reset: a modify that leaves reviewers sends the script back to review.
  record.status = statusFor(record.properties.reviewers);
  record.gmt_modified = table.now();
  record.operator = operator;
  return { ok: true, value: uuid };
}

function review(
  table: Table,
  uuid: string,
  status: 'APPROVED' | 'REJECTED',
  operator: string,
): StoreResult<true> {
  const found = lookup(table, uuid);
  if (!found.ok) return found;
  if (found.value.status !== 'PENDING_APPROVE') {
    return {
      ok: false,
      error: cocError(INVALID, `The script is not pending approval: ${found.value.status}`),
    };
  }
  found.value.status = status;
  found.value.operator = operator;
  return { ok: true, value: true };
}

/** Creates an empty store; `now` stamps gmt_created / gmt_modified and new uuids. */
export function createScriptStore(now: () => number): ScriptStore {
  const table: Table = { records: new Map(), nextId: FIRST_ID, now };
  return {
    seed: (scripts) => scripts.map((script) => structuredClone(insert(table, script))),
    all: () => [...table.records.values()].sort((a, b) => a.id - b.id).map((r) => structuredClone(r)),
    list: (query) => listPage(table, query),
    get(uuid) {
      const found = lookup(table, uuid);
      return found.ok ? { ok: true, value: structuredClone(found.value) } : found;
    },
    create: (input, creator) => create(table, input, creator),
    modify: (uuid, input, operator) => modify(table, uuid, input, operator),
    remove(uuid) {
      const found = lookup(table, uuid);
      if (found.ok) table.records.delete(uuid);
      return found.ok ? { ok: true, value: uuid } : found;
    },
    review: (uuid, status, operator) => review(table, uuid, status, operator),
    setTags(uuid, tags) {
      const found = lookup(table, uuid);
      if (!found.ok) return found;
      found.value.resource_tags = structuredClone([...tags]);
      return { ok: true, value: true };
    },
    reset() {
      table.records.clear();
      table.nextId = FIRST_ID;
    },
  };
}
