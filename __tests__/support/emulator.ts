/**
 * Starts the COC emulator for a test file: one instance per file on 127.0.0.1, port 0, restored
 * to its configured start state before every test and closed after the file.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server.js';

export {
  DEFAULT_ACCESS_KEY as EMULATOR_ACCESS_KEY,
  DEFAULT_IDP as EMULATOR_IDP,
  DEFAULT_SECRET_KEY as EMULATOR_SECRET_KEY,
  DEFAULT_TOKEN as EMULATOR_TOKEN,
  DEFAULT_USER as EMULATOR_USER,
} from '../../emulator/defaults.js';

/**
 * Starts an emulator with the default credentials (token `emulator-token`, AK
 * `EMULATORAK000000000001` / SK `emulator-secret-key`, user `ci_user` / `ci-password` in
 * `my_account`, idp `github-idp` with audience `coc-script-sync`) unless `options` override them.
 */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', ...options });
}

/**
 * One emulator per test file. Before each test it is reset (empty store, empty log, no faults)
 * and then given `options.faults` and `options.seed` again, so tests never see each other.
 */
export function useEmulator(options: EmulatorOptions = {}): { readonly current: Emulator } {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator({ ...options, seed: [] });
  });
  beforeEach(() => {
    if (!emulator) throw new Error('useEmulator: the emulator did not start');
    emulator.reset();
    if (options.faults) emulator.setFaults(options.faults);
    if (options.seed) emulator.seed(options.seed);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get current(): Emulator {
      if (!emulator) throw new Error('useEmulator: use `current` inside a test or hook');
      return emulator;
    },
  };
}

/**
 * A GitHub-shaped OIDC token the emulator's identity provider accepts (it checks the claims, not
 * the signature), for the audience `aud`.
 */
export function githubIdToken(aud = 'coc-script-sync'): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    aud,
    sub: 'repo:acme/ops:ref:refs/heads/main',
    iss: 'https://token.actions.githubusercontent.com',
    exp: Math.floor(Date.now() / 1000) + 600,
  };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}
