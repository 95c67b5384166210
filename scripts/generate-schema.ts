/**
 * Regenerates schema/coc-script.schema.json from the zod schema of the definition format, and
 * schema/cli-output.schema.json (what `--json` prints) from src/cli/output-schema.ts.
 * Run with `npx tsx scripts/generate-schema.ts`; the test suite fails when a file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTPUT_SCHEMA_PATH, renderOutputSchema } from '../src/cli/output-schema.js';
import { SCHEMA_PATH, renderJsonSchema } from '../src/load/json-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, text] of [
  [SCHEMA_PATH, renderJsonSchema()],
  [OUTPUT_SCHEMA_PATH, renderOutputSchema()],
] as const) {
  writeFileSync(resolve(root, path), text);
  process.stdout.write(`wrote ${path}\n`);
}
