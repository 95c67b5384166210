/**
 * Default identities of the emulator, shared by `npm run emulator` and the test helper so a
 * demo or a test can authenticate without configuration.
 */
import type { EmulatorCredential, EmulatorIdp, EmulatorUser } from './types.js';

/** Accepted X-Auth-Token when `tokens` is not given. */
export const DEFAULT_TOKEN = 'emulator-token';
/** AK/SK pair accepted when `credentials` is not given. */
export const DEFAULT_ACCESS_KEY = 'EMULATORAK000000000001';
/** Secret key of DEFAULT_ACCESS_KEY. */
export const DEFAULT_SECRET_KEY = 'emulator-secret-key';
/** IAM user accepted when `users` is not given. */
export const DEFAULT_USER: EmulatorUser = { name: 'ci_user', password: 'ci-password', domain: 'my_account' };
/** OIDC identity provider accepted when `idps` is not given. */
export const DEFAULT_IDP: EmulatorIdp = { id: 'github-idp', audience: 'coc-script-sync' };
/** Project id of issued tokens when neither the user nor the scope names one. */
export const DEFAULT_PROJECT_ID = '0123456789abcdef0123456789abcdef';
/** Creator of scripts made with a configured token or AK/SK (no IAM user behind them). */
export const DEFAULT_CREATOR = 'emulator_user';

/** The default AK/SK list. */
export function defaultCredentials(): EmulatorCredential[] {
  return [{ accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY }];
}
