/** Runs the CLI in-process with captured streams, and writes definition folders for it. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CliIo, InputStream } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Emulator, SeedScript } from '../../emulator/server.js';
import { EMULATOR_TOKEN } from '../support/emulator.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Pretend both streams are terminals (colour, progress line). */
  readonly tty?: boolean;
  readonly cwd: string;
  /** A stdin; none means the CLI has no terminal to ask on. */
  readonly stdin?: InputStream;
  /** Replaces the COC client factory (e.g. to make one call fail). */
  readonly connect?: CliIo['connect'];
  /** What src/cli.ts makes of Ctrl-C and SIGTERM. */
  readonly cancellation?: CliIo['cancellation'];
}

/** A terminal stdin that answers each question with the next of `answers` (then end of input). */
export function answering(...answers: (string | (() => string))[]): InputStream & { asked: number } {
  const stdin = {
    isTTY: true,
    asked: 0,
    readLine: () => {
      const next = answers[stdin.asked];
      stdin.asked += 1;
      return Promise.resolve(typeof next === 'function' ? next() : next);
    },
  };
  return stdin;
}

/** Calls main() with fake streams and returns what it printed and its exit code. */
export async function runCli(argv: readonly string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty === true;
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: tty },
    env: options.env ?? {},
    cwd: options.cwd,
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.connect ? { connect: options.connect } : {}),
    ...(options.cancellation ? { cancellation: options.cancellation } : {}),
  });
  return { code, stdout, stderr };
}

/** Flags that point the CLI at an emulator. */
export function emulatorFlags(emulator: Emulator): string[] {
  return ['--endpoint', emulator.url, '--iam-endpoint', emulator.url, '--project-id', 'p0123'];
}

/** The credential environment the CLI documents: the token in COC_SCRIPT_SYNC_AUTH_TOKEN. */
export const TOKEN_ENV = { COC_SCRIPT_SYNC_AUTH_TOKEN: EMULATOR_TOKEN };

/** A fresh temporary working directory per test. */
export function useWorkDir(): { readonly current: string } {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'coc-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get current(): string {
      return dir;
    },
  };
}

/** Writes files (relative path -> text) under `root`. */
export async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(root, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** A minimal valid definition. */
export function definitionYaml(name: string, description = 'does things', extra = ''): string {
  return [
    `name: ${name}`,
    'type: SHELL',
    `description: ${description}`,
    'content: |',
    '  echo hello',
    'risk_level: LOW',
    'version: 1.0.0',
    extra,
  ].join('\n');
}

/** A remote script equal to definitionYaml(name). */
export function seedFor(name: string, description = 'does things'): SeedScript {
  return {
    name,
    type: 'SHELL',
    description,
    content: 'echo hello\n',
    properties: { risk_level: 'LOW', version: '1.0.0' },
  };
}
