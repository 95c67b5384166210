/**
 * Writes src/version.ts from package.json's version, so the bundles know their version without
 * reading package.json at run time (dist/ has none of its own). Part of `npm run generate`; a
 * test fails when the two disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const text = `/** The package version (generated from package.json by scripts/generate-version.ts). */
export const VERSION = '${version}';
`;
if (readFileSync('src/version.ts', { encoding: 'utf8', flag: 'a+' }) !== text)
  writeFileSync('src/version.ts', text);
