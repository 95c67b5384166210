/**
 * loadDefinitions(): the load stage. Finds every definition file under `path`, validates each one
 * and the folder as a whole, and returns all definitions with every diagnostic of every file.
 * It never throws: whatever a file holds becomes a diagnostic.
 */
import { relative, resolve, sep } from 'node:path';
import type { Surface } from '../config/names.js';
import type { Diagnostic } from '../errors.js';
import { errorMessage } from '../errors.js';
import type { Definition } from '../model.js';
import { contentRootOf } from './content.js';
import { excerpt } from '../common/inert.js';
import { discoverDefinitionFiles, liesWithin, MAX_DEFINITION_FILES } from './discover.js';
import type { FileOutcome } from './file.js';
import type { WorkerPool } from '../common/threads.js';
import { loadDefinitionFiles } from './parallel.js';
import { duplicateDiagnostics } from './rules.js';

/** How the run treats tags and where definitions may live (from the configuration). */
export interface LoadOptions {
  /** 1 with `ownership: tag`: the ownership tag counts towards each script's tag limit. */
  readonly reservedTags: number;
  /**
   * Folder that `root` must lie inside, links resolved (default: the workspace); `false`: anywhere
   * (the CLI's --allow-outside).
   */
  readonly boundary?: string | false;
  /** Worker threads: a large folder is then loaded on more than one core. */
  readonly workers?: WorkerPool;
  /** Whose words messages use for the `path` input: the action's input, or the CLI's flag. */
  readonly surface?: Surface;
}

const DEFAULT_OPTIONS: LoadOptions = { reservedTags: 1 };

/** Definitions of every valid file, and the diagnostics of all files. */
export interface LoadResult {
  readonly definitions: readonly Definition[];
  readonly diagnostics: readonly Diagnostic[];
  /** Number of definition files found (valid or not). */
  readonly files: number;
  /** How many of them worker threads loaded (src/load/parallel.ts). */
  readonly byWorkers?: number;
}

/**
 * Loads the definitions under `root` (relative to `cwd`), which must lie inside
 * `options.boundary` (the workspace unless given). `env` is the environment snapshot that
 * `value_from_env` parameters read. File paths in the result are relative to `workspace` (the
 * repository root, where annotations point; the cwd unless given), with `/`.
 */
export async function loadDefinitions(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  workspace: string = cwd,
  options: LoadOptions = DEFAULT_OPTIONS,
): Promise<LoadResult> {
  try {
    return await loadAll(root, env, cwd, workspace, options);
  } catch (error) {
    // Only an unexpected fault of the loader itself ends up here; keep the promise of no throw.
    const message = `could not load definitions from '${root}': ${errorMessage(error)}`;
    return { definitions: [], diagnostics: [{ severity: 'error', message }], files: 0 };
  }
}

/** Why `rootPath` may not be walked: it (or the link it is) leads outside `boundary`. */
async function outsideProblem(
  root: string,
  rootPath: string,
  boundary: string | false,
  surface: Surface | undefined,
): Promise<string | undefined> {
  if (boundary === false) return undefined;
  const within = await liesWithin(boundary, rootPath);
  if (within.inside) return undefined;
  const fix =
    surface === 'cli'
      ? 'pass --allow-outside to read definitions from there'
      : 'definitions must live in the repository (the CLI takes --allow-outside)';
  return `path '${excerpt(root)}' leads outside the workspace (${within.boundary}); ${fix}`;
}

async function loadAll(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  workspace: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const rootPath = resolve(cwd, root);
  const display = (path: string): string => relative(workspace, path).split(sep).join('/') || '.';
  const outside = await outsideProblem(root, rootPath, options.boundary ?? workspace, options.surface);
  if (outside !== undefined)
    return { definitions: [], diagnostics: [{ severity: 'error', message: outside }], files: 0 };
  const discovery = await discoverDefinitionFiles(rootPath);
  if (discovery.kind !== 'found') {
    const problem = discovery.kind === 'missing' ? 'does not exist' : 'is not a folder';
    // Outside the workspace a relative path (`../../../x`) says less than the absolute one.
    const shown = display(rootPath).startsWith('..') ? rootPath : display(rootPath);
    const set = options.surface === 'cli' ? 'pass `--path`' : 'set the input `path`';
    const message = `path '${excerpt(root)}' ${problem} (looked at ${shown}); ${set} to the folder of definitions`;
    return { definitions: [], diagnostics: [{ severity: 'error', message }], files: 0 };
  }
  const folderProblems: Diagnostic[] = [
    ...discovery.unreadable.map((entry): Diagnostic => ({
      severity: 'error',
      message: `folder ${display(entry.path)} cannot be read (${entry.message})`,
    })),
    ...discovery.rejected.map((entry): Diagnostic => ({
      severity: 'error',
      message: `${display(entry.path)} ${entry.message}`,
      location: { file: display(entry.path), line: 1, column: 1 },
    })),
    ...(discovery.tooMany
      ? [
          {
            severity: 'error' as const,
            message: `more than ${MAX_DEFINITION_FILES.toLocaleString('en-US')} definition files under '${excerpt(root)}'; split the folder (one \`path\` per run)`,
          },
        ]
      : []),
  ];
  if (discovery.files.length === 0 && folderProblems.length === 0) {
    const message = `no definition files (*.yaml, *.yml) found in '${root}'; nothing to sync, and nothing will be pruned`;
    return { definitions: [], diagnostics: [...folderProblems, { severity: 'warning', message }], files: 0 };
  }
  const contentRoot = await contentRootOf(rootPath);
  const { outcomes, byWorkers } = await loadDefinitionFiles(
    {
      paths: discovery.files,
      displays: discovery.files.map(display),
      shared: { root: contentRoot, env, reservedTags: options.reservedTags },
    },
    options.workers,
  );
  const diagnostics = [...folderProblems, ...orderDiagnostics(outcomes)];
  const definitions = outcomes.flatMap((outcome) => (outcome.definition ? [outcome.definition] : []));
  return { definitions, diagnostics, files: discovery.files.length, ...(byWorkers > 0 ? { byWorkers } : {}) };
}

/** File by file in discovery order, then by line and column within a file. */
function orderDiagnostics(outcomes: readonly FileOutcome[]): Diagnostic[] {
  const duplicates = duplicateDiagnostics(outcomes.map((outcome) => outcome.identity));
  return outcomes.flatMap((outcome) => {
    const mine = duplicates.filter((diagnostic) => diagnostic.location?.file === outcome.identity.file);
    return [...outcome.diagnostics, ...mine].sort(
      (a, b) =>
        (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
        (a.location?.column ?? 0) - (b.location?.column ?? 0),
    );
  });
}
