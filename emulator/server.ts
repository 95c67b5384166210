/**
 * The local COC API emulator (README, The COC emulator): node:http on loopback serving the script API, the IAM
 * token endpoints and /_emulator/ control paths. It is an independent implementation of
 * docs/coc-api.md — it shares nothing with the client but the signing primitive.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { DEFAULT_IDP, DEFAULT_TOKEN, DEFAULT_USER, defaultCredentials } from './defaults.js';
import { checkFaults, createFaultInjector, NO_FAULTS } from './faults.js';
import { handleCoc, type CocDeps } from './gateway.js';
import { newRequestId, parseJson, queryObject, readBody, sendJson } from './http.js';
import {
  IAM_ID_TOKEN_PATH,
  IAM_PASSWORD_PATH,
  idTokenToken,
  passwordToken,
  type IamSettings,
} from './iam.js';
import { createScriptStore } from './store.js';
import { createTokenRegistry } from './tokens.js';
import type { Emulator, EmulatorControls, EmulatorOptions, FaultConfig, RequestLogEntry } from './types.js';

/** The contract types, importable from the module tests and scripts already use. */
export type {
  Emulator,
  EmulatorOptions,
  FaultConfig,
  RequestLogEntry,
  ScriptRecord,
  SeedScript,
} from './types.js';

/** Keeps only the known fault keys and rejects bad values (a typo must not pass silently). */
function pickFaults(partial: Partial<FaultConfig>): Partial<FaultConfig> {
  const problem = checkFaults(partial);
  if (problem !== undefined) throw new Error(`Invalid emulator faults: ${problem}`);
  const known = Object.keys(NO_FAULTS);
  const picked: Partial<FaultConfig> = Object.fromEntries(
    Object.entries(partial).filter(([key]) => known.includes(key)),
  );
  return picked;
}

function iamAnswer(method: string, path: string, req: IncomingMessage, body: unknown, iam: IamSettings) {
  if (method === 'POST' && path === IAM_PASSWORD_PATH) return passwordToken(body, iam);
  if (method === 'POST' && path === IAM_ID_TOKEN_PATH) return idTokenToken(req.headers, body, iam);
  return undefined;
}

/** The live state of one emulator. */
interface EmulatorState {
  readonly deps: CocDeps;
  readonly iam: IamSettings;
  readonly controls: EmulatorControls;
}

function createState(options: EmulatorOptions): EmulatorState {
  const now = options.now ?? Date.now;
  const store = createScriptStore(now);
  const faults = createFaultInjector(pickFaults(options.faults ?? {}), now);
  const tokens = createTokenRegistry(options.tokens ?? [DEFAULT_TOKEN], now);
  const log: RequestLogEntry[] = [];
  const iam: IamSettings = {
    users: options.users ?? [DEFAULT_USER],
    idps: options.idps ?? [DEFAULT_IDP],
    tokens,
    now,
  };
  const view = { omitProtocol: options.omitProtocol ?? false };
  const auth = { tokens, credentials: options.credentials ?? defaultCredentials(), now };
  const controls: EmulatorControls = {
    seed: (scripts) => store.seed(scripts),
    scripts: () => store.all(),
    requests: () => log.map((entry) => structuredClone(entry)),
    clearRequests: () => void log.splice(0),
    setFaults: (partial) => faults.set(pickFaults(partial)),
    faults: () => faults.config(),
    reset() {
      store.reset();
      log.splice(0);
      faults.reset();
    },
  };
  return { deps: { store, faults, now, log, view, auth }, iam, controls };
}

function createHandler(state: EmulatorState): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { deps, iam, controls } = state;
  return async (req, res) => {
    const requestId = newRequestId();
    const raw = req.url ?? '/';
    const url = new URL(raw, 'http://emulator.invalid');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const answer = handleControl(method, url.pathname, parseJson(body), controls);
      sendJson(res, answer.status, answer.body, requestId);
      return;
    }
    const iamResult = iamAnswer(method, url.pathname, req, parseJson(body), iam);
    if (iamResult) {
      const entry: RequestLogEntry = {
        method,
        path: url.pathname,
        query: queryObject(url),
        status: iamResult.status,
        at: deps.now(),
      };
      deps.log.push(entry);
      sendJson(res, iamResult.status, iamResult.body, requestId, iamResult.headers);
      entry.answeredAt = deps.now();
      return;
    }
    await handleCoc({ req, res, requestId, raw, url, method, body }, deps);
  };
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}`;
}

/** Starts an emulator; omitted auth lists use the defaults of defaults.ts. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = createState(options);
  const handle = createHandler(state);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // COC reports internal faults as 400 COC.00040701 (docs/coc-api.md §6).
      if (res.headersSent) res.destroy();
      else sendJson(res, 400, { error_code: 'COC.00040701', error_msg: 'internal error' }, newRequestId());
    });
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  if (options.seed) state.controls.seed(options.seed);
  const close = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive clients would otherwise hold close() open.
      server.closeAllConnections();
    });
  return { ...state.controls, url, close };
}
