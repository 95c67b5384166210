/**
 * The action front end: inputs → Config → engine → runner. Masks every credential before
 * anything else, builds the GitHub port, writes the plan file, publishes the outcome, and is the
 * only place a step is failed.
 */
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { credentialSecrets } from './auth/credentials.js';
import { cancelOnSignals, createCancelSource } from './common/cancel.js';
import { inertLine } from './common/inert.js';
import { connectCoc } from './coc/connect.js';
import { readActionInputs } from './config/action-inputs.js';
import { parseConfig } from './config/parse.js';
import { executeRun } from './engine/run.js';
import { decideVerdict, verdictContextOf, withVerdict } from './engine/verdict.js';
import { errorMessage } from './errors.js';
import { createGitHubPort } from './github/port.js';
import { runSourceFromEnv } from './github/source.js';
import { createActionsLogger, type Logger } from './log.js';
import { publishFailure, publishOutcome, writePlanFile } from './publish.js';

/**
 * The worker-thread entry, beside this bundle (dist/worker/, built by `npm run bundle`). Not a
 * literal inside `new URL(…)`, so the bundler does not take it for an asset to copy.
 */
const WORKER = './worker/index.js';

/**
 * Runs the action once; never throws (a failure fails the step instead). SIGINT and SIGTERM (the
 * runner's cancel) do not kill it: they cancel the run, which then reports and fails `cancelled`.
 */
export async function run(): Promise<void> {
  const logger = createActionsLogger();
  const cancel = createCancelSource();
  const stopListening = cancelOnSignals(cancel, process);
  // Whether COC may have been contacted: a failure before that point can say nothing was.
  let started = false;
  try {
    const raw = readActionInputs();
    const config = parseConfig(raw);
    for (const secret of credentialSecrets(config)) logger.mask(secret);
    const github = createGitHubPort(config, raw.env, logger);
    started = true;
    const outcome = await executeRun(config, {
      logger,
      connect: connectCoc,
      threads: { script: new URL(WORKER, import.meta.url) },
      reviewedPlanHash: github.reviewedPlanHash,
      cancellation: cancel.cancellation,
      // The runner offers OIDC tokens only to jobs with `permissions: id-token: write`.
      ...(raw.env.ACTIONS_ID_TOKEN_REQUEST_URL
        ? { getIdToken: (audience?: string) => core.getIDToken(audience) }
        : {}),
    });
    const verdict = decideVerdict(outcome, verdictContextOf(config, config.mode));
    const planFile =
      outcome.plan && (await writePlanFile(outcome.plan, raw.env.RUNNER_TEMP ?? tmpdir(), logger.secrets));
    const source = await runSourceFromEnv(raw.env, new Date());
    const located = { ...outcome, ...(planFile ? { planFile } : {}), ...(source ? { source } : {}) };
    const judged = withVerdict(located, verdict);
    await publishOutcome(judged, github, logger);
    if (verdict.failureReason) fail(logger, verdict.failureMessage ?? verdict.failureReason);
  } catch (error) {
    await publishFailure(error, logger, { started });
    fail(logger, errorMessage(error));
  } finally {
    stopListening();
  }
}

/** Fails the step with a scrubbed, inert message (it may quote a server's answer). */
function fail(logger: Logger, message: string): void {
  core.setFailed(inertLine(logger.secrets.scrub(message)));
}
