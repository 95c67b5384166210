/**
 * Drives the engine (fetch → plan → guards → apply) against a running emulator through the real
 * client, the way main.ts will; shared by the engine integration tests.
 */
import type { CocApi } from '../../src/coc/api.js';
import { connectCoc } from '../../src/coc/connect.js';
import type { Config, SyncSensitive } from '../../src/config/config.js';
import type { SeedScript, ScriptRecord } from '../../emulator/types.js';
import { applyPlan, findMissingEnvValues } from '../../src/apply/apply.js';
import { createSilentLogger } from '../../src/log.js';
import type { Definition, ItemResult, Plan, PresentDefinition } from '../../src/model.js';
import { checkDeleteGuard } from '../../src/plan/guards.js';
import { buildPlan } from '../../src/plan/plan.js';
import { fetchRemoteState } from '../../src/remote/fetch.js';
import { mayPrune, type OwnershipSettings } from '../../src/resolve/ownership-tag.js';

/** A Config pointing at the emulator with its default token. */
export function emulatorConfig(url: string, overrides: Partial<Config> = {}): Config {
  return {
    path: 'coc-scripts',
    mode: 'apply',
    endpoint: url,
    iamEndpoint: url,
    auth: { authToken: 'emulator-token' },
    prune: [],
    maxDeletes: 5,
    syncSensitive: 'changed',
    failOnDrift: false,
    concurrency: 8,
    timeoutSeconds: 30,
    comment: false,
    language: 'en-us',
    enterpriseProjectId: '0',
    driftIssue: false,
    allowInsecureEndpoint: false,
    allowOutside: false,
    workingDirectory: process.cwd(),
    workspace: process.cwd(),
    ownership: 'tag',
    owner: 'octo/ops:coc-scripts',
    checkContent: 'syntax',
    env: {},
    surface: 'action',
    withoutCredentials: 'fail',
    ...overrides,
  };
}

/** The real client against the emulator; retries wait no time. */
export function connectTestClient(url: string): Promise<CocApi> {
  return connectCoc(emulatorConfig(url), createSilentLogger(), {
    sleep: () => Promise.resolve(),
    random: () => 0,
  });
}

export interface EngineOptions {
  readonly prune?: readonly string[];
  readonly syncSensitive?: SyncSensitive;
  readonly maxDeletes?: number;
  readonly ownership?: OwnershipSettings;
}

/** fetch + buildPlan, as `mode: plan` does. */
export async function planAgainst(
  api: CocApi,
  definitions: readonly Definition[],
  options: EngineOptions = {},
): Promise<Plan> {
  const prune = options.prune ?? [];
  const ownership: OwnershipSettings = options.ownership ?? { mode: 'name' };
  const remote = await fetchRemoteState(api, definitions, {
    prune,
    mayPrune: (summary) => mayPrune(summary, ownership),
    concurrency: 8,
  });
  return buildPlan({
    definitions,
    remote,
    prune,
    syncSensitive: options.syncSensitive ?? 'changed',
    ownership,
    hasDefinitionFiles: definitions.length > 0,
  });
}

export interface ApplyRun {
  readonly plan: Plan;
  /** Undefined when a guard refused the apply (nothing was sent). */
  readonly results?: readonly ItemResult[];
  readonly refusal?: string;
}

/** plan + guards + apply, as `mode: apply` does. */
export async function applyAgainst(
  api: CocApi,
  definitions: readonly Definition[],
  options: EngineOptions = {},
): Promise<ApplyRun> {
  const plan = await planAgainst(api, definitions, options);
  const missing = findMissingEnvValues(plan, 'action');
  if (missing.length > 0) return { plan, refusal: missing.map((d) => d.message).join('\n') };
  const guard = checkDeleteGuard(plan, options.maxDeletes ?? 5);
  if (guard) return { plan, refusal: guard.message };
  const logger = createSilentLogger();
  const results = await applyPlan(plan, api, { concurrency: 8, logger, enterpriseProjectId: '0' });
  return { plan, results };
}

/** The seed (wire shape) of the script a present definition describes. */
export function seedOf(definition: PresentDefinition, overrides: Partial<SeedScript> = {}): SeedScript {
  return {
    name: definition.name,
    type: definition.type,
    description: definition.description,
    content: definition.content,
    properties: {
      risk_level: definition.riskLevel,
      version: definition.version,
      ...(definition.reviewers === undefined
        ? {}
        : { reviewers: definition.reviewers.map((r) => ({ reviewer_name: r.name, reviewer_id: r.id })) }),
      ...(definition.protocol === undefined ? {} : { protocol: definition.protocol }),
    },
    script_params: definition.params.map((p, i) => ({
      param_name: p.name,
      param_value: p.value.value ?? 'placeholder',
      param_description: p.description,
      param_order: i + 1,
      sensitive: p.sensitive,
    })),
    ...overrides,
  };
}

/** A stored record in a comparable shape (what a definition would have produced). */
export function comparableRecord(record: ScriptRecord): unknown {
  return {
    name: record.name,
    type: record.type,
    description: record.description,
    content: record.content.replace(/\r\n/g, '\n'),
    riskLevel: record.properties.risk_level,
    version: record.properties.version,
    reviewers: (record.properties.reviewers ?? []).map((r) => r.reviewer_id).sort(),
    params: record.script_params.map((p) => [p.param_name, p.param_value, p.param_description, p.sensitive]),
  };
}

/** A definition in the same comparable shape; omitted reviewers are `keep`. */
export function comparableDefinition(
  definition: PresentDefinition,
  keptReviewers: readonly string[] = [],
): unknown {
  return {
    name: definition.name,
    type: definition.type,
    description: definition.description,
    content: definition.content.replace(/\r\n/g, '\n'),
    riskLevel: definition.riskLevel,
    version: definition.version,
    reviewers:
      definition.reviewers === undefined
        ? [...keptReviewers].sort()
        : definition.reviewers.map((r) => r.id).sort(),
    params: definition.params.map((p) => [p.name, p.value.value, p.description, p.sensitive]),
  };
}
