/**
 * Control endpoints under /_emulator/ (no auth, not logged) so scripts outside the test process
 * (demo, bench, soak) can seed state, read the request log and change faults.
 */
import { checkFaults } from './faults.js';
import { asObject } from './validate.js';
import type { EmulatorControls, FaultConfig, SeedScript } from './types.js';

/** Prefix of every control path. */
export const CONTROL_PREFIX = '/_emulator/';

/** A control answer for the server to write as JSON. */
export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

function problem(status: number, message: string): ControlAnswer {
  return { status, body: { error: message } };
}

/** Minimal shape check of seeds: enough that the store and views never crash on them. */
export function checkSeeds(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'the body must be a JSON array of scripts';
  for (const [index, item] of value.entries()) {
    const script = asObject(item);
    const props = asObject(script?.['properties']);
    const strings = ['name', 'type', 'description', 'content'].every(
      (key) => typeof script?.[key] === 'string',
    );
    if (
      !script ||
      !strings ||
      !props ||
      typeof props['risk_level'] !== 'string' ||
      typeof props['version'] !== 'string'
    ) {
      return `script ${index}: name, type, description, content and properties.risk_level/version are required strings`;
    }
    const params = script['script_params'];
    if (params !== undefined && !Array.isArray(params))
      return `script ${index}: script_params must be a list`;
    // Shape only: a seed may carry tags the tags API would refuse (a console-made script's, say).
    const tags = script['resource_tags'];
    const tagShape = (tag: unknown) =>
      typeof asObject(tag)?.['key'] === 'string' && typeof asObject(tag)?.['value'] === 'string';
    if (tags !== undefined && !(Array.isArray(tags) && tags.every(tagShape)))
      return `script ${index}: resource_tags must be a list of {key, value} strings`;
  }
  return undefined;
}

/** Answers one control request; `emulator` is the programmatic handle of the same instance. */
export function handleControl(
  method: string,
  path: string,
  body: unknown,
  emulator: EmulatorControls,
): ControlAnswer {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'POST seed': {
      const error = body instanceof Error ? 'the body is not JSON' : checkSeeds(body);
      if (error !== undefined) return problem(400, error);
      return { status: 200, body: { scripts: emulator.seed(body as SeedScript[]) } };
    }
    case 'GET state':
      return { status: 200, body: { scripts: emulator.scripts(), faults: emulator.faults() } };
    case 'GET requests':
      return { status: 200, body: { requests: emulator.requests() } };
    case 'DELETE requests':
      emulator.clearRequests();
      return { status: 200, body: { ok: true } };
    case 'PUT faults': {
      const faults = asObject(body) as Partial<FaultConfig> | undefined;
      const error = faults === undefined ? 'the body must be a JSON object' : checkFaults(faults);
      if (error !== undefined || faults === undefined) return problem(400, error ?? 'invalid faults');
      emulator.setFaults(faults);
      return { status: 200, body: { faults: emulator.faults() } };
    }
    case 'POST reset':
      emulator.reset();
      return { status: 200, body: { ok: true } };
    default:
      return problem(404, `unknown control endpoint ${method} ${path}`);
  }
}
