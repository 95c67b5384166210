/** Builders for definitions and remote scripts shared by the engine's pure tests. */
import type {
  AbsentDefinition,
  DefinitionParam,
  PresentDefinition,
  RemoteParam,
  RemoteScript,
  RemoteScriptSummary,
  RemoteState,
} from '../../src/model.js';
import { SENSITIVE_MASK } from '../../src/model.js';
import type { OwnershipSettings } from '../../src/resolve/ownership-tag.js';

/** Today's name-glob ownership: no ownership tag is read or written. */
export const BY_NAME: OwnershipSettings = { mode: 'name' };
/** This folder's owner value in tag-ownership tests. */
export const OWNER = 'octo/ops:coc-scripts';
export const BY_TAG: OwnershipSettings = { mode: 'tag', owner: OWNER };

/** A valid present definition named `name`; override any field. */
export function presentDef(name: string, overrides: Partial<PresentDefinition> = {}): PresentDefinition {
  return {
    state: 'present',
    file: `coc-scripts/${name}.yaml`,
    location: { file: `coc-scripts/${name}.yaml`, line: 1, column: 1 },
    name,
    type: 'SHELL',
    description: `${name} script`,
    content: `#!/bin/bash\necho ${name}\n`,
    riskLevel: 'LOW',
    version: '1.0.0',
    params: [],
    ...overrides,
  };
}

/** A `state: absent` definition. */
export function absentDef(name: string, uuid?: string): AbsentDefinition {
  return {
    state: 'absent',
    file: `coc-scripts/${name}.yaml`,
    location: { file: `coc-scripts/${name}.yaml`, line: 1, column: 1 },
    name,
    ...(uuid === undefined ? {} : { uuid }),
  };
}

/** A literal param. */
export function literalParam(
  name: string,
  value: string,
  overrides: Partial<DefinitionParam> = {},
): DefinitionParam {
  return { name, value: { source: 'literal', value }, description: '', sensitive: false, ...overrides };
}

/** A sensitive env-sourced param; `value` undefined = the variable is unset. */
export function envParam(
  name: string,
  variable: string,
  value: string | undefined,
  description = '',
): DefinitionParam {
  return { name, value: { source: 'env', variable, value }, description, sensitive: true };
}

/** A non-sensitive env-sourced param (a per-environment value, shown and compared). */
export function plainEnvParam(name: string, variable: string, value: string | undefined): DefinitionParam {
  return { name, value: { source: 'env', variable, value }, description: '', sensitive: false };
}

/** The remote twin of a definition param (sensitive values come back masked). */
export function remoteParamOf(param: DefinitionParam): RemoteParam {
  const masked = param.sensitive;
  return {
    name: param.name,
    value: masked ? SENSITIVE_MASK : (param.value.value ?? ''),
    masked,
    description: param.description,
    sensitive: param.sensitive,
  };
}

/** The remote script a definition would produce once applied; override any field. */
export function remoteOf(definition: PresentDefinition, overrides: Partial<RemoteScript> = {}): RemoteScript {
  return {
    uuid: uuidFor(definition.name),
    name: definition.name,
    type: definition.type,
    description: definition.description,
    content: definition.content,
    status: 'APPROVED',
    riskLevel: definition.riskLevel,
    version: definition.version,
    reviewers: definition.reviewers ?? [],
    protocol: definition.protocol,
    params: definition.params.map(remoteParamOf),
    tags: definition.tags ?? [],
    ...overrides,
  };
}

/** A deterministic uuid of the observed shape for a name. */
export function uuidFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `SC20251124093000${hash.toString(16).padStart(9, '0').slice(0, 9)}`;
}

/** A list entry for a remote script. */
export function summaryOf(script: RemoteScript, id = 1): RemoteScriptSummary {
  return {
    id,
    uuid: script.uuid,
    name: script.name,
    type: script.type,
    status: script.status,
    tags: script.tags,
  };
}

/** Remote state holding `scripts`, listed unless `listed` is false. */
export function stateOf(
  scripts: readonly RemoteScript[],
  options: { listed?: boolean; missing?: readonly string[]; unlisted?: readonly RemoteScriptSummary[] } = {},
): RemoteState {
  const listed = options.listed ?? true;
  return {
    byUuid: new Map(scripts.map((s) => [s.uuid, s])),
    summaries: listed
      ? [...scripts.map((s, i) => summaryOf(s, i + 1)), ...(options.unlisted ?? [])]
      : undefined,
    missingUuids: new Set(options.missing ?? []),
    unreadable: new Map(),
  };
}
