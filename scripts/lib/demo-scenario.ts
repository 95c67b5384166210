/**
 * The demo's remote side, derived from examples/coc-scripts so it keeps working when the
 * examples change: some scripts drifted (one of them with reviewers, so a reviewer reset shows),
 * one unchanged, the rest to create, each tombstone present remotely, one extra script that the
 * prune glob matches and this folder owns (its ownership tag), and one the glob matches but that
 * was made in the console (no ownership tag: kept). Also what plan and apply must therefore report.
 */
import picomatch from 'picomatch';
import type { SeedScript } from '../../emulator/types.js';
import type { ExampleDefinition } from './examples.js';

/** What the demo seeds, sets and expects. */
export interface DemoScenario {
  readonly seeds: SeedScript[];
  /** Demo values of every `value_from_env` variable. */
  readonly env: Record<string, string>;
  readonly prune: string;
  /** The `owner` input: the value of the ownership tag this folder's scripts carry. */
  readonly owner: string;
  readonly expected: { created: number; updated: number; deleted: number; unchanged: number };
  /** Scripts that must go back into review. */
  readonly resets: readonly string[];
  /** One line per seeded script, to tell the story before the runs. */
  readonly story: readonly string[];
}

/** What `<GITHUB_REPOSITORY>:<path>` would give for the examples in a repository of this name. */
export const DEMO_OWNER = 'your-org/ops-scripts:examples/coc-scripts';

const DEMO_REVIEWERS = [{ reviewer_name: 'carol', reviewer_id: 'c0ffee00c0ffee00c0ffee00c0ffee00' }];
const NAME = /^[\u4E00-\u9FA5A-Za-z0-9_]{1,64}$/;

function seedOf(def: ExampleDefinition, env: Record<string, string>): SeedScript {
  const properties: SeedScript['properties'] = { risk_level: def.riskLevel, version: def.version };
  if (def.reviewers)
    properties.reviewers = def.reviewers.map((r) => ({ reviewer_name: r.name, reviewer_id: r.id }));
  if (def.protocol !== undefined) properties.protocol = def.protocol;
  return {
    name: def.name,
    type: def.type,
    description: def.description,
    content: def.content,
    properties,
    script_params: def.params.map((param, index) => ({
      param_name: param.name,
      // A sensitive value set in the console earlier: masked on GET, so it never shows as drift.
      param_value: param.sensitive ? 'old-console-value' : (param.value ?? env[param.fromEnv ?? ''] ?? ''),
      param_description: param.description,
      param_order: index + 1,
      sensitive: param.sensitive,
    })),
  };
}

/** An edit made in the console: one comment line added (line endings kept) and an older version. */
function drift(seed: SeedScript): SeedScript {
  const eol = seed.content.includes('\r\n') ? '\r\n' : '\n';
  const comment = seed.type === 'BAT' ? 'rem edited in the console' : '# edited in the console';
  const body = seed.content.endsWith(eol) ? seed.content : seed.content + eol;
  const version = seed.properties.version === '0.9.0' ? '0.8.0' : '0.9.0';
  return { ...seed, content: `${body}${comment}${eol}`, properties: { ...seed.properties, version } };
}

/** Names the prune glob matches and no definition uses (one owned, one kept); else our own glob. */
function pruneTarget(
  glob: string | undefined,
  names: ReadonlySet<string>,
): { prune: string; name: string; kept: string } {
  const first = glob?.split(/[\n,]/)[0]?.trim();
  if (first) {
    const named = (word: string) => first.replace(/\*+/g, word).replace(/\?/g, 'x');
    const [candidate, kept] = [named('old_healthcheck'), named('made_in_console')];
    const usable = (name: string) => NAME.test(name) && !names.has(name) && picomatch(first)(name);
    if (usable(candidate) && usable(kept) && candidate !== kept)
      return { prune: glob ?? first, name: candidate, kept };
  }
  return { prune: 'demo_legacy_*', name: 'demo_legacy_report', kept: 'demo_legacy_made_in_console' };
}

/** Builds the demo's remote side from the example definitions. */
export function buildDemoScenario(
  definitions: readonly ExampleDefinition[],
  glob: string | undefined,
): DemoScenario {
  const env: Record<string, string> = {};
  for (const def of definitions) {
    for (const param of def.params)
      if (param.fromEnv) env[param.fromEnv] = `demo-${param.fromEnv.toLowerCase().replace(/_/g, '-')}`;
  }
  const present = definitions.filter((def) => def.state === 'present');
  const absent = definitions.filter((def) => def.state === 'absent');
  // The reviewer reset: a script whose definition lists reviewers, else one that keeps the remote ones.
  const reviewed =
    present.find((def) => (def.reviewers?.length ?? 0) > 0) ??
    present.find((def) => def.reviewers === undefined);
  const others = present.filter((def) => def !== reviewed && (def.reviewers?.length ?? 0) === 0);
  const drifted = [reviewed, others[0]].filter((def): def is ExampleDefinition => def !== undefined);
  const unchanged = present.filter((def) => !drifted.includes(def)).slice(0, 1);
  const created = present.filter((def) => !drifted.includes(def) && !unchanged.includes(def));
  const target = pruneTarget(glob, new Set(definitions.map((def) => def.name)));
  const story: string[] = [];
  const seeds: SeedScript[] = [];
  for (const def of drifted) {
    const base = seedOf(def, env);
    const withReviewers =
      def === reviewed && !def.reviewers
        ? { ...base, properties: { ...base.properties, reviewers: DEMO_REVIEWERS } }
        : base;
    const reviewers = withReviewers.properties.reviewers?.map((r) => r.reviewer_name) ?? [];
    seeds.push({ ...drift(withReviewers), status: 'APPROVED' });
    story.push(
      `${def.name}: edited in the console${reviewers.length ? `; approved by reviewers ${reviewers.join(', ')}` : ''} → update`,
    );
  }
  for (const def of unchanged) {
    seeds.push(seedOf(def, env));
    story.push(`${def.name}: identical to its definition → unchanged`);
  }
  for (const def of created) story.push(`${def.name}: not in COC yet → create`);
  for (const def of absent) {
    seeds.push(extraScript(def.name, 'Retired script, still present remotely'));
    story.push(`${def.name}: retired with state: absent in ${def.file} → delete`);
  }
  const owned = [{ key: 'managed-by-coc-script-sync', value: DEMO_OWNER }];
  seeds.push({
    ...extraScript(target.name, 'Created by this folder, since removed from it'),
    resource_tags: owned,
  });
  story.push(
    `${target.name}: no definition any more, matches prune glob "${target.prune}", owned by this folder → delete`,
  );
  seeds.push(extraScript(target.kept, 'Created by hand in the console; nobody owns it in git'));
  story.push(`${target.kept}: matches the prune glob too, but made in the console (not owned) → kept`);
  return {
    seeds,
    env,
    prune: target.prune,
    owner: DEMO_OWNER,
    expected: {
      created: created.length,
      updated: drifted.length,
      deleted: absent.length + 1,
      unchanged: unchanged.length,
    },
    resets: reviewed ? [reviewed.name] : [],
    story,
  };
}

function extraScript(name: string, description: string): SeedScript {
  return {
    name,
    type: 'SHELL',
    description,
    content: '#!/bin/bash\necho "still here"\n',
    properties: { risk_level: 'LOW', version: '1.0.0' },
  };
}
