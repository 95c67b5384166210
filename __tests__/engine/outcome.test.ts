/** The plan-mode notices for `value_from_env` variables that are not set. */
import { describe, expect, it } from 'vitest';
import { unsetEnvNotes } from '../../src/engine/outcome.js';
import type { DefinitionParam, PresentDefinition, RemoteScript } from '../../src/model.js';
import { buildPlan } from '../../src/plan/plan.js';
import {
  BY_NAME,
  envParam,
  literalParam,
  plainEnvParam,
  presentDef,
  remoteOf,
  stateOf,
} from '../plan/builders.js';

function notesFor(
  params: DefinitionParam[],
  remote: (definition: PresentDefinition) => RemoteScript[],
): string[] {
  const definition = presentDef('ship_logs', { params });
  const plan = buildPlan({
    definitions: [definition],
    remote: stateOf(remote(definition)),
    prune: [],
    syncSensitive: 'changed',
    ownership: BY_NAME,
    hasDefinitionFiles: true,
  });
  return unsetEnvNotes(plan, [definition]);
}

const unchanged = (d: PresentDefinition): RemoteScript[] => [remoteOf(d)];
const drifted = (d: PresentDefinition): RemoteScript[] => [
  remoteOf(d, { description: 'edited in the console' }),
];
const missing = (): RemoteScript[] => [];

describe('unsetEnvNotes', () => {
  it.each([
    {
      name: 'plain value, script created',
      params: [plainEnvParam('log_dir', 'LOG_DIR', undefined)],
      remote: missing,
      notes: [
        'LOG_DIR is not set: applying ship_logs will need it (params.log_dir). The plan could not compare its value.',
      ],
    },
    {
      name: 'secret, script updated',
      params: [envParam('pw', 'DB_PASSWORD', undefined)],
      remote: drifted,
      notes: ['DB_PASSWORD is not set: applying ship_logs will need it (params.pw).'],
    },
    {
      name: 'plain value, script looks unchanged',
      params: [plainEnvParam('log_dir', 'LOG_DIR', undefined)],
      remote: (d: PresentDefinition) => [
        remoteOf({ ...d, params: [literalParam('log_dir', '/var/log/app')] }),
      ],
      notes: [
        'LOG_DIR is not set: the plan could not compare ship_logs params.log_dir and shows the script unchanged.',
      ],
    },
    {
      name: 'secret, script unchanged (never compared anyway)',
      params: [envParam('pw', 'PW', undefined)],
      remote: unchanged,
      notes: [],
    },
    {
      name: 'variables set',
      params: [plainEnvParam('log_dir', 'LOG_DIR', '/srv')],
      remote: missing,
      notes: [],
    },
  ])('$name', ({ params, remote, notes }) => {
    expect(notesFor(params, remote)).toEqual(notes);
  });
});
