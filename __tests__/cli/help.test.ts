import { describe, expect, it } from 'vitest';
import { COMMANDS, flagsFor } from '../../src/cli/flags.js';
import { commandHelp, generalHelp } from '../../src/cli/help.js';

describe('commandHelp', () => {
  it.each(COMMANDS.map((command) => ({ command })))('lists every flag of $command', ({ command }) => {
    const text = commandHelp(command);
    for (const flag of flagsFor(command)) expect(text).toContain(`--${flag.name}`);
    expect(text).toContain('Exit codes:');
    expect(text).toContain(`coc-script-sync ${command}`);
  });

  it('mentions credentials only for commands that connect', () => {
    expect(commandHelp('validate')).not.toContain('Credentials');
    expect(commandHelp('plan')).toContain('COC_SCRIPT_SYNC_AUTH_TOKEN');
  });
});

describe('generalHelp', () => {
  it('names every command', () => {
    for (const command of COMMANDS) expect(generalHelp()).toContain(`  ${command}`);
  });
});
