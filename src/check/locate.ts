/**
 * A position inside a script -> the location in the file the user edits (ContentOrigin), and the
 * short, inert excerpt of a script line that messages quote.
 */
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

const EXCERPT_LENGTH = 60;

/**
 * A script line as messages may quote it: control characters (escape sequences, CR) replaced,
 * runs of blanks collapsed, at most 60 characters. Messages end up in logs, annotations and
 * Markdown, where every renderer escapes them again; this keeps them short and single-line.
 */
export function excerpt(line: string): string {
  const flat = line
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const characters = [...flat];
  return characters.length <= EXCERPT_LENGTH ? flat : `${characters.slice(0, EXCERPT_LENGTH - 1).join('')}…`;
}
