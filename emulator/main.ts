/**
 * `npm run emulator -- --port 18080`: starts the emulator in the foreground, prints its URL and
 * the default credentials, and stops cleanly on SIGINT / SIGTERM.
 */
import { emulatorHelp, optionsFromArgs, USAGE, wantsHelp } from './args.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_IDP,
  DEFAULT_SECRET_KEY,
  DEFAULT_TOKEN,
  DEFAULT_USER,
} from './defaults.js';
import { startEmulator } from './server.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (wantsHelp(args)) {
    process.stdout.write(emulatorHelp());
    return;
  }
  const options = await optionsFromArgs(args);
  const emulator = await startEmulator(options);
  const lines = [
    `COC emulator listening on ${emulator.url}`,
    `  X-Auth-Token:      ${DEFAULT_TOKEN}`,
    `  AK / SK:           ${DEFAULT_ACCESS_KEY} / ${DEFAULT_SECRET_KEY}`,
    `  IAM user:          ${DEFAULT_USER.name} / ${DEFAULT_USER.password} (domain ${DEFAULT_USER.domain})`,
    `  OIDC idp:          ${DEFAULT_IDP.id} (audience ${DEFAULT_IDP.audience})`,
    `  control:           ${emulator.url}/_emulator/state`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (signal: string): void => {
    process.stdout.write(`${signal}: stopping the emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
