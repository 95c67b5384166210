/**
 * Accepted X-Auth-Token values: the configured ones (never expire) and those the emulated IAM
 * issued (24 h, like real IAM tokens), each with the identity shown as creator/operator.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CREATOR } from './defaults.js';

/** Who a token belongs to. */
export interface TokenIdentity {
  readonly user: string;
  readonly projectId: string | undefined;
  readonly expiresAt: number;
}

/** The token registry of one emulator. */
export interface TokenRegistry {
  /** Identity of a valid token, `undefined` when unknown or expired. */
  check(token: string): TokenIdentity | undefined;
  /** Issues a new token valid for 24 h from now. */
  issue(user: string, projectId: string | undefined): { token: string; identity: TokenIdentity };
}

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Creates the registry with the configured tokens. */
export function createTokenRegistry(configured: readonly string[], now: () => number): TokenRegistry {
  const fixed = new Set(configured);
  const issued = new Map<string, TokenIdentity>();
  return {
    check(token) {
      if (fixed.has(token))
        return { user: DEFAULT_CREATOR, projectId: undefined, expiresAt: Number.POSITIVE_INFINITY };
      const identity = issued.get(token);
      return identity !== undefined && identity.expiresAt > now() ? identity : undefined;
    },
    issue(user, projectId) {
      // Real tokens are several KB; a long value catches clients that truncate headers.
      const token = `MIIemulator${randomBytes(384).toString('base64url')}`;
      const identity = { user, projectId, expiresAt: now() + TOKEN_LIFETIME_MS };
      issued.set(token, identity);
      return { token, identity };
    },
  };
}
