/** `export`: remote scripts -> definition files, so an existing account is adopted in one step. */
import path from 'node:path';
import { INPUT } from '../config/names.js';
import { crlfContentFiles, gitattributesLines } from '../export/gitattributes.js';
import { renderExports, type ExportedScript } from '../export/render.js';
import { selectScripts } from '../export/select.js';
import { writeExport } from '../export/write.js';
import { UsageError, type ParsedArgs } from './args.js';
import { configFromArgs } from './config.js';
import { EXIT } from '../engine/verdict.js';
import type { CommandContext } from './run-command.js';

function describeExport(scripts: readonly ExportedScript[], outDir: string, context: CommandContext): string {
  const { bold, yellow } = context.outPalette;
  const shown = path.relative(context.io.cwd, outDir) || '.';
  const lines = [bold(`Exported ${scripts.length} script(s) to ${shown}:`)];
  for (const script of scripts) lines.push(`  ${script.yamlFile} + ${script.contentFile}  (${script.uuid})`);
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

function exportJson(scripts: readonly ExportedScript[], outDir: string, context: CommandContext): string {
  const document = {
    outDir,
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

/** Runs `export` and returns the exit code (0 written, 1 anything else). */
export async function runExportCommand(args: ParsedArgs, context: CommandContext): Promise<number> {
  const selection = { uuids: args.lists.uuid ?? [], nameGlobs: args.lists['name-glob'] ?? [] };
  if (selection.uuids.length === 0 && selection.nameGlobs.length === 0) {
    throw new UsageError('export needs --uuid or --name-glob (both may repeat or hold comma lists)');
  }
  const config = configFromArgs(args, 'plan', context.io);
  const outDir = path.resolve(context.io.cwd, args.strings.out ?? args.strings[INPUT.path] ?? 'coc-scripts');
  const api = await context.connect(config, context.logger, {});
  try {
    const selected = await selectScripts(api, selection, config.concurrency);
    for (const glob of selected.unmatchedGlobs)
      context.logger.warning(`--name-glob ${glob} matched no remote script`);
    if (selected.scripts.length === 0) {
      context.logger.error('nothing to export: no remote script matched');
      return EXIT.error;
    }
    const schemaUrl = args.strings['schema-url'];
    const scripts = renderExports(selected.scripts, schemaUrl === undefined ? {} : { schemaUrl });
    await writeExport(outDir, scripts, { force: args.booleans.force === true });
    for (const warning of scripts.flatMap((script) => script.warnings)) context.logger.warning(warning);
    context.stdout.write(
      context.json ? exportJson(scripts, outDir, context) : describeExport(scripts, outDir, context),
    );
    return EXIT.ok;
  } finally {
    await api.close();
  }
}
