/**
 * `npm run render-comment`: makes docs/plan-comment.md and docs/plan-comment.png from the real
 * output. It starts the COC emulator with the demo's remote side (scripts/lib/demo-scenario.ts,
 * one parameter value changed in the console too), runs the bundled dist/index.js on a
 * pull_request event as the Actions runner does, takes the sticky comment the action posted to
 * the local GitHub fake, renders it with markdown-it (GitHub alerts plugin) and GitHub's
 * Markdown CSS, and screenshots it in headless Debian Chromium (playwright-core).
 *
 * Needs /usr/bin/chromium (`apt-get install chromium`); not part of `npm test` for that reason.
 * Usage: npm run render-comment   (bundles first; writes the two files in docs/)
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import githubAlerts from 'markdown-it-github-alerts';
import { chromium } from 'playwright-core';
import { startEmulator } from '../emulator/server.js';
import type { SeedScript } from '../emulator/types.js';
import { DEFAULT_TOKEN } from '../emulator/defaults.js';
import { startGitHubFake } from '../__tests__/support/github-fake.js';
import { REPO_ROOT, runActionProcess } from '../__tests__/support/runner.js';
import { buildDemoScenario } from './lib/demo-scenario.js';
import { readExampleDefinitions, workflowPruneGlob } from './lib/examples.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `render-comment: no Chromium at ${CHROMIUM}; apt-get install chromium fonts-wqy-microhei\n`,
  );
  process.exit(1);
}
const OUT_MD = join(REPO_ROOT, 'docs', 'plan-comment.md');
const OUT_PNG = join(REPO_ROOT, 'docs', 'plan-comment.png');
/** A fixed commit, repository and pull request, so the picture only changes when the output does. */
const HEAD_SHA = '3f9c2a7d51e04b8e9a6c0d2f4b7e1a5c8d3f6b90';
const REPOSITORY = 'your-org/ops-scripts';

/** The demo's seeds, plus a parameter value edited in the console (a one-field param change). */
function withParamDrift(seeds: SeedScript[]): SeedScript[] {
  let changed = false;
  return seeds.map((seed) => {
    const params = seed.script_params ?? [];
    const index = params.findIndex((p) => !p.sensitive);
    if (changed || index < 0 || seed.script_uuid !== undefined) return seed;
    changed = true;
    const script_params = params.map((p, i) =>
      i === index ? { ...p, param_value: `${p.param_value}.old` } : p,
    );
    return { ...seed, script_params };
  });
}

async function postedComment(): Promise<string> {
  const definitions = await readExampleDefinitions(join(REPO_ROOT, 'examples/coc-scripts'));
  const scenario = buildDemoScenario(
    definitions,
    await workflowPruneGlob(join(REPO_ROOT, 'examples/workflows/review.yml')),
  );
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', seed: withParamDrift(scenario.seeds) });
  const github = await startGitHubFake();
  const workspace = await mkdtemp(join(tmpdir(), 'coc-render-'));
  try {
    await cp(join(REPO_ROOT, 'examples/coc-scripts'), join(workspace, 'coc-scripts'), { recursive: true });
    const eventPath = join(workspace, 'event.json');
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 42, head: { sha: HEAD_SHA } } }));
    const run = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        region: 'cn-north-4',
        'project-id': '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        endpoint: emulator.url,
        'auth-token': DEFAULT_TOKEN,
        prune: scenario.prune,
        owner: scenario.owner,
        'github-token': 'ghs_render-comment-token',
      },
      {
        cwd: workspace,
        env: {
          ...scenario.env,
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: REPOSITORY,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_SHA: 'b'.repeat(40),
          GITHUB_RUN_ID: '7001',
        },
      },
    );
    const body = github.comments[0]?.body;
    if (run.code !== 0 || body === undefined)
      throw new Error(`the plan run did not post a comment:\n${run.stdout}`);
    return body;
  } finally {
    await Promise.all([emulator.close(), github.close(), rm(workspace, { recursive: true, force: true })]);
  }
}

async function page(markdown: string): Promise<string> {
  // The plugin's types name markdown-it's PluginWithOptions, which typescript-eslint sees as an
  // error type (tsc resolves and checks the call).
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
  const md = new MarkdownIt({ html: true, linkify: false }).use(githubAlerts);
  const css = await readFile(
    join(REPO_ROOT, 'node_modules/github-markdown-css/github-markdown-light.css'),
    'utf8',
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { background: #f6f8fa; margin: 0; padding: 24px; }
.comment { max-width: 920px; margin: 0 auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-head { padding: 8px 16px; border-bottom: 1px solid #d1d9e0; background: #f6f8fa; border-radius: 6px 6px 0 0;
  font: 14px -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #59636e; }
.comment-head b { color: #1f2328; }
.markdown-body { padding: 16px; font-size: 14px; }
</style></head><body><div class="comment"><div class="comment-head"><b>github-actions</b> bot commented</div>
<div class="markdown-body">${md.render(markdown)}</div></div></body></html>`;
}

async function screenshot(html: string): Promise<void> {
  // A fresh, empty profile every time (playwright passes it as --user-data-dir).
  const profile = await mkdtemp(join(tmpdir(), 'coc-render-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 980, height: 800 },
    deviceScaleFactor: 1,
    // Debian's Chromium on a closed network, as root: no sandbox, no background connections.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.setContent(html, { waitUntil: 'load' });
    await tab.locator('.comment').screenshot({ path: OUT_PNG });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

const markdown = await postedComment();
await mkdir(join(REPO_ROOT, 'docs'), { recursive: true });
await writeFile(OUT_MD, markdown);
await screenshot(await page(markdown));
process.stdout.write(
  `wrote docs/plan-comment.md and docs/plan-comment.png (${markdown.length} characters)\n`,
);
