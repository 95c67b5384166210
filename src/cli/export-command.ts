/** `export`: remote scripts -> definition files, so an existing account is adopted in one step. */
import path from 'node:path';
import { INPUT } from '../config/names.js';
import type { Config } from '../config/config.js';
import { splitAlreadyDefined, type AlreadyDefined } from '../export/defined.js';
import { crlfContentFiles, gitattributesLines } from '../export/gitattributes.js';
import { loadDefinitions } from '../load/load.js';
import { plural } from '../common/text.js';
import type { ScriptDetail } from '../coc/api.js';
import { fileStem, renderExports, type ExportedScript } from '../export/render.js';
import { selectScripts } from '../export/select.js';
import { writeExport } from '../export/write.js';
import { UsageError, type ParsedArgs } from './args.js';
import { configFromArgs } from './config.js';
import { EXIT } from '../engine/verdict.js';
import type { CommandContext } from './run-command.js';

/** Where the CLI shows a folder: relative to its cwd when inside it, else as given (absolute). */
function shownDir(outDir: string, context: CommandContext): string {
  const relative = path.relative(context.io.cwd, outDir);
  return relative === '' ? '.' : relative.startsWith('..') ? outDir : relative;
}

function describeSkipped(skipped: readonly AlreadyDefined[], context: CommandContext): string[] {
  if (skipped.length === 0) return [];
  return [
    context.outPalette.dim(`Skipped ${plural(skipped.length, 'script')} already defined in the folder:`),
    ...skipped.map((entry) => `  ${entry.name} (${entry.uuid}): already defined in ${entry.definedIn}`),
  ];
}

function describeExport(
  scripts: readonly ExportedScript[],
  skipped: readonly AlreadyDefined[],
  outDir: string,
  context: CommandContext,
): string {
  const { bold, yellow } = context.outPalette;
  const shown = shownDir(outDir, context);
  const lines =
    scripts.length === 0
      ? [bold(`Nothing new to export to ${shown}: every selected script is defined there already.`)]
      : [bold(`Exported ${plural(scripts.length, 'script')} to ${shown}:`)];
  for (const script of scripts) lines.push(`  ${script.yamlFile} + ${script.contentFile}  (${script.uuid})`);
  lines.push(...describeSkipped(skipped, context));
  const variables = scripts.flatMap((script) => script.envVariables);
  if (variables.length > 0) {
    lines.push(
      '',
      yellow('Sensitive parameters were exported as value_from_env (COC never returns their values).'),
      'Set these environment variables before `apply` (`plan` works without them):',
      ...variables.map((note) => `  ${note.variable.padEnd(40)} ${note.script} / ${note.param}`),
    );
  }
  const attributes = gitattributesLines(scripts, shown);
  if (attributes.length > 0) {
    lines.push(
      '',
      yellow(`CRLF line endings kept (as COC holds them): ${crlfContentFiles(scripts).join(', ')}.`),
      'Apply sends the bytes of these files; so that git keeps them CRLF, add to .gitattributes:',
      ...attributes.map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function exportJson(
  scripts: readonly ExportedScript[],
  skipped: readonly AlreadyDefined[],
  outDir: string,
  context: CommandContext,
): string {
  const document = {
    outDir,
    skipped,
    scripts: scripts.map((script) => ({
      name: script.name,
      uuid: script.uuid,
      yamlFile: path.join(outDir, script.yamlFile),
      contentFile: path.join(outDir, script.contentFile),
    })),
    envVariables: scripts.flatMap((script) => script.envVariables),
    warnings: scripts.flatMap((script) => script.warnings),
    crlfFiles: crlfContentFiles(scripts).map((file) => path.join(outDir, file)),
    gitattributes: gitattributesLines(scripts, path.relative(context.io.cwd, outDir)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The definitions the target folder holds already (valid files; none when it does not exist yet).
 * Read-only, so it may lie outside the workspace like the export target itself.
 */
async function definedIn(outDir: string, config: Config) {
  const loaded = await loadDefinitions(outDir, config.env, config.workingDirectory, config.workingDirectory, {
    reservedTags: 0,
    boundary: false,
  });
  return loaded.definitions;
}

/** Runs `export` and returns the exit code (0 written, 1 anything else). */
export async function runExportCommand(args: ParsedArgs, context: CommandContext): Promise<number> {
  const selection = { uuids: args.lists.uuid ?? [], nameGlobs: args.lists['name-glob'] ?? [] };
  if (selection.uuids.length === 0 && selection.nameGlobs.length === 0) {
    throw new UsageError('export needs --uuid or --name-glob (both may repeat or hold comma lists)');
  }
  const config = configFromArgs(args, 'plan', context.io);
  const outDir = path.resolve(context.io.cwd, args.strings.out ?? args.strings[INPUT.path] ?? 'coc-scripts');
  // Ctrl-C stops the reads (and so the export, before any file is written).
  const cancellation = context.io.cancellation;
  const api = await context.connect(config, context.logger, cancellation ? { cancellation } : {});
  try {
    const selected = await selectScripts(api, selection, config.concurrency);
    for (const glob of selected.unmatchedGlobs)
      context.logger.warning(`--name-glob ${glob} matched no remote script`);
    if (selected.scripts.length === 0) {
      context.logger.error('nothing to export: no remote script matched');
      return EXIT.error;
    }
    const force = args.booleans.force === true;
    // --force may refresh a definition in its own file; a definition elsewhere is never doubled.
    const refreshes = (script: ScriptDetail, file: string): boolean =>
      force &&
      path.resolve(config.workingDirectory, file) === path.join(outDir, `${fileStem(script.name)}.yaml`);
    const defined = await definedIn(outDir, config);
    const { toExport, skipped } = splitAlreadyDefined(selected.scripts, defined, refreshes);
    const schemaUrl = args.strings['schema-url'];
    const scripts = renderExports(toExport, schemaUrl === undefined ? {} : { schemaUrl });
    if (scripts.length > 0) await writeExport(outDir, scripts, { force });
    for (const warning of scripts.flatMap((script) => script.warnings)) context.logger.warning(warning);
    context.stdout.write(
      context.json
        ? exportJson(scripts, skipped, outDir, context)
        : describeExport(scripts, skipped, outDir, context),
    );
    return EXIT.ok;
  } finally {
    await api.close();
  }
}
