/**
 * The job summary (GitHub-flavoured Markdown), kept below GitHub's 1 MiB step-summary limit.
 * Content diffs are the first thing cut, with an explicit truncation note.
 */
import type { RunOutcome } from '../model.js';
import { fitSections, hardCut, utf8Bytes, type Section } from './budget.js';
import { code } from './markdown.js';
import { scrubSecrets } from '../common/scrub.js';
import { collectSecrets } from './redact.js';
import {
  blockedSection,
  changesSection,
  diagnosticsSection,
  diffsSection,
  failuresSection,
  notesSection,
  planDifferencesSection,
  reviewStateSection,
} from './sections.js';
import { renderHeader } from './headline.js';
import { keptSection, markedSection } from './ownership.js';

/** GitHub's limit for one step summary, in bytes. */
export const SUMMARY_LIMIT_BYTES = 1_048_576;

/** Room kept below the limit for truncation notes and the footer. */
const SUMMARY_RESERVE_BYTES = 16_384;

export interface SummaryOptions {
  /** Extra strings to scrub (the engine's known secrets); the outcome's own are always scrubbed. */
  readonly secrets?: readonly string[];
  /** Byte limit; tests lower it. Defaults to SUMMARY_LIMIT_BYTES. */
  readonly limitBytes?: number;
}

/** The sections of the summary in display (and priority) order; diffs last, so cut first. */
function summarySections(outcome: RunOutcome): Section[] {
  const where = ' (see the plan file for everything)';
  return [
    diagnosticsSection(outcome, where),
    planDifferencesSection(outcome, where),
    failuresSection(outcome, where),
    blockedSection(outcome, where),
    changesSection(outcome, ['unreadable', 'create', 'update', 'delete', 'blocked'], where),
    keptSection(outcome, where),
    markedSection(outcome, where),
    reviewStateSection(outcome, where),
    notesSection(outcome, where),
    diffsSection(outcome, ' (the plan file holds every diff)'),
  ];
}

/** The plan hash line (placed after scrubbing, so no secret can ever alter it). */
function hashLine(outcome: RunOutcome): string {
  return outcome.plan ? `Plan hash: ${code(outcome.plan.hash)}\n` : '';
}

/**
 * Renders the job summary: the verdict, commit and target, then failures, blocked items, the
 * table of changes, the review state, notes, diffs and the plan hash.
 */
export function renderSummary(outcome: RunOutcome, options: SummaryOptions = {}): string {
  const limit = options.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const secrets = [...collectSecrets(outcome), ...(options.secrets ?? [])];
  const header = renderHeader(outcome);
  const footer = hashLine(outcome);
  const reserve = Math.min(SUMMARY_RESERVE_BYTES, Math.floor(limit / 4));
  const capacity = limit - reserve - utf8Bytes(header) - utf8Bytes(footer);
  const body = fitSections(summarySections(outcome), capacity, utf8Bytes).text;
  // Scrubbing can only lengthen by the redaction marker; hardCut keeps the result in bounds.
  const text = scrubSecrets(header + body, secrets);
  const note = '_✂️ Truncated to stay below the 1 MiB job summary limit._';
  return hardCut(text, limit - utf8Bytes(footer), utf8Bytes, note) + footer;
}

export { renderSummaryText } from './text.js';
