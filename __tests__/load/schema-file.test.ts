import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, buildJsonSchema, renderJsonSchema } from '../../src/load/json-schema.js';
import { EXAMPLES_DIR, INVALID_DIR, REPO_ROOT, VALID_DIR } from './fixtures.js';

/** Definition files under `folder` (relative to the repo root), skipping . and _ names like the loader. */
function definitionFiles(folder: string): string[] {
  const walk = (path: string): string[] =>
    readdirSync(path)
      .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
      .flatMap((name) => {
        const full = join(path, name);
        if (statSync(full).isDirectory()) return walk(full);
        return /\.ya?ml$/u.test(name) ? [full] : [];
      });
  return walk(join(REPO_ROOT, folder)).map((file) => relative(REPO_ROOT, file));
}

const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(buildJsonSchema());
const dataOf = (file: string): unknown => parse(readFileSync(join(REPO_ROOT, file), 'utf8'));

describe('schema/coc-script.schema.json', () => {
  it('is up to date with the zod schema (run `npx tsx scripts/generate-schema.ts`)', () => {
    const committed = readFileSync(join(REPO_ROOT, SCHEMA_PATH), 'utf8');
    expect(committed).toBe(renderJsonSchema());
  });

  it('carries an id, a title and a description', () => {
    expect(buildJsonSchema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: expect.any(String) as unknown,
      title: expect.any(String) as unknown,
      description: expect.any(String) as unknown,
    });
  });

  it.each([...definitionFiles(EXAMPLES_DIR), ...definitionFiles(VALID_DIR)])('accepts %s', (file) => {
    const valid = validate(dataOf(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    'name_hyphen.yaml',
    'name_kana.yaml',
    'name_too_long.yaml',
    'type_lowercase.yaml',
    'type_missing.yaml',
    'unknown_key.yaml',
    'content_and_file.yaml',
    'content_missing.yaml',
    'content_too_long.yaml',
    'version_format.yaml',
    'version_number.yaml',
    'uuid_too_long.yaml',
    'reviewers_too_many.yaml',
    'reviewer_unknown_key.yaml',
    'protocol_invalid.yaml',
    'params_too_many.yaml',
    'param_value_hash.yaml',
    'param_value_dotdot.yaml',
    'param_value_non_ascii.yaml',
    'param_both_values.yaml',
    'param_no_value.yaml',
    'param_env_bad_name.yaml',
    'state_invalid.yaml',
    'absent_bad_type.yaml',
    'absent_missing_name.yaml',
    'tags_key_sys.yaml',
    'tags_key_slash.yaml',
    'tags_key_space.yaml',
    'tags_key_too_long.yaml',
    'tags_key_ownership.yaml',
    'tags_value_hash.yaml',
    'tags_value_too_long.yaml',
    'tags_value_number.yaml',
    'tags_not_mapping.yaml',
  ])('rejects %s', (file) => {
    expect(validate(dataOf(join(INVALID_DIR, file)))).toBe(false);
  });
});
