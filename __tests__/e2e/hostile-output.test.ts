/**
 * Attacks through what a server answers, run through dist/index.js as the runner runs it: a COC
 * server echoes the credential it received (raw, JSON-escaped, URL-encoded, base64, split over
 * lines) into script content and error messages, names a script with workflow commands, and
 * writes Markdown that would mention, link and embed. IAM is the emulator, so the credential
 * echoed is an IAM token obtained by password or OIDC exchange, or the `auth-token` input.
 * Nothing of it may reach the PR comment, the drift issue, the job summary, the annotations, the
 * outputs, the plan file or the log, and no line of the log may become a workflow command.
 */
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import {
  detail,
  listItem,
  startHostileServer,
  type HostileAnswer,
  type HostileRequest,
  type HostileServer,
} from '../support/hostile-server.js';
import { runActionProcess as runAction, type ActionProcessResult as ActionRun } from '../support/runner.js';

const INPUT_TOKEN = 'CanaryHostile"Tok/en+=x9\\q';
const MARKDOWN = '@octocat #1 [Approve](https://e.vil/a)';
const FORGED_NAME = 'leak_x\n::add-mask::forged-mask\n::stop-commands::halt';

/** Every form in which a server could hand a credential back. */
function echoes(token: string): string {
  const split = `${token.slice(0, 8)}\n${token.slice(8)}`;
  const base64 = Buffer.from(`{"token":"${token}"}`).toString('base64');
  return `echo ${token}\n# ${JSON.stringify(token)}\n# ${encodeURIComponent(token)}\n# ${base64}\n# ${split}\n`;
}

/** The forms of `token` that must appear nowhere (base64 at all three byte offsets). */
function forms(token: string): string[] {
  const base64 = [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(token)]).toString('base64');
    return encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + token.length)) / 6));
  });
  return [token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token), ...base64, token.slice(8)];
}

function answer(request: HostileRequest): HostileAnswer {
  const header = request.headers['x-auth-token'];
  const token = typeof header === 'string' ? header : '';
  if (request.method === 'GET' && request.path === '/v1/job/scripts') {
    const items = [listItem(2, 'SC-LEAKY', 'leaky'), listItem(1, 'SC-FORGED', FORGED_NAME)];
    return { status: 200, json: { data: { total: 2, data: items } } };
  }
  if (request.method === 'GET' && request.path === '/v1/job/scripts/SC-LEAKY')
    return {
      status: 200,
      json: detail('SC-LEAKY', 'leaky', { description: MARKDOWN, content: echoes(token) }),
    };
  if (request.method === 'GET') return { status: 200, json: detail('SC-FORGED', FORGED_NAME) };
  if (request.method === 'PUT') {
    const message =
      `bad value ${JSON.stringify(token)} ${encodeURIComponent(token)}\n::add-mask::forged-in-error\n` +
      `::error title=forged::forged annotation ##[warning]legacy ![x](https://e.vil/x.png) @acme/admins`;
    return { status: 400, json: { error_code: 'COC.00040602', error_msg: message } };
  }
  return { status: 200, json: { data: 'SC-FORGED' } };
}

/** Lines the runner would read as a workflow command that the action did not write. */
function forgedCommands(stdout: string): string[] {
  const ours = /^::(add-mask|debug|notice|warning|error)( [^:]*)?::/u;
  return stdout.split('\n').filter((line) => {
    const trimmed = line.trimStart();
    if (line.includes('##[')) return true;
    if (!trimmed.startsWith('::')) return false;
    return !ours.test(trimmed) || /^::add-mask::forged/u.test(trimmed);
  });
}

/** Live Markdown made from remote text. */
function liveMarkdown(markdown: string): string[] {
  const found: string[] = [];
  for (const pattern of [
    /\[Approve\]\(/u,
    /!\[x\]\(/u,
    /@octocat/u,
    /@acme\/admins/u,
    /#1\b/u,
    /https:\/\/e\.vil/u,
  ])
    if (pattern.test(markdown)) found.push(String(pattern));
  return found;
}

describe('a hostile COC server', () => {
  const emulator = useEmulator();
  let hostile: HostileServer;
  let github: GitHubFake;
  let workspace = '';

  beforeAll(async () => {
    hostile = await startHostileServer(answer);
    github = await startGitHubFake();
    workspace = await mkdtemp(join(tmpdir(), 'coc-hostile-'));
    await mkdir(join(workspace, 'coc-scripts'));
    await writeFile(
      join(workspace, 'coc-scripts', 'leaky.yaml'),
      'name: leaky\ntype: SHELL\ndescription: Local copy\ncontent: |\n  echo local\nrisk_level: LOW\nversion: 1.0.0\n',
    );
    await writeFile(join(workspace, 'pr.json'), JSON.stringify({ pull_request: { number: 42 } }));
  });
  afterAll(async () => {
    await hostile.close();
    await github.close();
  });

  async function run(inputs: Record<string, string>, env: Record<string, string>): Promise<ActionRun> {
    const base = {
      path: 'coc-scripts',
      endpoint: hostile.url,
      'iam-endpoint': emulator.current.url,
      'project-id': '0123456789abcdef0123456789abcdef',
      prune: 'leak*',
      'github-token': 'ghs_hostileTestToken0001',
    };
    return runAction(
      { ...base, ...inputs },
      {
        cwd: workspace,
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'acme/ops',
          GITHUB_EVENT_PATH: join(workspace, 'pr.json'),
          ACTIONS_STEP_DEBUG: 'true',
          ...env,
        },
      },
    );
  }

  /** The token the server saw on its last request. */
  const lastToken = (): string => {
    const header = hostile.requests.at(-1)?.headers['x-auth-token'];
    return typeof header === 'string' ? header : '';
  };

  async function channels(result: ActionRun): Promise<Record<string, string>> {
    const planFile = result.outputs['plan-file'];
    return {
      stdout: result.stdout.replace(/^::add-mask::.*$/gmu, ''),
      stderr: result.stderr,
      summary: result.summary,
      outputs: JSON.stringify(result.outputs),
      'plan file': planFile ? await readFile(planFile, 'utf8') : '',
      github: JSON.stringify(github.requests.map((r) => r.body ?? '')),
    };
  }

  function expectNoLeak(all: Record<string, string>, token: string): void {
    expect(token.length).toBeGreaterThan(8);
    for (const [channel, text] of Object.entries(all)) {
      for (const form of forms(token)) expect(text.includes(form), `${channel} holds ${form}`).toBe(false);
    }
  }

  it('password-exchanged token: nothing leaks into the PR comment, no forged command, no live Markdown', async () => {
    const result = await run(
      {
        mode: 'plan',
        'iam-username': 'ci_user',
        'iam-password': 'ci-password',
        'iam-domain-name': 'my_account',
      },
      { GITHUB_EVENT_NAME: 'pull_request' },
    );
    expect(result.code, result.stdout).toBe(0);
    const comment = github.comments.find((c) => c.issue === 42)?.body ?? '';
    expect(comment).toContain('leaky');
    expectNoLeak({ ...(await channels(result)), comment }, lastToken());
    expect(forgedCommands(result.stdout)).toEqual([]);
    expect(liveMarkdown(comment)).toEqual([]);
    expect(liveMarkdown(result.summary)).toEqual([]);
  });

  it('OIDC-exchanged token: nothing leaks into the drift issue', async () => {
    const claims = {
      aud: 'coc-script-sync',
      sub: 'repo:acme/ops',
      exp: Math.floor(Date.now() / 1000) + 3600,
    };
    const jwt = ['{"alg":"RS256"}', JSON.stringify(claims), 'sig']
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');
    await writeFile(join(workspace, 'jwt.txt'), jwt);
    const result = await run(
      { mode: 'plan', 'idp-id': 'github-idp', 'fail-on-drift': 'true', 'drift-issue': 'true' },
      { GITHUB_EVENT_NAME: 'schedule', HUAWEICLOUD_SDK_ID_TOKEN_FILE: join(workspace, 'jwt.txt') },
    );
    expect(result.outputs['failure-reason'], result.stdout).toBe('drift');
    const issue = github.issues[0]?.body ?? '';
    expect(issue).toContain('leaky');
    expectNoLeak({ ...(await channels(result)), issue }, lastToken());
    expect(liveMarkdown(issue)).toEqual([]);
  });

  it('auth-token echoed in an error: summary, annotations, outputs and log stay clean and inert', async () => {
    const result = await run(
      { mode: 'apply', 'auth-token': INPUT_TOKEN },
      { GITHUB_EVENT_NAME: 'workflow_dispatch' },
    );
    expect(result.outputs['failure-reason'], result.stdout).toBe('apply-failed');
    expect(lastToken()).toBe(INPUT_TOKEN);
    expect(result.summary).toContain('COC.00040602');
    expectNoLeak(await channels(result), INPUT_TOKEN);
    expect(forgedCommands(result.stdout)).toEqual([]);
    expect(liveMarkdown(result.summary)).toEqual([]);
    expect(result.summary).not.toMatch(/!\[x\]\(|@acme\/admins/u);
  });
});
