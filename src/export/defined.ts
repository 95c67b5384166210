/**
 * Scripts the target folder already defines: an export must not write a second definition of a
 * script (by uuid, or by name when the definition has no uuid), or `validate` fails on the
 * duplicate and `plan` would fight over it. Pure: it reads the loaded definitions only.
 */
import type { ScriptDetail } from '../coc/api.js';
import type { Definition } from '../model.js';

/** A selected remote script left out because a definition for it exists already. */
export interface AlreadyDefined {
  readonly name: string;
  readonly uuid: string;
  /** The definition file, relative to the working directory. */
  readonly definedIn: string;
}

/**
 * Splits the selection into scripts to export and the ones already defined (with the file).
 * `refreshes(script, file)` may keep a defined script in the export: `--force` re-exports a
 * definition into the very file it lives in (a refresh, never a second definition).
 */
export function splitAlreadyDefined(
  scripts: readonly ScriptDetail[],
  definitions: readonly Definition[],
  refreshes: (script: ScriptDetail, definedIn: string) => boolean = () => false,
): { readonly toExport: ScriptDetail[]; readonly skipped: AlreadyDefined[] } {
  const byUuid = new Map(definitions.flatMap((d) => (d.uuid === undefined ? [] : [[d.uuid, d] as const])));
  // A definition bound by uuid to another script does not claim this name (bind.ts agrees).
  const byName = new Map(definitions.filter((d) => d.uuid === undefined).map((d) => [d.name, d] as const));
  const toExport: ScriptDetail[] = [];
  const skipped: AlreadyDefined[] = [];
  for (const script of scripts) {
    const definition = byUuid.get(script.script_uuid) ?? byName.get(script.name);
    if (definition === undefined || refreshes(script, definition.file)) toExport.push(script);
    else skipped.push({ name: script.name, uuid: script.script_uuid, definedIn: definition.file });
  }
  return { toExport, skipped };
}
