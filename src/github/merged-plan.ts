/**
 * Reviewed-plan binding on push (README, How plan and apply decide): the plan hash printed in the sticky comment of the
 * pull request that was merged into the pushed commit. Every miss is a note, never an error —
 * apply then proceeds without a reviewed plan, as the spec says.
 */
import { extractPlanHash, extractPlanOutline } from '../report/comment.js';
import type { ReviewedPlan } from '../model.js';
import { describeGitHubError, isWrittenBy, type Author, type GitHubClient } from './client.js';

/** The merged pull request of a commit: the one whose merge commit it is, else any merged one. */
async function findMergedPull(gh: GitHubClient, sha: string): Promise<number | undefined> {
  const { owner, repo } = gh.context.repo;
  const { data } = await gh.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  const merged = data.filter((pr) => pr.merged_at !== null);
  return (merged.find((pr) => pr.merge_commit_sha === sha) ?? merged[0])?.number;
}

/**
 * The last comment of the pull request that starts with the marker and that this token's
 * identity wrote (the sticky comment). Anyone may post a copy of the marker: only the action's
 * own comment is the reviewed plan.
 */
async function findMarkedBody(
  gh: GitHubClient,
  pull: number,
  marker: string,
  identity: Author,
): Promise<string | undefined> {
  const { owner, repo } = gh.context.repo;
  const comments = await gh.octokit.paginate(gh.octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pull,
    per_page: 100,
  });
  const ours = comments.filter((c) => isWrittenBy(c.user, identity) && c.body?.startsWith(`${marker}\n`));
  return ours.at(-1)?.body ?? undefined;
}

/**
 * Finds the reviewed plan hash for `sha`: commit -> merged pull request -> its comment with
 * `marker` -> the embedded hash. API failures become a note too.
 */
export async function findReviewedPlanHash(
  gh: GitHubClient,
  sha: string,
  marker: string,
  identity: () => Promise<Author>,
): Promise<ReviewedPlan> {
  const short = sha.slice(0, 7);
  try {
    const pull = await findMergedPull(gh, sha);
    if (pull === undefined) {
      return { note: `No merged pull request found for commit ${short}; applying without a reviewed plan.` };
    }
    const author = await identity();
    const body = await findMarkedBody(gh, pull, marker, author);
    if (body === undefined) {
      return {
        pullRequest: pull,
        note: `Merged pull request #${pull} has no coc-script-sync plan comment for this target written by ${author.login}; applying without a reviewed plan.`,
      };
    }
    const hash = extractPlanHash(body);
    if (hash === undefined) {
      return {
        pullRequest: pull,
        note: `The plan comment on pull request #${pull} holds no plan hash (the plan was not computed); applying without a reviewed plan.`,
      };
    }
    const outline = extractPlanOutline(body);
    return {
      hash,
      ...(outline === undefined ? {} : { plan: outline }),
      pullRequest: pull,
      note: `Reviewed plan ${hash} found in the plan comment of pull request #${pull}.`,
    };
  } catch (error: unknown) {
    const reason = describeGitHubError(
      `Looking up the reviewed plan of commit ${short}`,
      error,
      'read pull requests',
    );
    return { note: `${reason} Applying without a reviewed plan.` };
  }
}
