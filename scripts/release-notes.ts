/**
 * `tsx scripts/release-notes.ts v1.2.3`: prints the CHANGELOG.md section of that version (the
 * GitHub release notes). Exits 1 when the tag does not name package.json's version or the
 * changelog has no entry for it. Used by .github/workflows/release.yml.
 */
import { readFileSync } from 'node:fs';
import { releaseNotes } from './lib/changelog.js';

try {
  const tag = process.argv[2];
  if (tag === undefined) throw new Error('usage: tsx scripts/release-notes.ts vX.Y.Z');
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  process.stdout.write(`${releaseNotes(tag, version, readFileSync('CHANGELOG.md', 'utf8'))}\n`);
} catch (error) {
  process.stderr.write(`release-notes: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
