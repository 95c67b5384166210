/**
 * A position inside a script -> the location in the file the user edits (ContentOrigin), and the
 * short, inert excerpt of a script line that messages quote.
 */
import { EXCERPT_LENGTH, excerpt, inertLine } from '../common/inert.js';
import type { SourceLocation } from '../errors.js';
import type { PresentDefinition } from '../model.js';
import type { ScriptPosition } from './text-position.js';

/** Where `at` (inside the definition's content) stands in the file the user edits. */
export function scriptLocation(definition: PresentDefinition, at: ScriptPosition): SourceLocation {
  const origin = definition.contentOrigin;
  switch (origin?.kind) {
    case 'file':
      return { file: origin.file, line: at.line, column: at.column };
    case 'block':
      return {
        file: origin.file,
        line: origin.firstLine + at.line - 1,
        column: origin.indent + at.column,
        field: 'content',
      };
    case 'value':
      return { file: origin.file, line: origin.line, column: origin.column, field: 'content' };
    case undefined:
      return { ...definition.location, field: 'content' };
  }
}

/**
 * Said after a message when the location cannot show the script's own line (quoted or folded
 * inline content): `(script line 3, column 5)`; empty otherwise.
 */
export function scriptLineNote(definition: PresentDefinition, at: ScriptPosition): string {
  const kind = definition.contentOrigin?.kind;
  return kind === 'file' || kind === 'block' ? '' : ` (script line ${at.line}, column ${at.column})`;
}

/** How much of a checker's message (which may repeat words of the script) a diagnostic keeps. */
export const MESSAGE_LENGTH = 160;

/**
 * Text from a script or a checker as one short, inert piece of a message: control characters
 * escaped and `::` defused (inertLine), blanks collapsed, at most `max` characters (excerpt).
 */
export function quote(text: string, max = EXCERPT_LENGTH): string {
  return excerpt(inertLine(text.trim().replace(/[ \t]+/gu, ' ')), max);
}
