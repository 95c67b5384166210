/**
 * Regenerates schema/coc-script.schema.json from the zod schema of the definition format.
 * Run with `npx tsx scripts/generate-schema.ts`; the test suite fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_PATH, renderJsonSchema } from '../src/load/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, SCHEMA_PATH);
writeFileSync(target, renderJsonSchema());
process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
