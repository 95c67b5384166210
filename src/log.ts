import * as core from '@actions/core';
import { EOL } from 'node:os';
import { inertLine } from './common/inert.js';
import { createSecretSet, type SecretSet } from './common/scrub.js';

/** Everything the engine may say. The action implementation writes workflow commands. */
export interface Logger {
  info(message: string): void;
  /**
   * Several info lines at once, in order, each one inert line as with `info`: the action writes
   * them in one go (a plan of 1,000 scripts logs 1,000 lines, and each write has its cost).
   */
  infoLines(messages: readonly string[]): void;
  debug(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /**
   * Registers a secret: it is masked by the runner (core.setSecret in the action) and scrubbed
   * by `secrets` from every later log line and every other output of the run.
   */
  mask(secret: string): void;
  /** The run's secrets: the one scrubber every output channel uses (common/scrub.ts). */
  readonly secrets: SecretSet;
  /** Whether debug output is enabled (ACTIONS_STEP_DEBUG / RUNNER_DEBUG). */
  isDebug(): boolean;
}

/**
 * The logger used when running as a GitHub Action. Every message is scrubbed and made one inert
 * line (no line break, no workflow command of its own), annotations and debug lines included.
 */
export function createActionsLogger(secrets: SecretSet = createSecretSet()): Logger {
  const safe = (message: string): string => inertLine(secrets.scrub(message));
  // Read once: the transport asks twice per request, and the runner sets it before the step starts.
  const debug = core.isDebug();
  return {
    info: (message) => core.info(safe(message)),
    // core.info writes its text and a line end: lines joined by line ends are the same output.
    infoLines: (messages) => {
      if (messages.length > 0) core.info(messages.map(safe).join(EOL));
    },
    debug: (message) => core.debug(safe(message)),
    notice: (message) => core.notice(safe(message)),
    warning: (message) => core.warning(safe(message)),
    error: (message) => core.error(safe(message)),
    mask: (secret) => {
      if (secret.length === 0) return;
      secrets.add(secret);
      core.setSecret(secret);
    },
    secrets,
    isDebug: () => debug,
  };
}

/** A logger that remembers what it was told; used by tests and as a null logger. */
export interface RecordingLogger extends Logger {
  readonly lines: { readonly level: string; readonly message: string }[];
}

/** Creates a logger that records lines in memory (scrubbed, like every channel) and prints nothing. */
export function createSilentLogger(debug = false): RecordingLogger {
  const lines: { level: string; message: string }[] = [];
  const secrets = createSecretSet();
  const record = (level: string) => (message: string) => {
    lines.push({ level, message: secrets.scrub(message) });
  };
  const info = record('info');
  return {
    lines,
    secrets,
    info,
    infoLines: (messages) => messages.forEach((message) => info(message)),
    debug: record('debug'),
    notice: record('notice'),
    warning: record('warning'),
    error: record('error'),
    mask: (secret) => secrets.add(secret),
    isDebug: () => debug,
  };
}
