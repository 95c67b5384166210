import { describe, expect, it } from 'vitest';
import { applyPlan, countWrites, DELETED_STATUS, findMissingEnvValues } from '../../src/apply/apply.js';
import { CocApiError } from '../../src/coc/errors.js';
import { createSilentLogger } from '../../src/log.js';
import type { Definition, Plan } from '../../src/model.js';
import { buildPlan } from '../../src/plan/plan.js';
import { fetchRemoteState } from '../../src/remote/fetch.js';
import { OWNERSHIP_TAG_KEY } from '../../src/common/tags.js';
import { mayPrune, type OwnershipSettings } from '../../src/resolve/ownership-tag.js';
import { absentDef, BY_NAME, BY_TAG, envParam, OWNER, presentDef } from '../plan/builders.js';
import { createFakeApi, detail, type FakeApi } from '../remote/fake-api.js';

async function planFor(
  api: FakeApi,
  definitions: Definition[],
  prune: string[] = [],
  ownership: OwnershipSettings = BY_NAME,
): Promise<Plan> {
  const remote = await fetchRemoteState(api, definitions, {
    prune,
    mayPrune: (summary) => mayPrune(summary, ownership),
  });
  api.calls.length = 0;
  return buildPlan({
    definitions,
    remote,
    prune,
    syncSensitive: 'changed',
    ownership,
    hasDefinitionFiles: true,
  });
}

const alice = { name: 'alice', id: 'id-a' };

describe('applyPlan', () => {
  it('runs creates and updates before deletes and returns one result per item in plan order', async () => {
    const api = createFakeApi([
      detail('SC1', 'upd'),
      detail('SC2', 'gone'),
      detail('SC3', 'same', { content: 'echo same\n' }),
    ]);
    const definitions = [
      presentDef('new'),
      presentDef('upd', { content: 'echo upd\n', reviewers: [alice] }),
      absentDef('gone'),
      presentDef('same', { content: 'echo same\n', description: 'same script' }),
      presentDef('blocked', { uuid: 'SC_MISSING' }),
    ];
    const plan = await planFor(api, definitions);
    const logger = createSilentLogger();
    const results = await applyPlan(plan, api, { concurrency: 4, logger, enterpriseProjectId: '0' });
    expect(results.map((r) => [r.item.action, r.item.name, r.outcome])).toEqual([
      ['blocked', 'blocked', 'unchanged'],
      ['create', 'new', 'applied'],
      ['update', 'upd', 'applied'],
      ['delete', 'gone', 'applied'],
      ['noop', 'same', 'unchanged'],
    ]);
    const writes = api.calls.filter((c) => c.op !== 'get').map((c) => c.op);
    expect(writes.indexOf('delete')).toBe(writes.length - 1);
    expect(results[2]).toMatchObject({ uuid: 'SC1', readBackStatus: 'PENDING_APPROVE' });
    expect(results[3]).toMatchObject({ readBackStatus: DELETED_STATUS });
    expect(results[1]?.uuid).toMatch(/^SCNEW/);
    // every write is read back
    expect(api.calls.filter((c) => c.op === 'get')).toHaveLength(3);
    const infos = logger.lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(infos).toContain('updated upd (SC1): PENDING_APPROVE (back in review; reviewers alice)');
    expect(infos).toContain('deleted gone (SC2): DELETED (state: absent)');
    expect(infos.some((m) => m.startsWith('skipped blocked (blocked)'))).toBe(true);
  });

  it('a fatal answer stops the run: no further write starts, every item not applied is failed with it', async () => {
    const api = createFakeApi([detail('SC1', 'a'), detail('SC2', 'b'), detail('SC3', 'c')]);
    const plan = await planFor(api, [
      presentDef('a', { content: 'x\n' }),
      presentDef('b', { content: 'x\n' }),
      presentDef('c', { content: 'x\n' }),
      presentDef('d'),
    ]);
    const stop = new CocApiError({
      operation: 'updating',
      target: 'SC1',
      kind: 'api',
      httpStatus: 403,
      code: 'APIGW.0306',
      apiMessage: 'denied',
      stopsRun: true,
    });
    api.failWhen = (call) => (call.op === 'modify' ? stop : undefined);
    const logger = createSilentLogger();
    const results = await applyPlan(plan, api, { concurrency: 1, logger, enterpriseProjectId: '0' });
    expect(api.calls.filter((c) => c.op !== 'get').map((c) => c.op)).toEqual(['create', 'modify']);
    expect(results.map((r) => [r.item.name, r.outcome, r.error?.stopsRun])).toEqual([
      ['d', 'applied', undefined],
      ['a', 'failed', 'auth'],
      ['b', 'failed', 'auth'],
      ['c', 'failed', 'auth'],
    ]);
    const infos = logger.lines.map((l) => l.message);
    expect(infos.filter((m) => m.startsWith('failed to'))).toEqual([]);
    expect(infos).toContain(
      'The run stopped: APIGW.0306: denied (HTTP 403) while updating SC1. 3 of 4 items not applied.',
    );
  });

  it('an unreadable item is failed with its read error and never written', async () => {
    const api = createFakeApi([detail('SC1', 'a'), detail('SC2', 'b')]);
    api.failWhen = (call) => (call.op === 'get' && call.arg === 'SC1' ? new Error('read failed') : undefined);
    const plan = await planFor(api, [
      presentDef('a', { content: 'x\n' }),
      presentDef('b', { content: 'x\n' }),
    ]);
    api.failWhen = () => undefined;
    const results = await applyPlan(plan, api, {
      concurrency: 2,
      logger: createSilentLogger(),
      enterpriseProjectId: '0',
    });
    expect(results.map((r) => [r.item.action, r.item.name, r.outcome, r.error?.message])).toEqual([
      ['unreadable', 'a', 'failed', 'read failed'],
      ['update', 'b', 'applied', undefined],
    ]);
    expect(api.calls.filter((c) => c.op === 'modify').map((c) => c.arg)).toEqual(['SC2']);
  });

  it('isolates failures: one rejected item does not stop the others', async () => {
    const api = createFakeApi([detail('SC1', 'a'), detail('SC2', 'b')]);
    const plan = await planFor(api, [presentDef('a'), presentDef('b'), presentDef('c')]);
    api.failWhen = (call) =>
      call.op === 'modify' && call.arg === 'SC1'
        ? new CocApiError({
            operation: 'updating',
            target: 'a',
            kind: 'api',
            httpStatus: 400,
            code: 'COC.00040601',
            apiMessage: 'The paramValue is invalid.',
            requestId: 'req-1',
          })
        : undefined;
    const logger = createSilentLogger();
    const results = await applyPlan(plan, api, { concurrency: 1, logger, enterpriseProjectId: '0' });
    expect(results.map((r) => [r.item.name, r.outcome])).toEqual([
      ['c', 'applied'],
      ['a', 'failed'],
      ['b', 'applied'],
    ]);
    expect(results[1]?.error).toEqual({
      message: 'COC.00040601: The paramValue is invalid. (HTTP 400) while updating a',
      code: 'COC.00040601',
      httpStatus: 400,
      requestId: 'req-1',
    });
    // One log line per item; the error annotation is the report's job, not the engine's.
    expect(logger.lines.find((l) => l.message.startsWith('failed to'))).toEqual({
      level: 'info',
      message: expect.stringContaining('failed to update a: COC.00040601') as string,
    });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('keeps an applied write applied when only its read-back fails', async () => {
    const api = createFakeApi([detail('SC1', 'a')]);
    const plan = await planFor(api, [presentDef('a')]);
    api.failWhen = (call) => (call.op === 'get' ? new Error('read timeout') : undefined);
    const logger = createSilentLogger();
    const [result] = await applyPlan(plan, api, { concurrency: 2, logger, enterpriseProjectId: '0' });
    expect(result).toMatchObject({ outcome: 'applied', uuid: 'SC1' });
    expect(result?.readBackStatus).toBeUndefined();
    expect(
      logger.lines.some((l) => l.level === 'warning' && l.message.includes('could not read back a')),
    ).toBe(true);
  });

  it('treats a script already gone at delete time as deleted', async () => {
    const api = createFakeApi([detail('SC1', 'a')]);
    const plan = await planFor(api, [absentDef('a')]);
    api.details.clear();
    const [result] = await applyPlan(plan, api, {
      concurrency: 2,
      logger: createSilentLogger(),
      enterpriseProjectId: '0',
    });
    expect(result).toMatchObject({ outcome: 'applied', readBackStatus: DELETED_STATUS });
  });
});

describe('applyPlan with tags', () => {
  const mine = { key: OWNERSHIP_TAG_KEY, value: OWNER };
  const same = { description: 'a script', content: 'echo a\n' };
  const options = (logger = createSilentLogger()) => ({ concurrency: 1, logger, enterpriseProjectId: '0' });
  const writes = (api: FakeApi) =>
    api.calls.filter((c) => c.op !== 'get').map((c) => `${c.op} ${c.arg ?? ''}`);

  it('a tag-only change sends exactly one tags update and no PUT; the read-back shows the tags', async () => {
    const api = createFakeApi([detail('SC1', 'a', { resource_tags: [mine, { key: 'team', value: 'sre' }] })]);
    const plan = await planFor(
      api,
      [presentDef('a', { ...same, tags: [{ key: 'team', value: 'ops' }] })],
      [],
      BY_TAG,
    );
    const logger = createSilentLogger();
    const [result] = await applyPlan(plan, api, options(logger));
    expect(writes(api)).toEqual(['tags SC1']);
    expect(api.calls.find((c) => c.op === 'tags')?.body).toEqual({
      tags: [mine, { key: 'team', value: 'ops' }],
    });
    expect(result).toMatchObject({ outcome: 'applied', readBackTags: [mine, { key: 'team', value: 'ops' }] });
    expect(logger.lines.map((l) => l.message)).toContain(
      `updated a (SC1): APPROVED; tags ${OWNERSHIP_TAG_KEY}=${OWNER}, team=ops`,
    );
  });

  it('a create with tags sends the POST first and then the tags; a mark-only no-op gets the tags alone', async () => {
    const api = createFakeApi([detail('SC1', 'a')]);
    const plan = await planFor(
      api,
      [presentDef('a', same), presentDef('new', { tags: [{ key: 'k', value: 'v' }] })],
      [],
      BY_TAG,
    );
    const results = await applyPlan(plan, api, options());
    expect(writes(api)).toEqual(['create new', 'tags SCNEW0001', 'tags SC1']);
    expect(results.map((r) => [r.item.action, r.item.name, r.outcome])).toEqual([
      ['create', 'new', 'applied'],
      ['noop', 'a', 'applied'],
    ]);
    expect(api.details.get('SC1')?.resource_tags).toEqual([mine]);
  });

  it('reports a failed tags update after the create for that item, with the new uuid', async () => {
    const api = createFakeApi([]);
    const plan = await planFor(api, [presentDef('new')], [], BY_TAG);
    api.failWhen = (call) => (call.op === 'tags' ? new Error('connection reset') : undefined);
    const logger = createSilentLogger();
    const [result] = await applyPlan(plan, api, options(logger));
    expect(result).toMatchObject({ outcome: 'failed', uuid: 'SCNEW0001' });
    expect(result?.error?.message).toBe(
      'the script was created (SCNEW0001), but setting its tags failed: connection reset',
    );
    expect(api.details.has('SCNEW0001')).toBe(true);
  });

  it('counts one write per script write and one per tags update', async () => {
    const api = createFakeApi([detail('SC1', 'a'), detail('SC2', 'b')]);
    const plan = await planFor(
      api,
      [presentDef('a', same), presentDef('b', { version: '2.0.0' }), presentDef('new'), absentDef('gone')],
      [],
      BY_TAG,
    );
    // a: mark only (1); b: PUT + mark (2); new: POST + tags (2); gone: nothing to delete.
    expect(countWrites(plan)).toBe(5);
  });
});

describe('findMissingEnvValues', () => {
  it('reports unset variables of items that would send them, and only those', async () => {
    const masked = {
      param_name: 'pw',
      param_value: '*****************',
      param_description: '',
      param_order: 1,
      sensitive: true,
    };
    const api = createFakeApi([detail('SC1', 'unchanged_with_unset', { script_params: [masked] })]);
    const plan = await planFor(api, [
      presentDef('creates_unset', { params: [envParam('pw', 'MISSING_PW', undefined)] }),
      presentDef('creates_set', { params: [envParam('pw', 'SET_PW', 'x-value')] }),
      presentDef('unchanged_with_unset', {
        description: 'unchanged_with_unset script',
        content: 'echo unchanged_with_unset\n',
        params: [envParam('pw', 'ALSO_MISSING', undefined)],
      }),
    ]);
    expect(plan.items.map((i) => i.action)).toEqual(['create', 'create', 'noop']);
    const diagnostics = findMissingEnvValues(plan, 'action');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      location: { file: 'coc-scripts/creates_unset.yaml', line: 1, column: 1 },
    });
    expect(diagnostics[0]?.message).toContain('`MISSING_PW` is not set');
    expect(diagnostics[0]?.message).toContain('`creates_unset`');
    expect(diagnostics[0]?.message).toContain("in the step's `env:`");
    // The CLI speaks of the environment, never of a step.
    const cli = findMissingEnvValues(plan, 'cli')[0]?.message ?? '';
    expect(cli).toContain('Set the environment variable `MISSING_PW`');
    expect(cli).not.toContain('step');
  });
});
