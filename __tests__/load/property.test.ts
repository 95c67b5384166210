import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import type { LoadResult } from '../../src/load/load.js';
import { loadDefinitions } from '../../src/load/load.js';
import { parseYaml } from '../../src/load/parse.js';
import { validateDefinitionData } from '../../src/load/validate.js';

const VALID = [
  'name: backup_db',
  'type: SHELL',
  'description: Nightly backup',
  'content: |',
  '  echo "hi"',
  'risk_level: HIGH',
  'version: 1.2.0',
  'reviewers:',
  '  - name: alice',
  '    id: abc',
  'params:',
  '  - name: host',
  '    value: db.internal',
  '  - name: pw',
  '    value_from_env: PW',
  '    sensitive: true',
  '',
].join('\n');

function assertStructured(diagnostic: Diagnostic): void {
  expect(['error', 'warning', 'notice']).toContain(diagnostic.severity);
  expect(typeof diagnostic.message).toBe('string');
  expect(diagnostic.message.length).toBeGreaterThan(0);
  expect(diagnostic.message).not.toMatch(/Invalid input|\[object Object\]/u);
  expect(diagnostic.location?.file).toBe('defs/case.yaml');
  expect(diagnostic.location?.line).toBeGreaterThanOrEqual(1);
  expect(diagnostic.location?.column).toBeGreaterThanOrEqual(1);
}

/** A single file yields either a definition and no error, or no definition and at least one error. */
function assertOutcome(result: LoadResult): void {
  expect(result.files).toBe(1);
  result.diagnostics.forEach(assertStructured);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  expect(result.definitions.length + (errors.length > 0 ? 1 : 0)).toBe(1);
}

describe('loadDefinitions never throws', () => {
  let cwd = '';
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'load-property-'));
    await mkdir(join(cwd, 'defs'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  const loadBytes = async (bytes: Uint8Array | string): Promise<LoadResult> => {
    await writeFile(join(cwd, 'defs/case.yaml'), bytes);
    return loadDefinitions('defs', { PW: 'secret' }, cwd);
  };

  it('on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        assertOutcome(await loadBytes(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
        assertOutcome(await loadBytes(text));
      }),
      { numRuns: 150 },
    );
  });

  it('on arbitrary YAML documents', async () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const definitionLike = fc.dictionary(
      fc.constantFrom(
        'name',
        'type',
        'description',
        'content',
        'content_file',
        'risk_level',
        'version',
        'reviewers',
        'params',
        'state',
        'uuid',
        'protocol',
        'extra',
      ),
      value,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(value, definitionLike), async (data) => {
        assertOutcome(await loadBytes(stringify(data)));
      }),
      { numRuns: 150 },
    );
  });

  it('on a valid definition with random edits', async () => {
    const edit = fc.record({
      at: fc.nat({ max: VALID.length }),
      remove: fc.nat({ max: 8 }),
      insert: fc.string({ maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 4 }), async (edits) => {
        const text = edits.reduce(
          (current, { at, remove, insert }) => current.slice(0, at) + insert + current.slice(at + remove),
          VALID,
        );
        assertOutcome(await loadBytes(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('validateDefinitionData never throws', () => {
  it('on any JavaScript value', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const validation = validateDefinitionData(data, () => undefined);
        expect(validation.definition === undefined).toBe(validation.issues.length > 0);
        for (const issue of validation.issues) expect(issue.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('locates every issue path inside the text it came from', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (data) => {
        const text = stringify({ name: 'x', params: [data], reviewers: data });
        const parsed = parseYaml(text);
        const lines = text.split('\n').length;
        for (const issue of validateDefinitionData(parsed.data, parsed.sourceOf).issues) {
          const position = parsed.locate(issue.path, issue.target);
          expect(position.line).toBeGreaterThanOrEqual(1);
          expect(position.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 300 },
    );
  });
});
