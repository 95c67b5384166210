import * as core from '@actions/core';

/** Everything the engine may say. The action implementation writes workflow commands. */
export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Registers a secret: it is masked in every later log line (core.setSecret in the action). */
  mask(secret: string): void;
  /** Whether debug output is enabled (ACTIONS_STEP_DEBUG / RUNNER_DEBUG). */
  isDebug(): boolean;
}

/** The logger used when running as a GitHub Action. */
export function createActionsLogger(): Logger {
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    notice: (message) => core.notice(message),
    warning: (message) => core.warning(message),
    error: (message) => core.error(message),
    mask: (secret) => {
      if (secret.length > 0) core.setSecret(secret);
    },
    isDebug: () => core.isDebug(),
  };
}

/** A logger that remembers what it was told; used by tests and as a null logger. */
export interface RecordingLogger extends Logger {
  readonly lines: { readonly level: string; readonly message: string }[];
  readonly secrets: string[];
}

/** Creates a logger that records lines in memory and prints nothing. */
export function createSilentLogger(debug = false): RecordingLogger {
  const lines: { level: string; message: string }[] = [];
  const secrets: string[] = [];
  const record = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return {
    lines,
    secrets,
    info: record('info'),
    debug: record('debug'),
    notice: record('notice'),
    warning: record('warning'),
    error: record('error'),
    mask: (secret) => {
      secrets.push(secret);
    },
    isDebug: () => debug,
  };
}
