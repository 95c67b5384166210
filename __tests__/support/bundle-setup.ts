/**
 * Vitest global setup of the tests that spawn dist/index.js or dist/cli/index.js (the `bundle`
 * project in vitest.config.ts): they must never run a stale bundle. When a source file is newer
 * than either bundle, it runs `npm run bundle` — the same command whose output CI's check-dist
 * compares with the committed dist/ — once, before the first test. Under `npm test` the bundle
 * was just built, so nothing happens here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runner.js';

/** What the bundles are built from. */
const INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const BUNDLES = ['dist/index.js', 'dist/cli/index.js', 'dist/worker/index.js'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function bundleMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** The first input newer than the oldest bundle, or undefined when the bundles are fresh. */
export function staleReason(root: string = REPO_ROOT): string | undefined {
  const oldestBundle = Math.min(...BUNDLES.map((bundle) => bundleMtime(join(root, bundle))));
  if (oldestBundle < 0) return 'dist/ has no bundle yet';
  const newer = INPUTS.find((input) => newestMtime(join(root, input)) > oldestBundle);
  return newer === undefined ? undefined : `${newer} changed after the last bundle`;
}

export function setup(): void {
  // The benchmark points the harness at another build on purpose; nothing to check then.
  if (process.env['COC_SYNC_ACTION_ENTRY'] !== undefined) return;
  const reason = staleReason();
  if (reason === undefined) return;
  process.stderr.write(`Tests that spawn the bundles: ${reason}; running npm run bundle first.\n`);
  const build = spawnSync('npm', ['run', 'bundle'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `npm run bundle failed (exit ${build.status ?? build.signal}); the tests that spawn dist/ ` +
        `cannot run on a stale bundle.\n${build.stdout}\n${build.stderr}`,
    );
  }
  const still = staleReason();
  if (still !== undefined) throw new Error(`dist/ is still stale after npm run bundle: ${still}`);
}
