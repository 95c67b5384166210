/**
 * Regenerates the input and output tables of README.md from action.yml (between the
 * `<!-- inputs:start -->` / `<!-- outputs:start -->` markers), so the two never disagree.
 * `--check` exits 1 instead of writing when README.md is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

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

const action = actionSchema.parse(parse(readFileSync('action.yml', 'utf8')));
const readme = readFileSync('README.md', 'utf8');
const fresh = replaceBetween(
  replaceBetween(readme, 'inputs', renderInputs(action.inputs)),
  'outputs',
  renderOutputs(action.outputs),
);
if (process.argv.includes('--check')) {
  if (fresh !== readme) {
    console.error('README.md input/output tables are stale: run `npm run generate`.');
    process.exit(1);
  }
} else if (fresh !== readme) {
  writeFileSync('README.md', fresh);
}
