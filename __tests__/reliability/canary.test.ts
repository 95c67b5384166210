/**
 * Secret canaries (issue 7 item 4, issue 10): the token, SK, security token, GitHub token, OIDC
 * token and sensitive values are unique strings, and so is every IAM token the emulator issues in
 * a password or OIDC exchange (every value the action registers with `::add-mask::` is a canary
 * too). Across validate, plan, apply and their failure paths, with debug traces on, none may
 * appear — raw, JSON-escaped, URL-encoded or base64 — in stdout, stderr, the job summary, the
 * outputs, the plan file (or any file in RUNNER_TEMP), a PR comment or the drift issue. Masking
 * is not enough: no runner is here to mask, so the action itself must never print them.
 * `::add-mask::` commands are the one allowed place.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActionProcess, type ActionProcessResult } from '../support/runner.js';
import { useEmulator } from '../support/emulator.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake.js';
import {
  ACCESS_KEY,
  authEnv,
  authInputs,
  CANARY,
  canaryJwt,
  PROJECT_ID,
  SCENARIOS,
  seed,
  writeFolder,
  type Scenario,
} from './canary-cases.js';
import { describeLeaks, filesUnder, findLeaks, maskedValues, stdoutWithoutMaskCommands } from './leaks.js';

describe('secret canaries', () => {
  const emulator = useEmulator({
    tokens: [CANARY.token],
    credentials: [
      { accessKey: ACCESS_KEY, secretKey: CANARY.secretKey, securityToken: CANARY.securityToken },
    ],
    users: [
      { name: 'canary_user', password: CANARY.password, domain: 'canary_account', projectId: PROJECT_ID },
    ],
    seed: [seed('canary_app', 'api_key'), seed('canary_db', 'db_password')],
  });
  let fake: GitHubFake;
  let root: string;

  beforeAll(async () => {
    fake = await startGitHubFake();
    root = await mkdtemp(join(tmpdir(), 'coc-canary-'));
    await writeFolder(join(root, 'good'), CANARY.literalValue);
    await writeFolder(join(root, 'bad-literal'), CANARY.badLiteral);
    await writeFile(join(root, 'jwt.txt'), canaryJwt());
    await writeFile(
      join(root, 'pr-event.json'),
      JSON.stringify({ pull_request: { number: 7, head: { sha: 'a'.repeat(40) } } }),
    );
    await writeFile(
      join(root, 'push-event.json'),
      JSON.stringify({ after: 'b'.repeat(40), ref: 'refs/heads/main' }),
    );
  });
  afterAll(async () => {
    await fake.close();
    await rm(root, { recursive: true, force: true });
  });

  function githubEnv(scenario: Scenario): Record<string, string> {
    const event = scenario.event ?? (scenario.mode === 'apply' ? 'push' : 'pull_request');
    const pr = event === 'pull_request';
    return {
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: join(root, pr ? 'pr-event.json' : 'push-event.json'),
      GITHUB_API_URL: fake.url,
      GITHUB_REPOSITORY: 'octo/canary',
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_REF: pr ? 'refs/pull/7/merge' : 'refs/heads/main',
    };
  }

  async function runScenario(scenario: Scenario): Promise<ActionProcessResult> {
    scenario.setup?.(emulator.current);
    const inputs = {
      mode: scenario.mode,
      path: 'coc-scripts',
      endpoint: emulator.current.url,
      'iam-endpoint': emulator.current.url,
      'github-token': CANARY.githubToken,
      ...authInputs(scenario.auth),
      ...scenario.inputs,
    };
    const env = {
      ACTIONS_STEP_DEBUG: 'true',
      RUNNER_DEBUG: '1',
      CANARY_API_KEY: CANARY.envValue,
      ...githubEnv(scenario),
      ...authEnv(scenario.auth, root),
      ...scenario.env,
    };
    const writes = scenario.cancelAfterWrites;
    const onSpawn =
      writes === undefined
        ? undefined
        : (child: ChildProcess): void => {
            const poll = setInterval(() => {
              if (emulator.current.requests().filter((r) => r.method !== 'GET').length < writes) return;
              clearInterval(poll);
              child.kill('SIGTERM');
            }, 5);
            child.once('exit', () => clearInterval(poll));
          };
    return runActionProcess(inputs, {
      cwd: join(root, scenario.folder),
      env,
      ...(onSpawn ? { onSpawn } : {}),
    });
  }

  it.each(SCENARIOS)('$name: no canary in any output', async (scenario) => {
    const commentsBefore = fake.requests.length;
    const result = await runScenario(scenario);
    expect(scenario.reasons, `${result.stdout}\n${result.stderr}`).toContain(
      result.outputs['failure-reason'] ?? '',
    );
    const planFile = result.outputs['plan-file'];
    const githubBodies = fake.requests
      .slice(commentsBefore)
      .map((request) => JSON.stringify(request.body ?? ''));
    const channels: Record<string, string> = {
      stdout: stdoutWithoutMaskCommands(result.stdout),
      stderr: result.stderr,
      summary: result.summary,
      outputs: JSON.stringify(result.outputs),
      'github request bodies': githubBodies.join('\n'),
      'github comments': JSON.stringify([fake.comments, fake.issues]),
      ...(await filesUnder(result.tempDir, 'RUNNER_TEMP')),
    };
    if (planFile && !planFile.startsWith(result.tempDir)) channels['plan-file'] = await readText(planFile);
    await rm(result.tempDir, { recursive: true, force: true });
    // Every value handed to the runner to mask (IAM tokens issued in this run included).
    const masked = Object.fromEntries(
      maskedValues(result.stdout)
        .filter((value) => value.length >= 8)
        .map((value, index) => [`masked[${index}]`, value]),
    );
    expect(describeLeaks(findLeaks(channels, { ...CANARY, ...masked }))).toBe('');
    const known: readonly string[] = Object.values(CANARY);
    const exchange = scenario.auth === 'password' || scenario.auth === 'oidc';
    if (exchange && scenario.reasons.includes('')) {
      // The IAM token issued in this run was masked, so it was searched for too.
      expect(Object.values(masked).some((value) => !known.includes(value))).toBe(true);
    }
    if (scenario.inputs?.['drift-issue'] === 'true') expect(fake.issues.length).toBeGreaterThan(0);
    // Controls: the search does find what is printed, and debug output was really on.
    expect(findLeaks(channels, { control: 'coc-script' }).length).toBeGreaterThan(0);
    const offline = scenario.mode === 'validate' || scenario.reasons.includes('validation');
    if (!offline) expect(result.stdout).toContain('::debug::');
  });

  it('posts the sticky comment in the pull request scenario (the comment channel is exercised)', async () => {
    const scenario = SCENARIOS[1];
    if (!scenario) throw new Error('missing scenario');
    const result = await runScenario(scenario);
    await rm(result.tempDir, { recursive: true, force: true });
    expect(result.code).toBe(0);
    expect(fake.comments.some((comment) => comment.issue === 7 && comment.body.includes('canary_app'))).toBe(
      true,
    );
  });

  it.each([
    ['token', 'token' as const, [CANARY.token, CANARY.githubToken]],
    ['AK/SK', 'aksk' as const, [CANARY.secretKey, CANARY.securityToken]],
  ])('registers the %s secrets and sensitive values with ::add-mask::', async (_label, auth, secrets) => {
    const scenario: Scenario = { name: 'plan', mode: 'plan', auth, folder: 'good', reasons: [''] };
    const result = await runScenario(scenario);
    await rm(result.tempDir, { recursive: true, force: true });
    expect(maskedValues(result.stdout)).toEqual(
      expect.arrayContaining([...secrets, CANARY.envValue, CANARY.literalValue]),
    );
  });
});

function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}
