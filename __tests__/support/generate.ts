/**
 * Generated workloads: script specs, their emulator seeds (wire shape) and their YAML definition
 * files. Everything comes from a seeded RNG so a benchmark or soak run replays exactly.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SeedScript } from '../../emulator/types.js';
import { createRandom } from '../../emulator/faults.js';

/** One parameter of a generated script. */
export interface ParamSpec {
  readonly name: string;
  readonly value: string;
  readonly description: string;
  readonly sensitive: boolean;
  /** When set, the definition reads the value from this environment variable. */
  readonly fromEnv?: string;
}

/** One generated script, in the harness's own neutral shape. */
export interface ScriptSpec {
  readonly name: string;
  readonly type: 'SHELL' | 'PYTHON' | 'BAT';
  readonly description: string;
  readonly content: string;
  readonly riskLevel: 'LOW' | 'MEDIUM' | 'HIGH';
  readonly version: string;
  readonly params: readonly ParamSpec[];
}

/** The emulator's seeded RNG (mulberry32), so workloads and fault dice replay alike. */
export const seededRandom: (seed: number) => () => number = createRandom;

const WORDS = [
  'backup',
  'rotate',
  'logs',
  'disk',
  'check',
  'nginx',
  'db',
  'cache',
  'sync',
  'report',
  'clean',
];

/** Shell text of `minChars`–`maxChars` characters (whole lines, ends with a newline). */
export function makeContent(random: () => number, minChars: number, maxChars: number): string {
  const target = Math.floor(minChars + random() * (maxChars - minChars));
  let text = '#!/bin/bash\nset -euo pipefail\n';
  for (let step = 1; ; step++) {
    const word = WORDS[Math.floor(random() * WORDS.length)] ?? 'step';
    const line = `echo "step ${step}: ${word} $(date +%s) ${Math.floor(random() * 1e9)}" >> /var/log/${word}.log\n`;
    if (text.length + line.length > target) break;
    text += line;
  }
  return text;
}

/** `count` distinct scripts named `${prefix}_0001`…, content 1–4 KB. */
export function makeSpecs(count: number, prefix: string, seed: number): ScriptSpec[] {
  const random = seededRandom(seed);
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, index) => ({
    name: `${prefix}_${String(index + 1).padStart(width, '0')}`,
    type: 'SHELL' as const,
    description: `Generated script ${index + 1} of ${count}`,
    content: makeContent(random, 1024, 4096),
    riskLevel: (['LOW', 'MEDIUM', 'HIGH'] as const)[index % 3] ?? 'LOW',
    version: '1.0.0',
    params: [
      {
        name: 'target_dir',
        value: `/srv/data/${index + 1}`,
        description: 'working directory',
        sensitive: false,
      },
    ],
  }));
}

/** The same script as it drifted remotely: another version, description and a content edit. */
export function driftedCopy(spec: ScriptSpec): ScriptSpec {
  const content =
    spec.content.length > 3900
      ? spec.content.slice(0, 3000)
      : `${spec.content}echo "edited in the console"\n`;
  return { ...spec, description: `${spec.description} (edited)`, content, version: '0.9.0' };
}

/** A spec as the emulator stores it (the wire create body, real values). */
export function toSeed(spec: ScriptSpec): SeedScript {
  return {
    name: spec.name,
    type: spec.type,
    description: spec.description,
    content: spec.content,
    properties: { risk_level: spec.riskLevel, version: spec.version },
    script_params: spec.params.map((param, index) => ({
      param_name: param.name,
      param_value: param.value,
      param_description: param.description,
      param_order: index + 1,
      sensitive: param.sensitive,
    })),
  };
}

/** A spec as a definition file (README, Definition format), content inline. */
export function toDefinitionYaml(spec: ScriptSpec): string {
  const doc: Record<string, unknown> = {
    name: spec.name,
    type: spec.type,
    description: spec.description,
    content: spec.content,
    risk_level: spec.riskLevel,
    version: spec.version,
  };
  if (spec.params.length > 0) {
    doc['params'] = spec.params.map((param) => {
      const value = param.fromEnv === undefined ? { value: param.value } : { value_from_env: param.fromEnv };
      return { name: param.name, ...value, description: param.description, sensitive: param.sensitive };
    });
  }
  return stringify(doc, { lineWidth: 0 });
}

/**
 * Writes one `<name>.yaml` per spec into a new temporary folder `…/coc-scripts` and returns its
 * path. With `folders` > 1 the files are spread over that many sub-folders (`team-000/`…), in
 * runs of consecutive specs, as a repository grouped by team would be.
 */
export async function writeDefinitions(
  specs: readonly ScriptSpec[],
  label: string,
  folders = 1,
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `coc-${label}-`));
  const dir = join(root, 'coc-scripts');
  await mkdir(dir);
  const perFolder = Math.ceil(specs.length / Math.max(1, folders));
  const folderOf = (index: number): string =>
    folders > 1 ? join(dir, `team-${String(Math.floor(index / perFolder)).padStart(3, '0')}`) : dir;
  await Promise.all(
    [...new Set(specs.map((_, index) => folderOf(index)))].map((folder) =>
      mkdir(folder, { recursive: true }),
    ),
  );
  await Promise.all(
    specs.map((spec, index) => writeFile(join(folderOf(index), `${spec.name}.yaml`), toDefinitionYaml(spec))),
  );
  return dir;
}
