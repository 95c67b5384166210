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

/**
 * The spellings a value takes once re-encoded: raw, JSON-escaped, URL-encoded, and the part of
 * its base64 that does not depend on what precedes it (at each of the three byte offsets).
 * Computed here on purpose, not with the scrubber's own list.
 */
export function encodedForms(value: string): string[] {
  const base64 = [0, 1, 2].flatMap((shift) => {
    const bytes = Buffer.concat([Buffer.alloc(shift), Buffer.from(value)]);
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + Buffer.byteLength(value))) / 6);
    return [bytes.toString('base64').slice(first, last), bytes.toString('base64url').slice(first, last)];
  });
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), ...base64])];
}

/** Where each canary occurs, in any of its encoded forms, among `channels` (name → text). */
export function findLeaks(
  channels: Readonly<Record<string, string>>,
  canaries: Readonly<Record<string, string>>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const [channel, text] of Object.entries(channels)) {
    for (const [canary, value] of Object.entries(canaries)) {
      for (const form of encodedForms(value)) {
        const at = text.indexOf(form);
        if (at < 0) continue;
        leaks.push({ canary, channel, context: text.slice(Math.max(0, at - 120), at + form.length + 60) });
        break;
      }
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
