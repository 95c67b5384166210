import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that spawn dist/index.js or dist/cli/index.js. They form their own project, whose
 * global setup rebuilds the bundles first when a source file is newer (never a stale bundle).
 */
const SPAWNS_BUNDLES = [
  '__tests__/e2e/**/*.test.ts',
  '__tests__/reliability/canary.test.ts',
  '__tests__/reliability/rate-limit.test.ts',
  '__tests__/reliability/soak.test.ts',
  '__tests__/workflows/repo-workflows.test.ts',
];

export default defineConfig({
  // @actions/workflow-parser ships source maps that point at files it does not publish; Vite
  // would warn about each one. Test results and errors are unaffected.
  logLevel: 'error',
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One test file per core, and at least two: half of the suite waits on spawned bundles and on
    // the emulator's latency rather than on a core (vitest's default leaves one core idle, which
    // on a 2-core runner runs every file one after the other).
    maxWorkers: Math.max(2, availableParallelism()),
    // @actions/workflow-parser imports JSON without import attributes, which Node 24 refuses.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['__tests__/**/*.test.ts'], exclude: SPAWNS_BUNDLES },
      },
      {
        extends: true,
        test: {
          name: 'bundle',
          include: SPAWNS_BUNDLES,
          globalSetup: ['__tests__/support/bundle-setup.ts'],
        },
      },
    ],
  },
});
