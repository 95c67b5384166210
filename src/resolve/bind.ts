/**
 * Pairs definitions with remote scripts: by `uuid` when the file gives one, else by exact name.
 * Pairs that cannot be acted on safely (gone, renamed, retyped) become blocked with the fix.
 */
import type { ApiErrorInfo, Definition, RemoteScript, RemoteState } from '../model.js';
import type { OwnershipSettings } from './ownership-tag.js';
import { foreignOwner, foreignOwnerReason } from './ownership-tag.js';

/** The outcome of binding one definition. */
export type Binding =
  | {
      readonly kind: 'bound';
      readonly definition: Definition;
      readonly remote: RemoteScript;
      readonly by: 'uuid' | 'name';
    }
  /** No remote script: a present definition is created, an absent one is already gone. */
  | { readonly kind: 'unbound'; readonly definition: Definition }
  | {
      readonly kind: 'blocked';
      readonly definition: Definition;
      readonly remote?: RemoteScript;
      /** What is wrong and how to fix it, in the user's words. */
      readonly reason: string;
    }
  /** The script it binds to exists but could not be read: nothing can be decided for it. */
  | {
      readonly kind: 'unreadable';
      readonly definition: Definition;
      readonly uuid: string;
      readonly error: ApiErrorInfo;
    };

/**
 * Binds every definition, in input order. Pure: looks only at the fetched state. With
 * `ownership: tag`, a script carrying another folder's ownership tag is blocked for this one.
 */
export function bindDefinitions(
  definitions: readonly Definition[],
  remote: RemoteState,
  ownership: OwnershipSettings,
): Binding[] {
  const byName = new Map<string, RemoteScript>();
  for (const script of remote.byUuid.values()) if (!byName.has(script.name)) byName.set(script.name, script);
  const unreadableByName = new Map<string, string>();
  for (const summary of remote.summaries ?? []) {
    if (remote.unreadable.has(summary.uuid)) unreadableByName.set(summary.name, summary.uuid);
  }
  return definitions.map((definition) => {
    const uuid = definition.uuid ?? unreadableByName.get(definition.name);
    const error = uuid === undefined ? undefined : remote.unreadable.get(uuid);
    // Unread is not absent: creating (or calling it deleted remotely) would be a guess.
    if (uuid !== undefined && error !== undefined) return { kind: 'unreadable', definition, uuid, error };
    const binding =
      definition.uuid === undefined
        ? bindByName(definition, byName.get(definition.name))
        : bindByUuid(definition, definition.uuid, remote);
    return binding.kind === 'bound' ? checkOwner(binding, ownership) : binding;
  });
}

function checkOwner(binding: Extract<Binding, { kind: 'bound' }>, ownership: OwnershipSettings): Binding {
  const other = foreignOwner(binding.remote.tags, ownership);
  if (other === undefined) return binding;
  const { definition, remote } = binding;
  return { kind: 'blocked', definition, remote, reason: foreignOwnerReason(other, ownership) };
}

function bindByUuid(definition: Definition, uuid: string, remote: RemoteState): Binding {
  const script = remote.byUuid.get(uuid);
  if (script === undefined) {
    // A tombstone whose script is already gone has nothing left to do: not a failure.
    if (definition.state === 'absent') return { kind: 'unbound', definition };
    return {
      kind: 'blocked',
      definition,
      reason: `script \`${uuid}\` was deleted remotely; remove \`uuid\` to create it again.`,
    };
  }
  const mismatch = describeMismatch(definition, script);
  if (mismatch !== undefined) return { kind: 'blocked', definition, remote: script, reason: mismatch };
  return { kind: 'bound', definition, remote: script, by: 'uuid' };
}

function bindByName(definition: Definition, script: RemoteScript | undefined): Binding {
  if (script === undefined) return { kind: 'unbound', definition };
  if (definition.state === 'present' && script.type !== definition.type) {
    return {
      kind: 'blocked',
      definition,
      remote: script,
      reason:
        `a remote script named \`${script.name}\` (${script.uuid}) already exists with type ${script.type}, ` +
        `and the type cannot be changed in place (the definition says ${definition.type}). To migrate: ` +
        `give this definition a new name so a new script is created, and let \`prune\` or a ` +
        `\`state: absent\` definition remove the old one.`,
    };
  }
  return { kind: 'bound', definition, remote: script, by: 'name' };
}

/** Why a uuid-bound pair cannot be applied in place, or undefined when it can. */
function describeMismatch(definition: Definition, script: RemoteScript): string | undefined {
  if (definition.state === 'absent') {
    if (script.name === definition.name) return undefined;
    return (
      `\`uuid\` ${script.uuid} belongs to the remote script \`${script.name}\`, not \`${definition.name}\`; ` +
      `nothing is deleted. Fix \`name\` or \`uuid\` in this file.`
    );
  }
  const changed: string[] = [];
  if (script.name !== definition.name) changed.push(`name \`${script.name}\` → \`${definition.name}\``);
  if (script.type !== definition.type) changed.push(`type ${script.type} → ${definition.type}`);
  if (changed.length === 0) return undefined;
  return (
    `${changed.join(' and ')} cannot be changed in place (remote script ${script.uuid}). To migrate: ` +
    `remove \`uuid\` from this file so a new script is created` +
    (script.name === definition.name ? ' (under a new name: names are unique)' : '') +
    `, and let \`prune\` or a \`state: absent\` definition for \`${script.name}\` remove the old one.`
  );
}
