/**
 * Secret-leak search for the canary test: every place a run can write text is a channel, and a
 * canary found in any channel is reported with its surroundings, so the finding is actionable.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One canary seen where it must not be. */
export interface Leak {
  readonly canary: string;
  readonly channel: string;
  readonly context: string;
}

/** Where each canary occurs among `channels` (name → text). */
export function findLeaks(
  channels: Readonly<Record<string, string>>,
  canaries: Readonly<Record<string, string>>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const [channel, text] of Object.entries(channels)) {
    for (const [canary, value] of Object.entries(canaries)) {
      const at = text.indexOf(value);
      if (at < 0) continue;
      leaks.push({ canary, channel, context: text.slice(Math.max(0, at - 120), at + value.length + 60) });
    }
  }
  return leaks;
}

/**
 * stdout without the `::add-mask::VALUE` commands: those are how a secret is handed to the
 * runner to be masked (core.setSecret) and are consumed, never shown. Everything else counts,
 * including `::debug::` lines (shown when ACTIONS_STEP_DEBUG is on).
 */
export function stdoutWithoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** The values registered with `::add-mask::`. */
export function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

/** Every file under `dir` (recursively) as channel `label/relative-path` → text. */
export async function filesUnder(dir: string, label: string): Promise<Record<string, string>> {
  const channels: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    channels[`${label}/${path.slice(dir.length + 1)}`] = await readFile(path, 'utf8');
  }
  return channels;
}

/** A leak list as one readable failure message. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks
    .map((leak) => `${leak.canary} leaked into ${leak.channel}: …${JSON.stringify(leak.context)}…`)
    .join('\n');
}
