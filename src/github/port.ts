/**
 * Everything the action does on GitHub besides the runner — the sticky PR comment, the drift
 * issue and the reviewed-plan lookup — decided once from the config and the environment
 * snapshot (never process.env). Failures of GitHub calls are warnings, never a failed step.
 */
import { readFile } from 'node:fs/promises';
import { credentialSecrets } from '../auth/credentials.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import type { ReviewedPlan, RunOutcome } from '../model.js';
import { commentMarker, renderComment } from '../report/comment.js';
import { findTokenIdentity, type Author, type GitHubClient, type GitHubContext } from './client.js';
import { syncDriftIssue } from './drift-issue.js';
import { findReviewedPlanHash } from './merged-plan.js';
import { upsertStickyComment } from './sticky-comment.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The GitHub side of a run, as main.ts and publish.ts use it. */
export interface GitHubPort {
  /** The plan hash reviewed on the merged pull request (push events); a note says what was found. */
  readonly reviewedPlanHash: () => Promise<ReviewedPlan>;
  /** Creates or edits the sticky comment on pull_request events; returns a log line. */
  readonly publishComment: (outcome: RunOutcome) => Promise<string | undefined>;
  /** Opens, updates or closes the drift issue when `drift-issue` is on; returns a log line. */
  readonly syncDriftIssue: (outcome: RunOutcome) => Promise<string | undefined>;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The pull request number: from `refs/pull/N/merge`, else from the event payload file. */
async function pullRequestNumber(env: Env): Promise<number | undefined> {
  const fromRef = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1];
  if (fromRef) return Number(fromRef);
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { number?: unknown };
    };
    const number = payload.pull_request?.number;
    return typeof number === 'number' ? number : undefined;
  } catch {
    return undefined; // No readable payload: the comment is skipped with a warning by the caller.
  }
}

/** The run's GitHub context from the environment snapshot, or undefined outside Actions. */
export async function githubContextFromEnv(env: Env, token: string): Promise<GitHubContext | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) return undefined;
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const prNumber = PR_EVENTS.has(eventName) ? await pullRequestNumber(env) : undefined;
  return {
    token,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    repo: { owner, repo },
    eventName,
    ...(prNumber === undefined ? {} : { prNumber }),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
  };
}

/** Link to the run page, where the job summary is shown. */
export function summaryUrlFromEnv(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

/** What the three port operations share. */
interface PortState {
  readonly config: Config;
  readonly env: Env;
  readonly logger: Logger;
  readonly summaryUrl?: string;
  readonly client: () => Promise<GitHubClient | undefined>;
  /** Who this token posts as, asked once (only the comments it wrote are ours). */
  readonly identity: (gh: GitHubClient) => Promise<Author>;
}

async function reviewedPlanFor(state: PortState): Promise<ReviewedPlan> {
  const event = state.env.GITHUB_EVENT_NAME ?? 'none';
  if (event !== 'push')
    return { note: `No reviewed-plan check: it runs on push events (this run: ${event}).` };
  const gh = await state.client();
  const sha = state.env.GITHUB_SHA;
  if (!gh || !sha) return { note: 'No reviewed-plan check: no github-token or commit sha is available.' };
  return findReviewedPlanHash(gh, sha, commentMarker(targetOf(state.config)), () => state.identity(gh));
}

async function publishCommentFor(state: PortState, outcome: RunOutcome): Promise<string | undefined> {
  if (!state.config.comment || !PR_EVENTS.has(state.env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const gh = await state.client();
  if (!gh || gh.context.prNumber === undefined) {
    return warn(
      state.logger,
      'The plan comment was not posted: no github-token or pull request number is available.',
    );
  }
  const marker = commentMarker(outcome.target);
  const body = state.logger.secrets.scrub(renderComment(outcome, { ...renderOptions(state), marker }));
  const result = await upsertStickyComment(gh, marker, body, () => state.identity(gh));
  if (result.action === 'skipped') return warn(state.logger, result.reason);
  return `Plan comment ${result.action} on pull request #${gh.context.prNumber} (comment ${result.id}).`;
}

async function syncDriftFor(state: PortState, outcome: RunOutcome): Promise<string | undefined> {
  if (!state.config.driftIssue || outcome.mode !== 'plan') return undefined;
  const gh = await state.client();
  if (!gh)
    return warn(state.logger, 'The drift issue was not updated: no github-token or repository is available.');
  const result = await syncDriftIssue(gh, commentMarker(outcome.target), outcome, renderOptions(state));
  if (result.action === 'skipped') return warn(state.logger, result.reason);
  if (result.action === 'none') return 'No drift and no open drift issue.';
  return `Drift issue #${result.number} ${result.action}.`;
}

/** Builds the client that does the GitHub calls, loading Octokit only now (see octokit.ts). */
async function createOctokitClient(context: GitHubContext): Promise<GitHubClient> {
  const { createGitHubClient } = await import(/* webpackMode: "eager" */ './octokit.js');
  return createGitHubClient(context);
}

/**
 * Builds the port. `createClient` is replaceable so tests can point it anywhere; by default it
 * is an Octokit on GITHUB_API_URL, loaded on the first GitHub call. The token is masked first.
 */
export function createGitHubPort(
  config: Config,
  env: Env,
  logger: Logger,
  createClient: (context: GitHubContext) => GitHubClient | Promise<GitHubClient> = createOctokitClient,
): GitHubPort {
  const token = config.githubToken ?? '';
  // Credentials must never reach GitHub: registered here too, they are scrubbed from every body.
  for (const secret of [token, ...credentialSecrets(config)]) logger.mask(secret);
  const summaryUrl = summaryUrlFromEnv(env);
  let identity: Promise<Author> | undefined;
  const state: PortState = {
    config,
    env,
    logger,
    ...(summaryUrl ? { summaryUrl } : {}),
    identity: (gh) => (identity ??= findTokenIdentity(gh)),
    client: async () => {
      const context = token ? await githubContextFromEnv(env, token) : undefined;
      return context ? createClient(context) : undefined;
    },
  };
  return {
    reviewedPlanHash: () => reviewedPlanFor(state),
    publishComment: (outcome) => publishCommentFor(state, outcome),
    syncDriftIssue: (outcome) => syncDriftFor(state, outcome),
  };
}

/**
 * What the comment and issue renderers get: every secret registered so far (credentials, the
 * GitHub token, tokens obtained from IAM, sensitive values), read when the body is rendered.
 */
function renderOptions(state: PortState): { secrets: readonly string[]; summaryUrl?: string } {
  const secrets = state.logger.secrets.values();
  return state.summaryUrl === undefined ? { secrets } : { secrets, summaryUrl: state.summaryUrl };
}

function warn(logger: Logger, message: string): undefined {
  logger.warning(message);
  return undefined;
}

/** The target a config addresses (same keys as RunOutcome.target). */
function targetOf(config: Config): RunOutcome['target'] {
  return {
    path: config.path,
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.projectId === undefined ? {} : { projectId: config.projectId }),
  };
}
