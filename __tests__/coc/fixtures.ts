/** Shared test fixtures for the COC client and auth tests. */
import type { Config } from '../../src/config/config.js';

/** A complete Config with no credentials; override what a test needs. */
export function makeConfig(overrides: Partial<Config> = {}): Config {
  return {
    path: 'coc-scripts',
    mode: 'plan',
    prune: [],
    maxDeletes: 5,
    syncSensitive: 'changed',
    failOnDrift: false,
    concurrency: 4,
    timeoutSeconds: 30,
    comment: false,
    language: 'en-us',
    enterpriseProjectId: '0',
    driftIssue: false,
    ownership: 'tag',
    checkContent: 'syntax',
    allowInsecureEndpoint: false,
    allowOutside: false,
    auth: {},
    workingDirectory: process.cwd(),
    workspace: process.cwd(),
    env: {},
    surface: 'action',
    withoutCredentials: 'fail',
    ...overrides,
  };
}
