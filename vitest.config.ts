import { defineConfig } from 'vitest/config';

export default defineConfig({
  // @actions/workflow-parser ships source maps that point at files it does not publish; Vite
  // would warn about each one. Test results and errors are unaffected.
  logLevel: 'error',
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // @actions/workflow-parser imports JSON without import attributes, which Node 24 refuses.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
