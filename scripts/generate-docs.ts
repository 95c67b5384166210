/**
 * Regenerates the parts of README.md that other files own — the input and output tables (from
 * action.yml), the region table (src/coc/regions.ts), the example workflows (examples/workflows/)
 * and the benchmark figures — between
 * `<!-- name:start -->` / `<!-- name:end -->` markers, so they never disagree.
 * `--check` exits 1 instead of writing when README.md is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { FLAG_HELP } from '../emulator/args.js';
import { REGIONS_BY_SITE, SITES } from '../src/coc/regions.js';

const actionSchema = z.object({
  inputs: z.record(
    z.string(),
    z.object({ description: z.string(), required: z.boolean().optional(), default: z.string().optional() }),
  ),
  outputs: z.record(z.string(), z.object({ description: z.string() })),
});

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The README's input table as Markdown. */
export function renderInputs(inputs: z.infer<typeof actionSchema>['inputs']): string {
  const rows = Object.entries(inputs).map(([name, input]) => {
    const fallback = input.default === undefined ? '' : `\`${input.default}\``;
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`;
  });
  return ['| input | default | description |', '|---|---|---|', ...rows].join('\n');
}

/** The README's output table as Markdown. */
export function renderOutputs(outputs: z.infer<typeof actionSchema>['outputs']): string {
  const rows = Object.entries(outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`,
  );
  return ['| output | description |', '|---|---|', ...rows].join('\n');
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

const WORKFLOWS = [
  ['deploy.yml', 'Deploy on push to the default branch (`apply`)'],
  ['review.yml', 'Review on pull requests (`plan`, sticky comment)'],
  ['reconcile.yml', 'Reconcile on a schedule (`plan` + `fail-on-drift`, drift issue)'],
  ['environments.yml', 'Staging and production from one folder (matrix over GitHub Environments)'],
] as const;

/** The example workflows, copied verbatim from examples/workflows/. */
export function renderWorkflows(): string {
  const listed = new Set<string>(WORKFLOWS.map(([file]) => file));
  const unlisted = readdirSync('examples/workflows').filter((file) => !listed.has(file));
  if (unlisted.length > 0)
    throw new Error(`add ${unlisted.join(', ')} to WORKFLOWS in scripts/generate-docs.ts`);
  return WORKFLOWS.map(([file, title]) => {
    const text = readFileSync(`examples/workflows/${file}`, 'utf8').trimEnd();
    const source = `\`.github/workflows/${file}\` ([source](examples/workflows/${file})):`;
    return `### ${title}\n\n${source}\n\n\`\`\`yaml\n${text}\n\`\`\``;
  }).join('\n\n');
}

/** The region table of src/coc/regions.ts: site, COC host, region ids. */
export function renderRegions(): string {
  const rows = Object.entries(REGIONS_BY_SITE).map(([key, regions]) => {
    const site = SITES[key as keyof typeof SITES];
    return `| ${site.name} | \`${site.coc}\` | ${regions.map((r) => `\`${r}\``).join(', ')} |`;
  });
  return ['| site | COC host | region ids |', '|---|---|---|', ...rows].join('\n');
}

/** The emulator's flags, from the table its `--help` prints. */
export function renderEmulatorFlags(): string {
  const rows = FLAG_HELP.map((f) => {
    const usage = `\`--${f.flag}${f.value ? ` ${f.value}` : ''}\``;
    return `| ${usage} | ${f.fallback} | ${f.meaning} |`;
  });
  return ['| flag | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** The latest benchmark figures, as `npm run bench` wrote them to bench/README-figures.md. */
export function renderBench(): string {
  const text = readFileSync('bench/README-figures.md', 'utf8');
  return text.replace(/^<!--.*-->\n+/, '').trimEnd();
}

const action = actionSchema.parse(parse(readFileSync('action.yml', 'utf8')));
const readme = readFileSync('README.md', 'utf8');
const sections: [string, string][] = [
  ['inputs', renderInputs(action.inputs)],
  ['outputs', renderOutputs(action.outputs)],
  ['regions', renderRegions()],
  ['workflows', renderWorkflows()],
  ['emulator-flags', renderEmulatorFlags()],
  ['bench', renderBench()],
];
const fresh = sections.reduce((text, [marker, body]) => replaceBetween(text, marker, body), readme);
if (process.argv.includes('--check')) {
  if (fresh !== readme) {
    console.error('README.md is stale: run `npm run generate`.');
    process.exit(1);
  }
} else if (fresh !== readme) {
  writeFileSync('README.md', fresh);
}
