/**
 * Fits report sections into a size limit by priority: sections come in the order they are
 * shown, which is also the order in which they keep their place; within a section, entries are
 * kept from the first until one does not fit, and a note says how many were left out.
 */

/** One section of a report: a heading and entries, each a complete Markdown fragment. */
export interface Section {
  /** Shown before the first entry; the section is dropped when not even this fits. */
  readonly heading: string;
  readonly entries: readonly string[];
  /** Text shown after the entries kept (a table's closing blank line, for example). */
  readonly footer?: string;
  /** The note shown when `omitted` entries (of `total`) were left out. */
  readonly omittedNote: (omitted: number, total: number) => string;
}

/** A measure of text size: UTF-8 bytes for the job summary, UTF-16 units for comments. */
export type Measure = (text: string) => number;

/** Size in UTF-8 bytes (the job summary limit is in bytes). */
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

/** Size in UTF-16 code units (JavaScript length; never less than GitHub's character count). */
export const utf16Units: Measure = (text) => text.length;

export interface FitResult {
  readonly text: string;
  /** Entries left out, over all sections. */
  readonly omitted: number;
}

/**
 * Concatenates the sections within `capacity`. The omitted-entry notes and footers are not
 * counted against `capacity`: the caller keeps a reserve for them (a few hundred characters per
 * section) below the hard limit.
 */
export function fitSections(sections: readonly Section[], capacity: number, measure: Measure): FitResult {
  let text = '';
  let used = 0;
  let omitted = 0;
  for (const section of sections) {
    if (section.entries.length === 0) continue;
    const headingSize = measure(section.heading);
    let kept = 0;
    if (used + headingSize <= capacity) {
      let sectionText = section.heading;
      used += headingSize;
      for (const entry of section.entries) {
        const size = measure(entry);
        if (used + size > capacity) break;
        sectionText += entry;
        used += size;
        kept += 1;
      }
      text += sectionText + (section.footer ?? '');
    }
    const left = section.entries.length - kept;
    if (left > 0) {
      omitted += left;
      text += `${section.omittedNote(left, section.entries.length)}\n\n`;
    }
  }
  return { text, omitted };
}

/**
 * Last-resort cut for a text that still exceeds `limit` (it should not happen: callers keep a
 * reserve). Cuts at a line boundary and appends `note`.
 */
export function hardCut(text: string, limit: number, measure: Measure, note: string): string {
  if (measure(text) < limit) return text;
  const room = limit - measure(note) - 2;
  let end = Math.min(text.length, limit);
  // Shrink geometrically: a multi-byte text may need several steps, never thousands.
  while (end > 0 && measure(text.slice(0, end)) >= room) end = Math.floor(end * 0.9);
  const lineEnd = text.lastIndexOf('\n', end);
  const cut = lineEnd > 0 ? lineEnd : end;
  return `${text.slice(0, cut)}\n\n${note}`;
}
