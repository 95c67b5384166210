/**
 * Where a definition's script text stands in the files the user edits (ContentOrigin), so that the
 * content check can point a syntax error at the right line and column: the content file itself,
 * or the YAML lines of an inline block literal.
 */
import { posix } from 'node:path';
import type { ContentOrigin } from '../model.js';
import type { ParsedYaml } from './parse.js';

/** The origin of a `content_file` (`yamlFile` is the YAML file's display path, with `/`). */
export function contentFileOrigin(yamlFile: string, contentFile: string): ContentOrigin {
  return { kind: 'file', file: posix.normalize(posix.join(posix.dirname(yamlFile), contentFile)) };
}

/**
 * The origin of inline `content`. A block literal maps line for line: the yaml package has already
 * removed the indentation (auto-detected or given by an indicator such as `|2`) and turned CRLF
 * into LF, so the indentation is measured as what each source line has in front of its value line.
 * When that does not hold for every line (or the value is quoted, plain or folded), the problems
 * point at the value itself.
 */
export function inlineContentOrigin(parsed: ParsedYaml, file: string, content: string): ContentOrigin {
  const position = parsed.locate(['content'], 'value');
  const fallback: ContentOrigin = { kind: 'value', file, line: position.line, column: position.column };
  const block = parsed.blockLiteralAt(['content']);
  if (block === undefined) return fallback;
  const indent = blockIndent(block.lines, content.split('\n'));
  return indent === undefined ? fallback : { kind: 'block', file, firstLine: block.headerLine + 1, indent };
}

function blockIndent(source: readonly string[], value: readonly string[]): number | undefined {
  let indent: number | undefined;
  for (const [index, line] of value.entries()) {
    if (line === '') continue;
    const sourceLine = source[index];
    if (sourceLine === undefined || !sourceLine.endsWith(line)) return undefined;
    const measured = sourceLine.length - line.length;
    if (indent !== undefined && measured !== indent) return undefined;
    indent = measured;
  }
  return indent ?? 0;
}
