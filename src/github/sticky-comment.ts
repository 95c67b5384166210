/**
 * The sticky PR comment: found by its hidden marker, created once, edited in place on every run.
 * Any failure (a read-only token on a fork PR above all) comes back as `skipped` so the caller
 * warns instead of failing the step.
 */
import { describeGitHubError, isWrittenBy, type Author, type GitHubClient } from './client.js';

export type StickyCommentResult =
  | { readonly action: 'created' | 'updated' | 'unchanged'; readonly id: number }
  | { readonly action: 'skipped'; readonly reason: string };

/**
 * The first comment of the issue/PR that this token's identity wrote and whose body starts with
 * the marker. A comment by anyone else is never ours, whatever it says.
 */
async function findComment(
  gh: GitHubClient,
  issueNumber: number,
  marker: string,
  identity: Author,
): Promise<{ id: number; body: string } | undefined> {
  const { owner, repo } = gh.context.repo;
  const pages = gh.octokit.paginate.iterator(gh.octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((c) => isWrittenBy(c.user, identity) && c.body?.startsWith(`${marker}\n`));
    if (found) return { id: found.id, body: found.body ?? '' };
  }
  return undefined;
}

/**
 * Creates the comment on the context's pull request, or edits the one carrying `marker` that
 * `identity` wrote. An identical body is left alone (`unchanged`), so reruns do not mark the
 * comment edited.
 */
export async function upsertStickyComment(
  gh: GitHubClient,
  marker: string,
  body: string,
  identity: () => Promise<Author>,
): Promise<StickyCommentResult> {
  const issueNumber = gh.context.prNumber;
  if (issueNumber === undefined) return { action: 'skipped', reason: 'not a pull request event' };
  const { owner, repo } = gh.context.repo;
  try {
    const existing = await findComment(gh, issueNumber, marker, await identity());
    if (existing && existing.body === body) return { action: 'unchanged', id: existing.id };
    if (existing) {
      await gh.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { action: 'updated', id: existing.id };
    }
    const created = await gh.octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body,
    });
    return { action: 'created', id: created.data.id };
  } catch (error: unknown) {
    const doing = `Posting the plan comment on pull request #${issueNumber}`;
    return { action: 'skipped', reason: describeGitHubError(doing, error, 'write pull request comments') };
  }
}
