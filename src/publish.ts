/** The one writer to the runner: outputs, annotations, job summary, plan file, GitHub posts. */
import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, formatDiagnostic, SyncError } from './errors.js';
import type { GitHubPort } from './github/port.js';
import { inertLine } from './common/inert.js';
import type { SecretSet } from './common/scrub.js';
import type { Logger } from './log.js';
import type { Plan, RunOutcome } from './model.js';
import { OUTPUT } from './config/names.js';
import { serializePlan } from './report/plan-file.js';
import { annotationProperties, toAnnotations } from './report/annotations.js';
import { computeOutputs } from './report/outputs.js';
import { renderStartFailure } from './report/headline.js';
import { renderSummary } from './report/summary.js';

/** Writes the plan JSON (sensitive values replaced, every secret scrubbed) and returns its path. */
export async function writePlanFile(plan: Plan, dir: string, secrets: SecretSet): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `coc-script-sync-plan-${plan.hash.replace(/^sha256:/, '').slice(0, 16)}.json`);
  await writeFile(file, secrets.scrub(serializePlan(plan)), { encoding: 'utf8', mode: 0o600 });
  return file;
}

/**
 * Publishes everything a run produced to the runner and, where asked, to GitHub. Every string of
 * the outcome is scrubbed once before anything is rendered (so a secret is caught before Markdown
 * or annotation escaping could change its spelling), and every rendered text once more.
 */
export async function publishOutcome(outcome: RunOutcome, github: GitHubPort, logger: Logger): Promise<void> {
  const { secrets } = logger;
  const safe = secrets.scrubData(outcome);
  const line = (text: string): string => inertLine(secrets.scrub(text));
  for (const annotation of toAnnotations(safe)) {
    const properties = annotationProperties(annotation);
    const title = properties.title === undefined ? {} : { title: line(properties.title) };
    annotate(annotation.level, line(annotation.message), { ...properties, ...title });
  }
  for (const [name, value] of Object.entries(computeOutputs(safe)))
    core.setOutput(name, secrets.scrub(value));
  await core.summary.addRaw(renderSummary(safe, { secrets: secrets.values() })).write();
  await tryGitHub(() => github.publishComment(safe), logger);
  await tryGitHub(() => github.syncDriftIssue(safe), logger);
}

/**
 * A failure before any outcome existed (bad inputs): sets failure-reason, logs the diagnostics that
 * say more than the message, and writes a job summary saying why. The message itself is printed
 * once, by the front end's setFailed.
 */
export async function publishFailure(
  error: unknown,
  logger: Logger,
  { started }: { readonly started: boolean },
): Promise<void> {
  const { secrets } = logger;
  const reason = error instanceof SyncError ? error.reason : 'validation';
  core.setOutput(OUTPUT.failureReason, reason);
  const message = secrets.scrub(errorMessage(error));
  const details = (error instanceof SyncError ? error.diagnostics : [])
    .map((diagnostic) => secrets.scrub(formatDiagnostic(diagnostic)))
    .filter((text) => text !== message);
  for (const text of details) logger.error(text);
  try {
    await core.summary.addRaw(secrets.scrub(renderStartFailure(reason, message, details, started))).write();
  } catch (summaryError) {
    logger.warning(`Could not write the job summary: ${errorMessage(summaryError)}`);
  }
}

async function tryGitHub(post: () => Promise<string | undefined>, logger: Logger): Promise<void> {
  try {
    const note = await post();
    if (note) logger.info(note);
  } catch (error) {
    logger.warning(`Could not update GitHub: ${errorMessage(error)}`);
  }
}

function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string,
  properties: core.AnnotationProperties,
): void {
  if (level === 'error') core.error(message, properties);
  else if (level === 'warning') core.warning(message, properties);
  else core.notice(message, properties);
}
