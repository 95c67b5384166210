import { describe, expect, it } from 'vitest';
import {
  diffContent,
  diffFields,
  diffParams,
  diffProtocol,
  diffReviewers,
  diffText,
  renderReviewers,
} from '../../src/diff/fields.js';
import type { DefinitionParam, FieldChange, RemoteParam, Reviewer } from '../../src/model.js';
import { SENSITIVE_MASK } from '../../src/model.js';
import {
  envParam,
  literalParam,
  plainEnvParam,
  presentDef,
  remoteOf,
  remoteParamOf,
} from '../plan/builders.js';

const alice: Reviewer = { name: 'alice', id: 'id-alice' };
const bob: Reviewer = { name: 'bob', id: 'id-bob' };

describe('diffText (description, risk_level, version)', () => {
  it.each([
    { name: 'equal strings', before: 'a', after: 'a', expected: [] },
    {
      name: 'different strings',
      before: 'a',
      after: 'b',
      expected: [{ field: 'f', before: 'a', after: 'b' }],
    },
    {
      name: 'case matters',
      before: 'low',
      after: 'LOW',
      expected: [{ field: 'f', before: 'low', after: 'LOW' }],
    },
  ])('$name', ({ before, after, expected }) => {
    expect(diffText('f', before, after)).toEqual(expected);
  });
});

describe('diffContent', () => {
  it.each([
    { name: 'identical', before: 'echo 1\n', after: 'echo 1\n', changed: false },
    { name: 'CRLF remote vs LF desired', before: 'a\r\nb\r\n', after: 'a\nb\n', changed: false },
    { name: 'LF remote vs CRLF desired', before: 'a\nb\n', after: 'a\r\nb\r\n', changed: false },
    { name: 'text differs', before: 'a\nb\n', after: 'a\nc\n', changed: true },
    { name: 'trailing newline differs', before: 'a', after: 'a\n', changed: true },
    { name: 'lone CR is not a line ending', before: 'a\rb', after: 'a\nb', changed: true },
  ])('$name', ({ before, after, changed }) => {
    expect(diffContent(before, after)).toEqual(changed ? [{ field: 'content' }] : []);
  });
});

describe('diffProtocol', () => {
  it.each([
    { name: 'equal', before: 'EMAIL', after: 'EMAIL', expected: [] },
    {
      name: 'changed',
      before: 'EMAIL',
      after: 'SMS',
      expected: [{ field: 'protocol', before: 'EMAIL', after: 'SMS' }],
    },
    { name: 'omitted in the definition keeps remote', before: 'EMAIL', after: undefined, expected: [] },
    { name: 'unknown remotely is write-only (no drift)', before: undefined, after: 'SMS', expected: [] },
    { name: 'both unknown', before: undefined, after: undefined, expected: [] },
  ])('$name', ({ before, after, expected }) => {
    expect(diffProtocol(before, after)).toEqual(expected);
  });
});

describe('diffReviewers', () => {
  it.each<{ name: string; before: Reviewer[]; after: Reviewer[] | undefined; changed: boolean }>([
    { name: 'omitted keeps remote', before: [alice], after: undefined, changed: false },
    { name: 'omitted with none remote', before: [], after: undefined, changed: false },
    { name: 'same set', before: [alice, bob], after: [alice, bob], changed: false },
    { name: 'same set, other order', before: [alice, bob], after: [bob, alice], changed: false },
    {
      name: 'same id, other name (by id)',
      before: [alice],
      after: [{ name: 'alice2', id: 'id-alice' }],
      changed: false,
    },
    { name: '[] removes', before: [alice], after: [], changed: true },
    { name: 'added', before: [alice], after: [alice, bob], changed: true },
    { name: 'replaced', before: [alice], after: [bob], changed: true },
    { name: 'set from none', before: [], after: [alice], changed: true },
  ])('$name', ({ before, after, changed }) => {
    const result = diffReviewers(before, after);
    expect(result.length > 0).toBe(changed);
    if (changed) {
      expect(result).toEqual([
        { field: 'reviewers', before: renderReviewers(before), after: renderReviewers(after ?? []) },
      ]);
    }
  });

  it('renders reviewers sorted by name, or (none)', () => {
    expect(renderReviewers([bob, alice])).toBe('alice (id-alice), bob (id-bob)');
    expect(renderReviewers([])).toBe('(none)');
  });
});

const host = literalParam('db_host', 'db.internal', { description: 'host' });
const port = literalParam('db_port', '5432');
const secret = envParam('db_password', 'DB_PASSWORD', 'hunter2-secret', 'password');
const literalSecret = literalParam('api_key', 'literal-secret-value', { sensitive: true });
const remote = (...params: DefinitionParam[]): RemoteParam[] => params.map(remoteParamOf);

describe('diffParams', () => {
  it.each<{ name: string; before: RemoteParam[]; after: DefinitionParam[]; expected: FieldChange[] }>([
    { name: 'no params', before: [], after: [], expected: [] },
    { name: 'same params', before: remote(host, port), after: [host, port], expected: [] },
    {
      name: 'value changed',
      before: remote(host),
      after: [literalParam('db_host', 'db2.internal', { description: 'host' })],
      // Only the value: the unchanged description is not repeated.
      expected: [{ field: 'params.db_host', before: 'db.internal', after: 'db2.internal' }],
    },
    {
      name: 'description changed',
      before: remote(port),
      after: [literalParam('db_port', '5432', { description: 'port' })],
      expected: [{ field: 'params.db_port.description', before: '', after: 'port' }],
    },
    {
      name: 'added',
      before: remote(host),
      after: [host, port],
      expected: [{ field: 'params.db_port', after: '5432' }],
    },
    {
      name: 'added with a description',
      before: [],
      after: [host],
      expected: [{ field: 'params.db_host', after: 'db.internal (description: host)' }],
    },
    {
      name: 'removed',
      before: remote(host, port),
      after: [host],
      expected: [{ field: 'params.db_port', before: '5432' }],
    },
    {
      name: 'reordered (the list is ordered)',
      before: remote(host, port),
      after: [port, host],
      expected: [{ field: 'params (order)', before: 'db_host, db_port', after: 'db_port, db_host' }],
    },
    {
      name: 'masked remote value never differs by itself',
      before: remote(secret),
      after: [secret],
      expected: [],
    },
    {
      name: 'masked remote value, other env value: still no change',
      before: remote(secret),
      after: [envParam('db_password', 'DB_PASSWORD', 'rotated-secret', 'password')],
      expected: [],
    },
    {
      name: 'unset env value with a masked remote value: no change',
      before: remote(secret),
      after: [envParam('db_password', 'DB_PASSWORD', undefined, 'password')],
      expected: [],
    },
    {
      name: 'masked param whose description changed: change rendered without the value',
      before: remote(secret),
      after: [envParam('db_password', 'DB_PASSWORD', 'hunter2-secret', 'new text')],
      expected: [{ field: 'params.db_password.description', before: 'password', after: 'new text' }],
    },
    {
      name: 'sensitive flag turned on',
      before: remote(literalParam('api_key', 'literal-secret-value')),
      after: [literalSecret],
      expected: [
        { field: 'params.api_key', before: 'literal-secret-value', after: '(sensitive)' },
        { field: 'params.api_key.sensitive', before: 'false', after: 'true' },
      ],
    },
    {
      name: 'unmasked sensitive remote value is compared but never rendered',
      before: [{ name: 'api_key', value: 'old-secret', masked: false, description: '', sensitive: true }],
      after: [literalSecret],
      expected: [{ field: 'params.api_key', before: '(sensitive)', after: '(sensitive)' }],
    },
    {
      name: 'non-sensitive value_from_env equal to the remote value: no change',
      before: remote(literalParam('log_dir', '/srv/staging')),
      after: [plainEnvParam('log_dir', 'LOG_DIR', '/srv/staging')],
      expected: [],
    },
    {
      name: 'non-sensitive value_from_env compared and shown like a literal',
      before: remote(literalParam('log_dir', '/srv/staging')),
      after: [plainEnvParam('log_dir', 'LOG_DIR', '/srv/production')],
      expected: [{ field: 'params.log_dir', before: '/srv/staging', after: '/srv/production' }],
    },
    {
      name: 'non-sensitive value_from_env unset: cannot be compared, no change by itself',
      before: remote(literalParam('log_dir', '/srv/staging')),
      after: [plainEnvParam('log_dir', 'LOG_DIR', undefined)],
      expected: [],
    },
    {
      name: 'non-sensitive value_from_env unset, added: shown as not set',
      before: [],
      after: [plainEnvParam('log_dir', 'LOG_DIR', undefined)],
      expected: [{ field: 'params.log_dir', after: '$LOG_DIR (not set)' }],
    },
    {
      name: 'the mask itself on a non-sensitive param is a plain value',
      before: [{ name: 'p', value: SENSITIVE_MASK, masked: false, description: '', sensitive: false }],
      after: [literalParam('p', 'x')],
      expected: [{ field: 'params.p', before: SENSITIVE_MASK, after: 'x' }],
    },
  ])('$name', ({ before, after, expected }) => {
    expect(diffParams(before, after)).toEqual(expected);
  });
});

describe('diffFields', () => {
  it('reports nothing for a definition equal to its remote script', () => {
    const definition = presentDef('a', { params: [host, secret], reviewers: [alice], protocol: 'EMAIL' });
    expect(diffFields(definition, remoteOf(definition), 'changed')).toEqual([]);
  });

  it.each([
    { name: 'description', patch: { description: 'other' }, field: 'description' },
    { name: 'content', patch: { content: 'echo other\n' }, field: 'content' },
    { name: 'risk_level', patch: { riskLevel: 'HIGH' as const }, field: 'risk_level' },
    { name: 'version', patch: { version: '2.0.0' }, field: 'version' },
    { name: 'protocol', patch: { protocol: 'SMS' as const }, field: 'protocol' },
    { name: 'reviewers', patch: { reviewers: [bob] }, field: 'reviewers' },
    { name: 'params', patch: { params: [host] }, field: 'params.db_host' },
  ])('names the changed field: $name', ({ patch, field }) => {
    const base = presentDef('a', { params: [], reviewers: [alice], protocol: 'EMAIL' });
    const changes = diffFields(presentDef('a', { ...base, ...patch }), remoteOf(base), 'changed');
    expect(changes.map((c) => c.field)).toEqual([field]);
  });

  it.each([
    { name: 'changed: masked values cause nothing', sync: 'changed' as const, params: [secret], fields: [] },
    {
      name: 'always: forces a change per sensitive param',
      sync: 'always' as const,
      params: [host, secret],
      fields: ['params.db_password'],
    },
    { name: 'always: nothing without sensitive params', sync: 'always' as const, params: [host], fields: [] },
  ])('sync-sensitive $name', ({ sync, params, fields }) => {
    const definition = presentDef('a', { params });
    const changes = diffFields(definition, remoteOf(definition), sync);
    expect(changes.map((c) => c.field)).toEqual(fields);
    expect(JSON.stringify(changes)).not.toContain('hunter2-secret');
  });

  it('with always and another change, lists only the real change (every update re-sends values)', () => {
    const definition = presentDef('a', { params: [secret] });
    const changes = diffFields({ ...definition, version: '9.9.9' }, remoteOf(definition), 'always');
    expect(changes.map((c) => c.field)).toEqual(['version']);
  });
});
