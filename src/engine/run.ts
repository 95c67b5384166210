/**
 * The engine: one run of validate, plan or apply as a list of stages (load → check → connect → remote →
 * plan → guards → apply → outcome). No @actions/* import: the action (src/action.ts) and the CLI
 * (src/cli/) are the front ends that parse inputs, call executeRun and present its outcome;
 * engine/verdict.ts decides how the outcome ends for both.
 */
import { tmpdir } from 'node:os';
import { applyPlan, countWrites, findMissingEnvValues } from '../apply/apply.js';
import type { ContentCheck } from '../check/check.js';
import { startContentCheck } from '../check/check.js';
import type { CocApi } from '../coc/api.js';
import { hasCredentials } from '../coc/connect.js';
import type { IdTokenGetter } from '../coc/iam.js';
import type { Config } from '../config/config.js';
import { loadDefinitions } from '../load/load.js';
import type { WorkerThreads } from '../common/threads.js';
import { createWorkerPool } from '../common/threads.js';
import type { Logger } from '../log.js';
import type { Definition, PresentDefinition, RemoteScript, ReviewedPlan, RunOutcome } from '../model.js';
import { checkDeleteGuard, comparePlanHash } from '../plan/guards.js';
import { describePlanDifferences } from '../report/plan-differences.js';
import { buildPlan } from '../plan/plan.js';
import { createContentDigests, type ContentDigests } from '../plan/hash.js';
import { createPreparedItems, type PreparedItems } from '../plan/items.js';
import { fetchRemoteState } from '../remote/fetch.js';
import { unmatchedPruneNotes } from '../common/globs.js';
import { selectTargets } from '../resolve/targets.js';
import { SyncError } from '../errors.js';
import { failedOutcome, initialOutcome, logPlan, maskSensitiveValues, unsetEnvNotes } from './outcome.js';
import { trackProgress } from './progress.js';
import { mayPrune, ownershipSettings } from '../resolve/ownership-tag.js';
import { CANCEL_GRACE_MS, cancelledBy, type Cancellation } from '../common/cancel.js';

/** What connect receives besides the config: the identity-token source and the run's cancel. */
export interface ConnectOptions {
  readonly getIdToken?: IdTokenGetter;
  readonly cancellation?: Cancellation;
}

/** Collaborators of a run; tests and the CLI pass their own. */
export interface RunDeps {
  readonly logger: Logger;
  readonly connect: (config: Config, logger: Logger, options: ConnectOptions) => Promise<CocApi>;
  /**
   * The GitHub OIDC token source, passed in by the action front end when the runner offers one
   * (`permissions: id-token: write`); the CLI has none (it reads HUAWEICLOUD_SDK_ID_TOKEN_FILE).
   */
  readonly getIdToken?: IdTokenGetter;
  /** The plan hash reviewed on the merged pull request (push events in the action only). */
  readonly reviewedPlanHash?: () => Promise<ReviewedPlan>;
  readonly onProgress?: (done: number, total: number, phase: string) => void;
  /** The bundled worker entry (dist/worker/): a large folder is then loaded and checked on more than one core. */
  readonly threads?: WorkerThreads;
  /**
   * SIGINT / SIGTERM as the front end caught them (common/cancel.ts): once requested, no new
   * request or write starts; the outcome says what was done and carries `cancelled`.
   */
  readonly cancellation?: Cancellation;
}

/**
 * Runs validate, plan or apply for one configuration and says what happened. Never throws. A
 * cancel ends it early with an outcome marked `cancelled` (engine/verdict.ts decides the rest).
 */
export async function executeRun(config: Config, deps: RunDeps): Promise<RunOutcome> {
  const { cancellation, logger } = deps;
  const announce = (): void =>
    logger.warning(
      `Cancel requested (${cancelledBy(cancellation) ?? '?'}): no new request starts; writes in flight get up to ${CANCEL_GRACE_MS / 1000} s, then the run reports what it did.`,
    );
  if (cancellation?.requested.aborted === true) announce();
  else cancellation?.requested.addEventListener('abort', announce, { once: true });
  try {
    const outcome = await runStages(config, deps);
    const by = cancelledBy(cancellation);
    return by === undefined ? outcome : { ...outcome, cancelled: by };
  } finally {
    cancellation?.requested.removeEventListener('abort', announce);
  }
}

async function runStages(config: Config, deps: RunDeps): Promise<RunOutcome> {
  // One pool of worker threads serves the load and the content check, then ends.
  const workers = deps.threads && createWorkerPool(deps.threads);
  // Begun before the load, so the checkers' start-up overlaps it (check/check.ts).
  const contentCheck = startContentCheck({
    level: config.checkContent,
    path: config.env.PATH,
    tempDir: config.env.RUNNER_TEMP ?? tmpdir(),
    ...(workers ? { workers } : {}),
  });
  let loaded: Awaited<ReturnType<typeof loadDefinitions>>;
  let checked: ContentCheck;
  try {
    loaded = await loadDefinitions(config.path, config.env, config.workingDirectory, config.workspace, {
      reservedTags: config.ownership === 'tag' ? 1 : 0,
      boundary: config.allowOutside ? false : config.workspace,
      ...(workers ? { workers } : {}),
      surface: config.surface,
    });
    if (loaded.byWorkers)
      deps.logger.debug(`${loaded.byWorkers} of ${loaded.files} definition files loaded on worker threads`);
    maskSensitiveValues(loaded.definitions, deps.logger);
    checked = await contentCheck.run(loaded.definitions);
  } finally {
    // Whatever ended the stage: a checker still waiting is stopped (after a check, nothing is).
    contentCheck.discard();
    workers?.close();
  }
  for (const note of checked.notes) deps.logger.notice(note);
  const outcome = initialOutcome(config, loaded, checked);
  if (outcome.failureReason || config.mode === 'validate') return outcome;
  // Only on pull request events (secrets withheld from forks and Dependabot) may plan degrade;
  // elsewhere a missing credential is an `auth` failure that names what to set (connect throws it).
  const degrade = config.withoutCredentials === 'validate' && config.mode === 'plan';
  if (degrade && !hasCredentials(config, deps.getIdToken !== undefined)) {
    const note =
      'No credentials are available on this pull request (GitHub gives no secrets to forks and Dependabot): only validation ran.';
    deps.logger.notice(note);
    return { ...outcome, mode: 'validate', notes: [...outcome.notes, note] };
  }
  const scope = scopeOf(config, loaded.definitions, deps.logger);
  const started = { ...outcome, mode: config.mode, notes: [...outcome.notes, ...scope.notes] };
  if (scope.error) return failedOutcome(started, scope.error);
  // Cancelled while loading: nothing was sent, and nothing will be.
  if (deps.cancellation?.requested.aborted === true) return started;
  let api: CocApi | undefined;
  try {
    api = await deps.connect(scope.config, deps.logger, {
      ...(deps.getIdToken ? { getIdToken: deps.getIdToken } : {}),
      ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
    });
    const tracker = deps.onProgress && trackProgress(api, deps.onProgress);
    return await planAndApply(scope.config, deps, tracker ?? { api }, scope.definitions, started);
  } catch (error) {
    return failedOutcome(started, error);
  } finally {
    await api?.close();
  }
}

async function planAndApply(
  config: Config,
  deps: RunDeps,
  { api, startApplying }: { readonly api: CocApi; readonly startApplying?: (total: number) => void },
  definitions: readonly Definition[],
  started: RunOutcome,
): Promise<RunOutcome> {
  const ownership = ownershipSettings(config);
  // The plan hash's content digests are computed while the GETs are in flight, not after them.
  const digests = createContentDigests();
  digestBetweenAnswers(definitions, digests);
  // So are the update items (their field and content diffs), each once its script's GET is in.
  const prepared = createPreparedItems({ syncSensitive: config.syncSensitive, ownership });
  const prepare = prepareAfterAnswers(definitions, prepared);
  const remote = await fetchRemoteState(api, definitions, {
    prune: config.prune,
    mayPrune: (summary) => mayPrune(summary, ownership),
    concurrency: config.concurrency,
    onScript: (script) => {
      digests.remote(script);
      prepare.answered(script);
    },
  }).finally(() => prepare.stop());
  const plan = buildPlan({
    definitions,
    remote,
    digests,
    prepared,
    prune: config.prune,
    syncSensitive: config.syncSensitive,
    ownership,
    hasDefinitionFiles: definitions.length > 0,
  });
  // The CLI renders the plan itself: its log lines would list every script a second time.
  if (config.surface === 'action') logPlan(plan, deps.logger);
  // Plan mode: an unset value_from_env is only a notice; apply refuses before any write instead.
  const envNotes = [
    ...(config.mode === 'plan' ? unsetEnvNotes(plan, definitions) : []),
    ...unmatchedPruneNotes(
      config.prune,
      (remote.summaries ?? []).map((s) => s.name),
    ),
  ];
  for (const note of envNotes) deps.logger.notice(note);
  const planned: RunOutcome = { ...started, plan, notes: [...started.notes, ...envNotes] };
  if (config.mode === 'plan') return planned;
  // Cancelled while planning: the plan is shown, nothing is written.
  if (deps.cancellation?.requested.aborted === true) return planned;
  const reviewed = await reviewedPlan(config, deps);
  const checked = reviewed.note ? { ...planned, notes: [...planned.notes, reviewed.note] } : planned;
  const refused = refuseApply(checked, config, reviewed);
  if (refused) return refused;
  startApplying?.(countWrites(plan));
  const results = await applyPlan(plan, api, {
    concurrency: config.concurrency,
    logger: deps.logger,
    enterpriseProjectId: config.enterpriseProjectId,
    ...(deps.cancellation ? { cancellation: deps.cancellation } : {}),
  });
  return { ...checked, results };
}

interface RunScope {
  /** The config the run continues with: no prune while targeting. */
  readonly config: Config;
  readonly definitions: readonly Definition[];
  readonly notes: readonly string[];
  readonly error?: SyncError;
}

/** `--target` (CLI): the definitions in scope; every definition, and prune as configured, else. */
function scopeOf(config: Config, definitions: readonly Definition[], logger: Logger): RunScope {
  if (config.targets === undefined || config.targets.length === 0) return { config, definitions, notes: [] };
  const selection = selectTargets(definitions, config.targets);
  for (const target of selection.unmatched) logger.warning(`--target ${target} matches no definition`);
  const scoped = {
    config: { ...config, prune: [] },
    definitions: selection.definitions,
    notes: [selection.note],
  };
  if (selection.definitions.length > 0) return scoped;
  const targets = config.targets.join(', ');
  return {
    ...scoped,
    error: new SyncError(
      'validation',
      `--target ${targets} matches no definition in ${config.path}; nothing was planned.`,
    ),
  };
}

/** Definitions digested per event-loop turn: a slice takes well under a millisecond. */
const DIGEST_SLICE = 25;

/** Digests the desired contents a slice per turn, so answers arriving meanwhile are not held up. */
function digestBetweenAnswers(definitions: readonly Definition[], digests: ContentDigests): void {
  let next = 0;
  const slice = (): void => {
    for (const end = Math.min(next + DIGEST_SLICE, definitions.length); next < end; next++) {
      const definition = definitions[next];
      if (definition) digests.desired(definition);
    }
    if (next < definitions.length) setImmediate(slice);
  };
  setImmediate(slice);
}

/**
 * For each answered script, prepares the update item of every present definition that may bind
 * to it (same uuid, or same name without one; buildPlan decides which does). Run after the
 * answers waiting now, so the next requests leave first; an item not ready when the last answer
 * is in is computed by buildPlan instead (`stop` drops the preparations still queued).
 */
function prepareAfterAnswers(
  definitions: readonly Definition[],
  prepared: PreparedItems,
): { answered(script: RemoteScript): void; stop(): void } {
  const byUuid = new Map<string, PresentDefinition[]>();
  const byName = new Map<string, PresentDefinition[]>();
  for (const definition of definitions) {
    if (definition.state !== 'present') continue;
    const [index, key] =
      definition.uuid === undefined ? [byName, definition.name] : [byUuid, definition.uuid];
    const list = index.get(key);
    if (list) list.push(definition);
    else index.set(key, [definition]);
  }
  let stopped = false;
  return {
    answered(script) {
      const candidates = [...(byUuid.get(script.uuid) ?? []), ...(byName.get(script.name) ?? [])];
      if (candidates.length === 0) return;
      setImmediate(() => {
        if (!stopped) for (const definition of candidates) prepared.prepare(definition, script);
      });
    },
    stop: () => void (stopped = true),
  };
}

/** Every check that must pass before the first write; a refusal writes nothing at all. */
function refuseApply(
  outcome: RunOutcome,
  config: Config,
  reviewed: Partial<ReviewedPlan>,
): RunOutcome | undefined {
  const plan = outcome.plan;
  if (!plan) return undefined;
  const missing = findMissingEnvValues(plan, config.surface);
  if (missing.length > 0) {
    const unset =
      missing.length === 1
        ? '1 value_from_env variable is'
        : `${missing.length} value_from_env variables are`;
    const message = `${unset} not set in the environment; nothing was applied.`;
    const withDiagnostics = { ...outcome, diagnostics: [...outcome.diagnostics, ...missing] };
    return failedOutcome(withDiagnostics, new SyncError('validation', message, { diagnostics: missing }));
  }
  const guard = checkDeleteGuard(plan, config.maxDeletes, config.surface);
  if (guard) return failedOutcome(outcome, guard);
  const changed = reviewed.hash === undefined ? undefined : comparePlanHash(plan, reviewed.hash);
  if (!changed) return undefined;
  return failedOutcome(
    { ...outcome, planDifferences: describePlanDifferences(reviewed.plan, plan) },
    changed,
  );
}

/** `expected-plan-hash` wins; else, on push events, the hash reviewed on the merged pull request. */
async function reviewedPlan(config: Config, deps: RunDeps): Promise<Partial<ReviewedPlan>> {
  if (config.expectedPlanHash) return { hash: config.expectedPlanHash };
  if (!deps.reviewedPlanHash) return {};
  const reviewed = await deps.reviewedPlanHash();
  deps.logger.notice(reviewed.note);
  return reviewed;
}
