import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/load/load.js';
import { INVALID_DIR, REPO_ROOT } from './fixtures.js';

interface Expectation {
  readonly line: number;
  readonly column: number;
  readonly rule: string;
}

/** Every `# expect: L:C rule` comment of a fixture (the first stands on line 1, others at the end). */
function expectationsOf(file: string): Expectation[] {
  const text = readFileSync(join(REPO_ROOT, INVALID_DIR, file), 'utf8');
  return [...text.matchAll(/^# expect: (\d+):(\d+) (.+)$/gmu)].map((match) => ({
    line: Number(match[1]),
    column: Number(match[2]),
    rule: match[3] ?? '',
  }));
}

const files = readdirSync(join(REPO_ROOT, INVALID_DIR))
  .filter((name) => name.endsWith('.yaml'))
  .sort();

describe('invalid definition fixtures', async () => {
  // One load of the whole folder: every file's errors must be reported in the same run.
  const result = await loadDefinitions(INVALID_DIR, {}, REPO_ROOT);

  it('has at least 40 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(result.files).toBe(files.length);
  });

  it.each(files)('%s reports its expected rule at its expected line', (file) => {
    const expected = expectationsOf(file);
    expect(expected.length).toBeGreaterThan(0);
    const actual = result.diagnostics
      .filter((diagnostic) => diagnostic.location?.file === `${INVALID_DIR}/${file}`)
      .map((diagnostic) => ({
        severity: diagnostic.severity,
        line: diagnostic.location?.line,
        column: diagnostic.location?.column,
        message: diagnostic.message,
      }));
    expect(actual).toHaveLength(expected.length);
    expected.forEach((expectation, index) => {
      expect(actual[index]).toMatchObject({
        severity: 'error',
        line: expectation.line,
        column: expectation.column,
      });
      expect(actual[index]?.message).toContain(expectation.rule);
    });
  });

  it('yields no definition from a file with errors', () => {
    const invalidNames = result.definitions.map((definition) => definition.name).sort();
    // Only the duplicate fixtures are valid on their own; the folder-wide rule flags them.
    expect(invalidNames).toEqual(['dup_name', 'dup_name', 'duplicate_uuid_a', 'duplicate_uuid_b']);
  });

  it('gives every diagnostic a file, line, column and a plain-words message', () => {
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.location?.file).toMatch(/^__tests__\/fixtures\/definitions\/invalid\/[^/]+\.yaml$/u);
      expect(diagnostic.location?.line).toBeGreaterThanOrEqual(1);
      expect(diagnostic.location?.column).toBeGreaterThanOrEqual(1);
      expect(diagnostic.message).not.toMatch(/Invalid input|expected string, received|Unrecognized key/u);
    }
  });
});
