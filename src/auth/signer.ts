/** How a request gets its credentials: an IAM token header or an AK/SK signature. */
import { signRequest } from './aksk.js';

/** A request about to be sent; `headers` already hold everything but the credentials. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes that will be sent (serialised once by the caller). */
  readonly body: string | undefined;
}

/** Adds credentials to a request. Called once per attempt, so signatures carry a fresh date. */
export interface RequestSigner {
  readonly method: 'token' | 'aksk' | 'none';
  /** Returns the complete headers to send. */
  sign(request: OutgoingRequest, now: Date): Record<string, string>;
}

/** Sends `X-Auth-Token` (a project-scoped IAM token). */
export function createTokenSigner(token: string): RequestSigner {
  return {
    method: 'token',
    sign: (request) => ({ ...request.headers, 'X-Auth-Token': token }),
  };
}

export interface AkskCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Temporary credentials: sent (and signed) as X-Security-Token. */
  readonly securityToken?: string;
}

/** Signs with SDK-HMAC-SHA256; temporary credentials add a signed X-Security-Token. */
export function createAkskSigner(credentials: AkskCredentials): RequestSigner {
  return {
    method: 'aksk',
    sign: (request, now) => {
      const headers: Record<string, string> = { ...request.headers };
      if (credentials.securityToken !== undefined) headers['X-Security-Token'] = credentials.securityToken;
      return signRequest({
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        accessKey: credentials.accessKey,
        secretKey: credentials.secretKey,
        date: now,
      }).headers;
    },
  };
}

/** No credentials: the IAM token endpoints authenticate through their body. */
export function createAnonymousSigner(): RequestSigner {
  return { method: 'none', sign: (request) => ({ ...request.headers }) };
}
