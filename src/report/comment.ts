/**
 * The sticky PR comment (and drift issue) body: the same plan as the summary, filled by
 * priority — verdict and counts, blocked, deletions, review state, then the table, then diffs — and
 * always below GitHub's 65,536-character limit, with a machine-readable plan hash.
 */
import type { Plan, RunOutcome, Target } from '../model.js';
import { fitSections, hardCut, utf16Units, type Section } from './budget.js';
import { scrubSecrets } from '../common/scrub.js';
import { collectSecrets } from './redact.js';
import {
  blockedSection,
  changesSection,
  deletionsSection,
  diagnosticsSection,
  diffsSection,
  failuresSection,
  notesSection,
  planDifferencesSection,
  reviewStateSection,
} from './sections.js';
import { renderHeader } from './headline.js';
import { keptSection, markedSection } from './ownership.js';

/** GitHub's limit for a comment or issue body, in characters. */
export const COMMENT_LIMIT_CHARS = 65_536;

/** Where rendering stops: a wide margin below the limit for notes, footer and safety. */
const COMMENT_TARGET_CHARS = 60_000;

const HASH_PREFIX = '<!-- coc-script-sync:plan-hash ';

/** Encodes a marker value: no spaces, and `>` becomes %3E so it cannot end the HTML comment. */
function markerValue(value: string | undefined): string {
  return encodeURIComponent(value ?? '');
}

/**
 * The hidden marker that identifies our comment (or drift issue) for one target:
 * `<!-- coc-script-sync:v1 path=… region=… project=… -->`.
 */
export function commentMarker(target: Target): string {
  const parts = [
    `path=${markerValue(target.path)}`,
    `region=${markerValue(target.region)}`,
    `project=${markerValue(target.projectId)}`,
  ];
  return `<!-- coc-script-sync:v1 ${parts.join(' ')} -->`;
}

/** The machine-readable plan hash line embedded in the comment. */
export function planHashMarker(hash: string): string {
  return `${HASH_PREFIX}${hash} -->`;
}

const OUTLINE_PREFIX = '<!-- coc-script-sync:plan-outline ';
/** Above this many characters the outline is left out (the hash alone still binds the plan). */
const OUTLINE_MAX_CHARS = 16_000;

/**
 * The reviewed plan's outline — action, name and changed field names of every item that is not
 * a no-op, never a value — base64url-encoded in a hidden line, so that an apply refusing with
 * `plan-changed` can say what differs from the reviewed plan.
 */
export function planOutlineMarker(plan: Plan): string | undefined {
  const items = plan.items
    .filter((item) => item.action !== 'noop')
    .map((item) => ({
      action: item.action,
      name: item.name,
      changes: item.changes.map((c) => ({ field: c.field })),
    }));
  const encoded = Buffer.from(JSON.stringify({ hash: plan.hash, items }), 'utf8').toString('base64url');
  return encoded.length > OUTLINE_MAX_CHARS ? undefined : `${OUTLINE_PREFIX}${encoded} -->`;
}

/**
 * The machine-readable lines at the very end of a body, as renderFooter writes them: the hash
 * line, then the optional outline line. Nothing before the footer counts, so marker text that
 * reached the body some other way (a diff, a remote field) can never be read as the hash.
 */
function footerLines(body: string): { hash?: string; outline?: string } {
  const lines = body.replace(/\s+$/u, '').split('\n');
  const last = lines.at(-1) ?? '';
  const outline = last.startsWith(OUTLINE_PREFIX) ? last : undefined;
  const hash = outline === undefined ? last : (lines.at(-2) ?? '');
  return { ...(hash.startsWith(HASH_PREFIX) ? { hash } : {}), ...(outline ? { outline } : {}) };
}

/** The plan outline in the footer of a body written by renderComment, parsed JSON (unchecked). */
export function extractPlanOutline(body: string): unknown {
  const line = footerLines(body).outline ?? '';
  const match = /^<!-- coc-script-sync:plan-outline ([A-Za-z0-9_-]+) -->$/u.exec(line);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The plan hash in the footer of a body written by renderComment (only there), if any. */
export function extractPlanHash(body: string): string | undefined {
  const match = /^<!-- coc-script-sync:plan-hash (sha256:[0-9a-f]{64}) -->$/u.exec(
    footerLines(body).hash ?? '',
  );
  return match?.[1];
}

/**
 * Defuses our marker syntax inside rendered text (a diff or a value can hold anything): `<!--`
 * becomes `<!\u2060--`, so no HTML comment, and no marker, can open in the body.
 */
export function neutralizeMarkers(text: string): string {
  return text.replaceAll('<!--', '<!\u2060--');
}

export interface CommentOptions {
  /** Link to the job summary, shown when the comment had to be cut (and as a footer link). */
  readonly summaryUrl?: string;
  /** Extra strings to scrub; the outcome's own sensitive values are always scrubbed. */
  readonly secrets?: readonly string[];
  /** Marker to embed; defaults to commentMarker(outcome.target). */
  readonly marker?: string;
  /** Character budget for the body; tests lower it. Defaults to 60,000. */
  readonly targetChars?: number;
}

/** Sections in display order, which is the fill priority. */
function commentSections(outcome: RunOutcome, where: string): Section[] {
  return [
    diagnosticsSection(outcome, where),
    planDifferencesSection(outcome, where),
    failuresSection(outcome, where),
    blockedSection(outcome, where),
    deletionsSection(outcome, where),
    keptSection(outcome, where),
    reviewStateSection(outcome, where),
    changesSection(outcome, ['unreadable', 'create', 'update'], where),
    markedSection(outcome, where),
    notesSection(outcome, where),
    diffsSection(outcome, where),
  ];
}

/** Footer: pointer to the summary, the visible hash and its machine-readable twin. */
function renderFooter(outcome: RunOutcome, options: CommentOptions, truncated: boolean): string {
  let text = '';
  const link = options.summaryUrl ? `[job summary](${options.summaryUrl})` : 'job summary of this run';
  if (truncated)
    text += `> ✂️ This comment was shortened to fit GitHub's limit; the full plan is in the ${link}.\n\n`;
  else if (options.summaryUrl) text += `Full report: ${link}.\n\n`;
  if (outcome.plan) {
    text += `Plan hash: \`${outcome.plan.hash}\`\n${planHashMarker(outcome.plan.hash)}\n`;
    const outline = planOutlineMarker(outcome.plan);
    if (outline) text += `${outline}\n`;
  }
  return text;
}

/**
 * Renders the comment body. Sensitive values are scrubbed from everything but the marker and
 * the hash, which carry no value. Always shorter than COMMENT_LIMIT_CHARS.
 */
export function renderComment(outcome: RunOutcome, options: CommentOptions = {}): string {
  const marker = options.marker ?? commentMarker(outcome.target);
  const secrets = [...collectSecrets(outcome), ...(options.secrets ?? [])];
  const where = options.summaryUrl ? ' (see the job summary)' : ' (see the job summary of this run)';
  const header = renderHeader(outcome);
  const target = options.targetChars ?? COMMENT_TARGET_CHARS;
  const capacity = target - header.length - 1_000;
  const fitted = fitSections(commentSections(outcome, where), capacity, utf16Units);
  const footer = renderFooter(outcome, options, fitted.omitted > 0);
  const body = neutralizeMarkers(scrubSecrets(header + fitted.text, secrets));
  const room = COMMENT_LIMIT_CHARS - marker.length - footer.length - 100;
  const cut = hardCut(body, room, utf16Units, '_✂️ Truncated._');
  return `${marker}\n${cut}\n${footer}`;
}
