/**
 * A pull request that breaks a script's syntax, end to end: dist/index.js run as the runner runs
 * it (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), in validate and in plan mode on a
 * pull_request event, against the emulator and the local GitHub fake. The step fails with
 * failure-reason validation, each annotation stands on the broken line of the file the user
 * edits, ShellCheck warnings are listed in the summary and the comment, and nothing reaches COC.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_TOKEN, useEmulator } from '../support/emulator.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import { runActionProcess } from '../support/runner.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/coc-scripts');
const emulator = useEmulator();
let github: GitHubFake;
let workspace = '';

/** Edits one example file; returns the 1-based line of `marker` in the edited text. */
async function edit(file: string, from: string, to: string, marker: string): Promise<number> {
  const path = join(workspace, 'coc-scripts', file);
  const text = (await readFile(path, 'utf8')).replace(from, to);
  await writeFile(path, text);
  return text.split('\n').findIndex((line) => line.includes(marker)) + 1;
}

let broken: { inlineIf: number; fileQuote: number; python: number };

beforeEach(async () => {
  github = await startGitHubFake();
  workspace = await mkdtemp(join(tmpdir(), 'coc-check-'));
  await cp(EXAMPLES, join(workspace, 'coc-scripts'), { recursive: true });
  broken = {
    // Inline `content: |` (YAML line, indentation 2): the closing `fi` is gone.
    inlineIf: await edit('restart_service.yaml', '> /dev/null; fi', '> /dev/null', 'if [ -n'),
    // content_file: a quote that is never closed.
    fileQuote: await edit('backup_db.sh', 'echo "backup written', "echo 'backup written", "echo 'backup"),
    // Inline PYTHON: an unclosed bracket.
    python: await edit('rotate_logs.yaml', 'cutoff = time.time()', 'cutoff = max(time.time()', 'cutoff ='),
  };
  // A script ShellCheck warns about (SC2164: cd without || exit), syntactically fine.
  await writeFile(
    join(workspace, 'coc-scripts', 'deploy_app.yaml'),
    'name: deploy_app\ntype: SHELL\ndescription: d\nrisk_level: LOW\nversion: 1.0.0\ncontent: |\n  #!/bin/bash\n  cd /opt/app\n  ./deploy.sh\n',
  );
});
afterEach(() => github.close());

function expectSyntaxAnnotations(stdout: string): void {
  expect(stdout).toContain(
    `::error file=coc-scripts/restart_service.yaml,line=${broken.inlineIf},col=3::bash syntax error in script restart_service: \`if\` statement must end with \`fi\``,
  );
  expect(stdout).toContain(
    `::error file=coc-scripts/backup_db.sh,line=${broken.fileQuote},col=6::bash syntax error in script backup_db: reached EOF without closing quote`,
  );
  expect(stdout).toContain(
    `::error file=coc-scripts/rotate_logs.yaml,line=${broken.python},col=15::Python syntax error in script rotate_logs: '(' was never closed`,
  );
}

describe('a pull request that breaks a script', () => {
  it('fails validate with an annotation on each broken line', async () => {
    const run = await runActionProcess({ mode: 'validate', path: 'coc-scripts' }, { cwd: workspace });
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation');
    expectSyntaxAnnotations(run.stdout);
    expect(run.summary).toContain(`<code>coc-scripts/backup_db.sh:${broken.fileQuote}:6</code>`);
    // BAT is not checked, and the run says so once.
    expect(run.stdout.match(/BAT scripts are not checked/gu)).toHaveLength(1);
  });

  it('fails plan on the pull request: nothing is sent to COC; ShellCheck warnings in summary and comment', async () => {
    const eventPath = join(workspace, 'event.json');
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 14 } }));
    const run = await runActionProcess(
      {
        mode: 'plan',
        path: 'coc-scripts',
        endpoint: emulator.current.url,
        'auth-token': EMULATOR_TOKEN,
        'github-token': 'ghs_fake-installation-token',
        'check-content': 'shellcheck',
      },
      {
        cwd: workspace,
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'acme/ops-scripts',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_SHA: 'c0ffee',
          GITHUB_RUN_ID: '14',
        },
      },
    );
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs['failure-reason']).toBe('validation');
    expectSyntaxAnnotations(run.stdout);
    const lint = 'ShellCheck SC2164 (warning) in script deploy_app';
    expect(run.stdout).toContain(`::warning file=coc-scripts/deploy_app.yaml,line=8,col=3::${lint}`);
    expect(run.summary).toContain(lint);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain(lint);
    expect(github.comments[0]?.body).toContain('bash syntax error in script restart_service');
    expect(emulator.current.requests()).toHaveLength(0);
  });
});
