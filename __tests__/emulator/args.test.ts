import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorHelp, FLAG_HELP, optionsFromArgs, wantsHelp } from '../../emulator/args.js';

describe('optionsFromArgs', () => {
  it('maps every flag onto the emulator options', async () => {
    const options = await optionsFromArgs([
      '--port=18080',
      '--host',
      '0.0.0.0',
      '--latency-ms',
      '25',
      '--error-503-rate',
      '0.1',
      '--error-429-rate',
      '0.2',
      '--retry-after',
      '3',
      '--drop-before-rate',
      '0.3',
      '--drop-after-rate',
      '0.4',
      '--rps',
      '50',
      '--fault-seed',
      '9',
      '--throttle-next',
      '4',
      '--omit-protocol',
      '--omit-write-data',
      '--fail-read-uuid',
      'SC1',
      '--fail-read-uuid=SC2',
      '--list-body-bytes',
      '1000000',
      '--list-paging',
      'endless',
      '--error-body-on-200',
      'list',
      '--error-body-on-200=get',
    ]);
    expect(options).toEqual({
      port: 18080,
      host: '0.0.0.0',
      omitProtocol: true,
      faults: {
        latencyMs: 25,
        error503Rate: 0.1,
        error429Rate: 0.2,
        retryAfterSeconds: 3,
        dropBeforeRate: 0.3,
        dropAfterRate: 0.4,
        requestsPerSecond: 50,
        seed: 9,
        throttleNext: 4,
        omitWriteData: true,
        failReadUuids: ['SC1', 'SC2'],
        listBodyBytes: 1_000_000,
        listPaging: 'endless',
        errorBodyOn200: ['list', 'get'],
      },
    });
  });

  it('reads seeds from --seed-file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
    const file = join(dir, 'seed.json');
    const seeds = [
      {
        name: 'a',
        type: 'SHELL',
        description: 'd',
        content: 'c',
        properties: { risk_level: 'LOW', version: '1.0.0' },
      },
    ];
    await writeFile(file, JSON.stringify(seeds));
    expect((await optionsFromArgs(['--seed-file', file])).seed).toEqual(seeds);
  });

  it.each([
    { name: 'a non-numeric port', args: ['--port', 'abc'], message: /--port needs a number/ },
    { name: 'an empty rate', args: ['--rps', ''], message: /--rps needs a number/ },
    { name: 'an unknown flag', args: ['--verbose'], message: /verbose/ },
  ])('rejects $name', async ({ args, message }) => {
    await expect(optionsFromArgs(args)).rejects.toThrow(message);
  });
});

describe('emulator --help', () => {
  it('documents exactly the flags the parser takes', async () => {
    for (const { flag, value } of FLAG_HELP) {
      expect(emulatorHelp()).toContain(`--${flag}`);
      if (flag === 'help') continue;
      const args =
        value === undefined ? [`--${flag}`] : [`--${flag}`, flag === 'seed-file' ? '/nonexistent' : '1'];
      // Every documented flag is known to the parser (a missing seed file fails later, on reading).
      const parsed = optionsFromArgs(args);
      await (flag === 'seed-file'
        ? expect(parsed).rejects.toThrow(/ENOENT/)
        : expect(parsed).resolves.toBeDefined());
    }
    await expect(optionsFromArgs(['--undocumented'])).rejects.toThrow(/Unknown option/);
  });

  it.each([
    { args: ['--help'], help: true },
    { args: ['--port', '1', '-h'], help: true },
    { args: ['--port', '1'], help: false },
  ])('wantsHelp($args) is $help', ({ args, help }) => {
    expect(wantsHelp(args)).toBe(help);
  });
});
