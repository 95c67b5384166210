/**
 * The drift tracking issue (the README's reconcile workflow, input `drift-issue`): one open issue per target,
 * labelled and found by its hidden marker; opened or updated while the plan is not empty and
 * closed once it is.
 */
import type { RunOutcome } from '../model.js';
import { renderComment } from '../report/comment.js';
import { hasChanges } from '../plan/plan.js';
import { targetText } from '../report/view.js';
import { describeGitHubError, type GitHubClient } from './client.js';

/** Label put on the drift issue; listing by it keeps the search to a page or two. */
export const DRIFT_LABEL = 'coc-script-sync-drift';

export type DriftIssueResult =
  | { readonly action: 'opened' | 'updated' | 'closed'; readonly number: number }
  | { readonly action: 'none' }
  | { readonly action: 'skipped'; readonly reason: string };

export interface DriftIssueOptions {
  readonly summaryUrl?: string;
  readonly secrets?: readonly string[];
}

/** The open, labelled issue (not pull request) whose body starts with the marker. */
async function findIssue(gh: GitHubClient, marker: string): Promise<number | undefined> {
  const { owner, repo } = gh.context.repo;
  const pages = gh.octokit.paginate.iterator(gh.octokit.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    labels: DRIFT_LABEL,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((i) => i.pull_request === undefined && i.body?.startsWith(marker));
    if (found) return found.number;
  }
  return undefined;
}

/** Body of the issue when the drift is gone. */
function resolvedBody(marker: string, outcome: RunOutcome, summaryUrl: string | undefined): string {
  const seen = summaryUrl ? ` ([run](${summaryUrl}))` : '';
  return `${marker}\n### coc-script-sync · drift resolved\n\nThe plan for ${targetText(outcome.target)} is empty again${seen}: the remote scripts match the definitions.\n`;
}

/** Opens, updates or closes the issue; `opened` only when drift exists and no issue is open. */
async function sync(
  gh: GitHubClient,
  marker: string,
  outcome: RunOutcome,
  options: DriftIssueOptions,
): Promise<DriftIssueResult> {
  const { owner, repo } = gh.context.repo;
  const existing = await findIssue(gh, marker);
  if (!hasChanges(outcome.plan)) {
    if (existing === undefined) return { action: 'none' } as const;
    const body = resolvedBody(marker, outcome, options.summaryUrl);
    await gh.octokit.rest.issues.update({
      owner,
      repo,
      issue_number: existing,
      body,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', number: existing } as const;
  }
  const body = renderComment(outcome, { ...options, marker });
  if (existing !== undefined) {
    await gh.octokit.rest.issues.update({ owner, repo, issue_number: existing, body });
    return { action: 'updated', number: existing } as const;
  }
  const title = `COC script drift: ${targetText(outcome.target)}`;
  const created = await gh.octokit.rest.issues.create({ owner, repo, title, body, labels: [DRIFT_LABEL] });
  return { action: 'opened', number: created.data.number } as const;
}

/**
 * Keeps the drift issue in line with the plan. Without a plan (validation or auth failed) the
 * issue is left alone: no plan says nothing about drift. API failures come back as `skipped`.
 */
export async function syncDriftIssue(
  gh: GitHubClient,
  marker: string,
  outcome: RunOutcome,
  options: DriftIssueOptions = {},
): Promise<DriftIssueResult> {
  if (outcome.plan === undefined) return { action: 'none' };
  try {
    return await sync(gh, marker, outcome, options);
  } catch (error: unknown) {
    return {
      action: 'skipped',
      reason: describeGitHubError('Updating the drift issue', error, 'write issues'),
    };
  }
}
