/**
 * The JSON Schema of the definition format, generated from the same zod schema the loader uses
 * (README, Definition format), so editors validate and autocomplete exactly what the action accepts.
 * Draft-07 because it is what YAML editors (yaml-language-server) support most widely.
 */
import { z } from 'zod';
import { definitionSchema } from './schema.js';

/** Identifier of the published schema document. */
export const SCHEMA_ID = 'urn:coc-script-sync:schema:coc-script:v1';

/** Where the generated schema is committed, relative to the repository root. */
export const SCHEMA_PATH = 'schema/coc-script.schema.json';

/** The JSON Schema document as a plain object. */
export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(definitionSchema, { target: 'draft-7' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'coc-script-sync definition',
    description:
      'One Huawei Cloud COC custom script, kept in git and synced by coc-script-sync. ' +
      'Use content or content_file; state: absent deletes the script.',
    ...rest,
  };
}

/** The schema file's exact text (stable key order, two-space indent, final newline). */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
