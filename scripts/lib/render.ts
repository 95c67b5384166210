/**
 * Renders a job summary (GitHub-flavoured Markdown with a little HTML) readably in a terminal:
 * `<details>` become indented sections, tables are aligned, code fences are framed and diffs
 * coloured (on a TTY only; NO_COLOR respected).
 */
import { formatTable } from './table.js';

/** Terminal styling; all identity functions when colour is off. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
}

/** ANSI styling when `enabled`, plain text otherwise. */
export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org). */
export function terminalStyle(): Style {
  return createStyle(process.stdout.isTTY && !process.env['NO_COLOR']);
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&amp;': '&',
};

/** Inline Markdown/HTML → text: tags dropped, code and bold styled, entities decoded. */
export function inlineText(text: string, style: Style, lineBreak = ' / '): string {
  return text
    .replace(/<br\s*\/?>/gi, lineBreak)
    .replace(/<code>(.*?)<\/code>/g, (_, inner: string) => style.cyan(inner))
    .replace(/`([^`]+)`/g, (_, inner: string) => style.cyan(inner))
    .replace(/\*\*(.+?)\*\*/g, (_, inner: string) => style.bold(inner))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/\\([|\\`*_[\]])/g, '$1')
    .replace(/&(?:lt|gt|quot|amp|#\d+|#x[0-9a-f]+);/gi, decodeEntity);
}

/** One HTML entity as its character: the named ones the reports use, and any numeric one. */
function decodeEntity(entity: string): string {
  const named = ENTITIES[entity];
  if (named !== undefined) return named;
  const hex = /^&#x([0-9a-f]+);$/i.exec(entity)?.[1];
  const code = hex !== undefined ? parseInt(hex, 16) : Number(entity.slice(2, -1));
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/** Splits a Markdown table row into raw cells (an escaped `\|` stays inside its cell). */
export function splitRow(line: string): string[] {
  const body = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

interface RenderState {
  readonly out: string[];
  depth: number;
  fence: string | undefined;
  table: string[];
}

/** Renders a whole summary to terminal text. */
export function renderSummaryForTerminal(markdown: string, style: Style = createStyle(false)): string {
  const state: RenderState = { out: [], depth: 0, fence: undefined, table: [] };
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) renderLine(line, state, style);
  flushTable(state, style);
  const lines = state.out.map((line) => line.trimEnd());
  return collapseBlankLines(lines).join('\n').trim() + '\n';
}

function indent(state: RenderState): string {
  return '  '.repeat(state.depth);
}

function renderLine(line: string, state: RenderState, style: Style): void {
  if (state.fence !== undefined) return renderFenced(line, state, style);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) {
    state.table.push(trimmed);
    return;
  }
  flushTable(state, style);
  const fence = /^(`{3,}|~{3,})/.exec(trimmed);
  if (fence?.[1]) {
    state.fence = fence[1];
    return;
  }
  renderBlock(trimmed, state, style);
}

function renderBlock(trimmed: string, state: RenderState, style: Style): void {
  // A blank line right after a section header only separates HTML from Markdown for GitHub.
  if (trimmed === '' && (state.out.at(-1) ?? '').trimStart().startsWith('▸')) return;
  const opened = /^<details[^>]*>\s*(?:<summary>(.*?)<\/summary>)?(.*)$/i.exec(trimmed);
  if (opened) {
    state.out.push(`${indent(state)}▸ ${inlineText(opened[1] ?? 'details', style)}`);
    state.depth += 1;
    if (opened[2]?.trim()) state.out.push(indent(state) + inlineText(opened[2].trim(), style));
    return;
  }
  if (/^<\/details>$/i.test(trimmed)) {
    state.depth = Math.max(0, state.depth - 1);
    state.out.push('');
    return;
  }
  const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
  if (heading) {
    const title = inlineText(heading[1] ?? '', style);
    state.out.push(
      '',
      indent(state) + style.bold(title),
      indent(state) + '═'.repeat(Math.min(title.length, 100)),
    );
    return;
  }
  const quote = /^>\s?(.*)$/.exec(trimmed);
  const text = quote ? `│ ${quote[1] ?? ''}` : trimmed.replace(/^[-*]\s+/, '• ');
  for (const part of inlineText(text, style, '\n').split('\n')) state.out.push(indent(state) + part);
}

function renderFenced(line: string, state: RenderState, style: Style): void {
  if (state.fence !== undefined && line.trim() === state.fence) {
    state.fence = undefined;
    return;
  }
  const colour =
    line.startsWith('+') && !line.startsWith('+++')
      ? style.green
      : line.startsWith('-') && !line.startsWith('---')
        ? style.red
        : line.startsWith('@@')
          ? style.cyan
          : (text: string) => text;
  state.out.push(`${indent(state)}${style.dim('│')} ${colour(line)}`);
}

function flushTable(state: RenderState, style: Style): void {
  if (state.table.length === 0) return;
  const rows = state.table.map(splitRow).filter((cells) => !cells.every((cell) => /^:?-{2,}:?$/.test(cell)));
  const [head = [], ...body] = rows.map((cells) => cells.map((cell) => inlineText(cell, style)));
  state.out.push(formatTable(head, body, { indent: indent(state) }));
  state.table = [];
}

function collapseBlankLines(lines: readonly string[]): string[] {
  return lines.filter((line, index) => line.trim() !== '' || (lines[index - 1] ?? '').trim() !== '');
}
