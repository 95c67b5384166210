/**
 * From Config to a ready CocApi: endpoints, exactly one credential method (masked first), the
 * IAM exchange when needed, and one keep-alive transport shared by IAM and COC calls.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { hasCredentials as anyCredentials, resolveCredentials } from '../auth/credentials.js';
import type { Credentials } from '../auth/credentials.js';
import {
  exchangeIdToken,
  fetchPasswordToken,
  obtainIdToken,
  projectScope,
  type IdTokenGetter,
} from './iam.js';
import type { RequestSigner } from '../auth/signer.js';
import { createAkskSigner, createAnonymousSigner, createTokenSigner } from '../auth/signer.js';
import type { Config } from '../config/config.js';
import { INPUT } from '../config/names.js';
import { inputRef } from '../config/words.js';
import type { Logger } from '../log.js';
import type { CocApi } from './api.js';
import { createCocClient } from './client.js';
import { describeEndpoint, effectiveRegion, resolveEndpoints } from './endpoints.js';
import { VERSION } from '../version.js';
import { createTransport } from './http.js';
import type { HttpTransport } from './http.js';
import { createLimiter } from './limiter.js';
import { createPacer, describePacerEvent } from './pacer.js';
import type { ExecutorOptions, Pacing } from './request.js';
import { createExecutor, type Sleep } from './request.js';
import type { RetryPolicy } from './retry.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { createRunStop } from './stop.js';
import type { Cancellation } from '../common/cancel.js';

/** Collaborators tests replace; everything defaults to the real thing. */
export interface ConnectDeps {
  readonly sleep?: Sleep;
  readonly random?: () => number;
  /** Epoch milliseconds (signature dates, Retry-After dates). */
  readonly now?: () => number;
  /**
   * The GitHub OIDC token for an audience, passed in by the action front end when the runner
   * offers one (core.getIDToken). Without it, keyless login needs HUAWEICLOUD_SDK_ID_TOKEN_FILE.
   */
  readonly getIdToken?: IdTokenGetter;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /**
   * The clock the throttling pacer runs on. Defaults to real time — unless `sleep` is injected,
   * then pacing is off unless given here (a faked retry sleep would see real-time pacing waits).
   */
  readonly pacing?: { readonly now: () => number; readonly sleep: Sleep };
  /** The run's cancel (common/cancel.ts), for every request of the client, IAM ones included. */
  readonly cancellation?: Cancellation;
}

const USER_AGENT = `coc-script-sync/${VERSION}`;

/** A real sleep that ends early, without a timer left behind, when `signal` aborts. */
const realSleep: Sleep = (ms, signal) =>
  delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

/** Whether any credential is available (the engine degrades plan → validate on fork PRs). */
export function hasCredentials(config: Config, canObtainIdToken: boolean): boolean {
  return anyCredentials(config, canObtainIdToken);
}

/** Executor settings shared by the IAM and COC executors (one transport, one limiter). */
type SharedOptions = Omit<ExecutorOptions, 'baseUrl' | 'signer' | 'headers'>;

interface SignerResult {
  readonly signer: RequestSigner;
  readonly projectId?: string;
}

interface SignerContext {
  readonly iamUrl: string;
  readonly projectId: string | undefined;
  readonly region: string | undefined;
  /** What to set for a project scope, in the front end's words. */
  readonly scopeNames: string;
  readonly shared: SharedOptions;
  readonly deps: ConnectDeps;
  readonly logger: Logger;
}

async function buildSigner(credentials: Credentials, ctx: SignerContext): Promise<SignerResult> {
  if (credentials.method === 'token') return { signer: createTokenSigner(credentials.token) };
  if (credentials.method === 'aksk') return { signer: createAkskSigner(credentials) };
  const { deps, logger } = ctx;
  const iam = createExecutor({
    ...ctx.shared,
    baseUrl: ctx.iamUrl,
    signer: createAnonymousSigner(),
    headers: { 'Content-Type': 'application/json;charset=UTF-8', 'User-Agent': USER_AGENT },
  });
  const scope = projectScope(ctx.projectId, ctx.region, ctx.scopeNames);
  const issued =
    credentials.method === 'password'
      ? await fetchPasswordToken(iam, { ...credentials, scope }, logger)
      : await exchangeIdToken(
          iam,
          credentials.idpId,
          await obtainIdToken(
            { ...credentials, ...(deps.getIdToken ? { getIdToken: deps.getIdToken } : {}) },
            logger,
          ),
          scope,
          logger,
        );
  return {
    signer: createTokenSigner(issued.token),
    ...(issued.projectId ? { projectId: issued.projectId } : {}),
  };
}

/** X-Project-Id when a project is known, else X-Domain-Id: exactly one spelling of one. */
function scopeHeaders(projectId: string | undefined, domainId: string | undefined): Record<string, string> {
  if (projectId) return { 'X-Project-Id': projectId };
  if (domainId) return { 'X-Domain-Id': domainId };
  return {};
}

function withPacing(pacing: Pacing | undefined): { pacing?: Pacing } {
  return pacing ? { pacing } : {};
}

/** One pacer for IAM and COC calls alike: the gateway's quota covers the whole account. */
function createPacing(logger: Logger, deps: ConnectDeps): Pacing | undefined {
  const clock = deps.pacing ?? (deps.sleep ? undefined : { now: Date.now, sleep: realSleep });
  if (!clock) return undefined;
  const pacer = createPacer({}, (event) => logger.info(describePacerEvent(event)));
  return { pacer, now: clock.now, sleep: clock.sleep };
}

function sharedOptions(
  config: Config,
  logger: Logger,
  deps: ConnectDeps,
  transport: HttpTransport,
): SharedOptions {
  return {
    transport,
    // One limiter for IAM and COC calls alike: `concurrency` bounds every request of the run.
    limiter: createLimiter(config.concurrency),
    ...withPacing(createPacing(logger, deps)),
    logger,
    timeoutSeconds: config.timeoutSeconds,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy },
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
    now: deps.now ?? Date.now,
    // One stop for IAM and COC calls alike: a rejected credential ends every request of the run.
    stop: createRunStop(),
    ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
  };
}

/**
 * Resolves endpoints and credentials, performs any IAM exchange, and returns the client.
 * Throws SyncError('validation') for endpoint problems and SyncError('auth') for credentials.
 */
export async function connectCoc(config: Config, logger: Logger, deps: ConnectDeps = {}): Promise<CocApi> {
  const credentials = resolveCredentials(config, logger);
  const endpoints = resolveEndpoints(config);
  const endpointNotice = describeEndpoint(endpoints, config.surface);
  if (endpointNotice !== undefined) logger.notice(endpointNotice);
  const transport = createTransport({ connections: config.concurrency, logger });
  const shared = sharedOptions(config, logger, deps, transport);
  const configuredProject = config.projectId;
  try {
    const region = effectiveRegion(config);
    const scopeNames = `${inputRef(config.surface, INPUT.projectId)} or ${inputRef(config.surface, INPUT.region)}`;
    const context = {
      iamUrl: endpoints.iam,
      projectId: configuredProject,
      region,
      scopeNames,
      shared,
      deps,
      logger,
    };
    const { signer, projectId } = await buildSigner(credentials, context);
    const project = configuredProject ?? projectId;
    const domain = config.domainId;
    const executor = createExecutor({
      ...shared,
      baseUrl: endpoints.coc,
      signer,
      headers: {
        'Content-Type': 'application/json',
        'X-Language': config.language,
        ...scopeHeaders(project, domain),
        'User-Agent': USER_AGENT,
      },
    });
    return createCocClient({
      executor,
      enterpriseProjectId: config.enterpriseProjectId,
      close: () => transport.close(),
    });
  } catch (error) {
    await transport.close();
    throw error;
  }
}
