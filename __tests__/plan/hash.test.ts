import { describe, expect, it } from 'vitest';
import {
  computePlanHash,
  createContentDigests,
  type ContentDigests,
  type PlanHashInput,
} from '../../src/plan/hash.js';
import type { Definition, RemoteScript } from '../../src/model.js';
import {
  absentDef,
  BY_NAME,
  envParam,
  literalParam,
  plainEnvParam,
  presentDef,
  remoteOf,
  stateOf,
} from '../plan/builders.js';

const secretParam = literalParam('api_key', 'very-secret-literal', { sensitive: true });
const base = presentDef('a', {
  params: [literalParam('host', 'h'), secretParam, envParam('pw', 'PW', 'env-secret')],
});
const remote = remoteOf(base);

function hashOf(
  definitions: Definition[],
  scripts: RemoteScript[],
  overrides: Partial<PlanHashInput> = {},
): string {
  return computePlanHash({
    definitions,
    remote: stateOf(scripts),
    prune: ['ops_*'],
    syncSensitive: 'changed',
    ownership: BY_NAME,
    ...overrides,
  });
}

const reference = hashOf([base, absentDef('gone')], [remote]);

describe('computePlanHash with a non-sensitive value_from_env', () => {
  const withValue = (value: string | undefined): string =>
    hashOf([presentDef('a', { params: [plainEnvParam('log_dir', 'LOG_DIR', value)] })], [remote]);

  it('binds the value: another GitHub Environment value is another plan', () => {
    expect(withValue('/srv/staging')).not.toBe(withValue('/srv/production'));
    expect(withValue('/srv/staging')).toBe(withValue('/srv/staging'));
  });

  it('an unset variable is a plan of its own (the review could not compare it)', () => {
    expect(withValue(undefined)).not.toBe(withValue('/srv/staging'));
  });

  it('differs from a literal of the same value (the source is part of the plan)', () => {
    const literal = hashOf(
      [presentDef('a', { params: [literalParam('log_dir', '/srv/staging')] })],
      [remote],
    );
    expect(literal).not.toBe(withValue('/srv/staging'));
  });
});

describe('computePlanHash', () => {
  it('has the sha256:<hex> shape', () => {
    expect(reference).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each<{ name: string; hash: () => string }>([
    { name: 'recomputed', hash: () => hashOf([base, absentDef('gone')], [remote]) },
    { name: 'definitions in another order', hash: () => hashOf([absentDef('gone'), base], [remote]) },
    {
      name: 'prune globs in another order',
      hash: () => hashOf([base, absentDef('gone')], [remote], { prune: ['ops_*'] }),
    },
    {
      name: 'CRLF instead of LF in the definition',
      hash: () =>
        hashOf([{ ...base, content: base.content.replace(/\n/g, '\r\n') }, absentDef('gone')], [remote]),
    },
    {
      name: 'CRLF instead of LF in the remote content',
      hash: () =>
        hashOf([base, absentDef('gone')], [{ ...remote, content: remote.content.replace(/\n/g, '\r\n') }]),
    },
    {
      name: 'remote status changed (an approval is no plan change)',
      hash: () => hashOf([base, absentDef('gone')], [{ ...remote, status: 'PENDING_APPROVE' }]),
    },
    {
      name: 'env value differs (only the variable is bound)',
      hash: () =>
        hashOf(
          [
            { ...base, params: [literalParam('host', 'h'), secretParam, envParam('pw', 'PW', undefined)] },
            absentDef('gone'),
          ],
          [remote],
        ),
    },
  ])('is stable: $name', ({ hash }) => {
    expect(hash()).toBe(reference);
  });

  it.each<{ name: string; hash: () => string }>([
    { name: 'description', hash: () => hashOf([{ ...base, description: 'x' }, absentDef('gone')], [remote]) },
    { name: 'content', hash: () => hashOf([{ ...base, content: 'echo 2\n' }, absentDef('gone')], [remote]) },
    {
      name: 'a lone CR in the content (only CRLF counts as a line ending)',
      hash: () =>
        hashOf([{ ...base, content: base.content.replace(/\n/g, '\r') }, absentDef('gone')], [remote]),
    },
    {
      name: 'sensitive literal value',
      hash: () =>
        hashOf(
          [
            {
              ...base,
              params: [
                literalParam('host', 'h'),
                literalParam('api_key', 'other-secret', { sensitive: true }),
                envParam('pw', 'PW', 'env-secret'),
              ],
            },
            absentDef('gone'),
          ],
          [remote],
        ),
    },
    {
      name: 'env variable name',
      hash: () =>
        hashOf(
          [
            {
              ...base,
              params: [literalParam('host', 'h'), secretParam, envParam('pw', 'PW2', 'env-secret')],
            },
            absentDef('gone'),
          ],
          [remote],
        ),
    },
    {
      name: 'reviewers omitted vs []',
      hash: () => hashOf([{ ...base, reviewers: [] }, absentDef('gone')], [remote]),
    },
    { name: 'a definition removed', hash: () => hashOf([base], [remote]) },
    {
      name: 'remote content drifted',
      hash: () => hashOf([base, absentDef('gone')], [{ ...remote, content: 'x' }]),
    },
    {
      name: 'remote protocol learned',
      hash: () => hashOf([base, absentDef('gone')], [{ ...remote, protocol: 'SMS' }]),
    },
    {
      name: 'remote script appeared',
      hash: () => hashOf([base, absentDef('gone')], [remote, remoteOf(presentDef('ops_x'))]),
    },
    { name: 'prune globs', hash: () => hashOf([base, absentDef('gone')], [remote], { prune: ['*'] }) },
    {
      name: 'sync-sensitive',
      hash: () => hashOf([base, absentDef('gone')], [remote], { syncSensitive: 'always' }),
    },
  ])('changes with $name', ({ hash }) => {
    expect(hash()).not.toBe(reference);
  });

  it('treats reviewers as a set', () => {
    const alice = { name: 'alice', id: 'id-a' };
    const bob = { name: 'bob', id: 'id-b' };
    const one = presentDef('r', { reviewers: [alice, bob] });
    const two = presentDef('r', { reviewers: [bob, alice] });
    expect(hashOf([one], [remoteOf(one)])).toBe(hashOf([two], [remoteOf(two)]));
  });

  it.each<{ name: string; one: string; two: string }>([
    { name: 'a lone surrogate and U+FFFD', one: 'echo \uD800\n', two: 'echo \uFFFD\n' },
    { name: 'a lone surrogate and the text of its JSON escape', one: '\uDC00', two: '\\udc00' },
    { name: 'two different lone surrogates', one: '\uD800', two: '\uD801' },
  ])('tells content apart even when it is not well-formed UTF-16: $name', ({ one, two }) => {
    const first = presentDef('w', { content: one });
    const second = presentDef('w', { content: two });
    expect(hashOf([first], [])).not.toBe(hashOf([second], []));
    expect(hashOf([first], [])).toBe(hashOf([presentDef('w', { content: one })], []));
  });

  it('keys sensitive digests by context: the same secret in two scripts hashes differently', () => {
    const one = presentDef('one', { params: [literalParam('k', 'same-secret', { sensitive: true })] });
    const two = presentDef('two', { params: [literalParam('k', 'same-secret', { sensitive: true })] });
    expect(hashOf([one], [])).not.toBe(hashOf([two], []));
  });
});

describe('computePlanHash with content digests computed early', () => {
  it('gives the hash it gives without them, whatever was digested before', () => {
    const crlf = presentDef('b', { content: 'echo one\r\necho two\r\n' });
    const lf = remoteOf(presentDef('b', { content: 'echo one\necho two\n' }));
    const definitions = [base, crlf, absentDef('gone')];
    const scripts = [remote, lf];
    const digests = createContentDigests();
    // Some digested while the network was busy (as the engine does), the rest at hashing time.
    digests.digest(lf.content);
    expect(hashOf(definitions, scripts, { digests })).toBe(hashOf(definitions, scripts));
    // The memo answers by content: CRLF and LF digest alike, as the hash requires.
    expect(digests.digest(crlf.state === 'present' ? crlf.content : '')).toBe(digests.digest(lf.content));
  });

  it('gives the same hash with every, some or none of the entries made early', () => {
    const secret = presentDef('s', {
      params: [literalParam('k', 'v', { sensitive: true }), envParam('t', 'TOKEN', 'x')],
      reviewers: [{ name: 'bob', id: 'id-b' }],
      tags: [{ key: 'team', value: 'ops' }],
    });
    const definitions = [base, secret, absentDef('gone', 'SC-GONE')];
    const scripts = [remote, remoteOf(secret, { description: 'edited', content: 'a\r\nb\r\n' })];
    const batch = hashOf(definitions, scripts);
    const early = (fill: (digests: ContentDigests) => void): string => {
      const digests = createContentDigests();
      fill(digests);
      return hashOf(definitions, scripts, { digests });
    };
    expect(early(() => undefined)).toBe(batch);
    expect(early((d) => void d.remote(scripts[1] as RemoteScript))).toBe(batch);
    expect(early((d) => void d.desired(secret))).toBe(batch);
    expect(
      early((d) => {
        for (const definition of definitions) d.desired(definition);
        for (const script of scripts) d.remote(script);
      }),
    ).toBe(batch);
    // An entry is the script's JSON in the hashed document: a change to the script changes it.
    const digests = createContentDigests();
    expect(digests.remote(remote)).not.toBe(digests.remote({ ...remote, version: '9.9.9' }));
  });
});
