/**
 * Attacks through the files of a pull request, through dist/index.js as the runner runs it:
 * symbolic links out of `path` (to /proc/self/environ), dangling links and FIFOs named `*.yaml`,
 * a huge file, 80,000 keys, deep nesting, a credential variable in `value_from_env`, a `path`
 * outside the workspace and an `http://` endpoint that is not loopback. Each is a clear error
 * naming the file or input; nothing is read without bound and nothing is sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runActionProcess } from '../support/runner.js';

const GITHUB_TOKEN = 'ghs_EnvironCanary0123456789';
let workspace = '';

const good =
  'name: good\ntype: SHELL\ndescription: ok\ncontent: |\n  echo ok\nrisk_level: LOW\nversion: 1.0.0\n';

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'coc-files-'));
  const dir = join(workspace, 'coc-scripts');
  await mkdir(dir);
  await writeFile(join(dir, 'good.yaml'), good);
  await symlink('/proc/self/environ', join(dir, 'leak.yaml'));
  await symlink('/proc/self/pagemap', join(dir, 'pagemap.yaml'));
  await symlink(join(dir, 'missing-target.yaml'), join(dir, 'dangling.yaml'));
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  await writeFile(join(dir, 'big.yaml'), `name: big\ndescription: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
  const keys = Array.from({ length: 80_000 }, (_, i) => `k${i}: v`).join('\n');
  await writeFile(join(dir, 'keys.yaml'), `name: keys\n${keys}\n`);
  await writeFile(join(dir, 'deep.yaml'), `name: deep\nx: ${'['.repeat(500_000)}\n`);
  await writeFile(
    join(dir, 'envcred.yaml'),
    `${good.replace('name: good', 'name: envcred')}params:\n  - name: sk\n    value_from_env: HUAWEICLOUD_SDK_SK\n    sensitive: true\n`,
  );
});

const errors = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::error'));

describe('hostile definition files', () => {
  it('every bad entry is an error naming its file; nothing is read without bound or quoted', async () => {
    const result = await runActionProcess(
      { mode: 'validate', path: 'coc-scripts' },
      { cwd: workspace, env: { GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN: 'runtime-token-canary-0042' } },
    );
    expect(result.code).toBe(1);
    expect(result.outputs['failure-reason']).toBe('validation');
    const lines = errors(result.stdout);
    const about = (file: string, text: RegExp) =>
      expect(
        lines.some((l) => l.includes(`file=coc-scripts/${file}`) && text.test(l)),
        `${file}\n${lines.join('\n')}`,
      ).toBe(true);
    about('leak.yaml', /symbolic link that leads outside/u);
    about('pagemap.yaml', /symbolic link that leads outside/u);
    about('dangling.yaml', /dangling/u);
    about('fifo.yaml', /FIFO/u);
    about('big.yaml', /larger than 1 MiB/u);
    about('keys.yaml', /more than 10,000 keys/u);
    about('deep.yaml', /line=2,.*nests deeper than 64 levels/u);
    about('envcred.yaml', /line=10,col=21::params\[0\]\.value_from_env may not name HUAWEICLOUD_SDK_SK/u);
    const everything =
      result.stdout.replace(/^::add-mask::.*$/gmu, '') +
      result.stderr +
      result.summary +
      JSON.stringify(result.outputs);
    expect(everything).not.toContain(GITHUB_TOKEN);
    expect(everything).not.toContain('runtime-token-canary-0042');
    // The /proc/self/pagemap link once used 3 GB; nothing here is read whole.
    if (result.peakRssKb !== undefined) expect(result.peakRssKb).toBeLessThan(400 * 1024);
  });

  it('`path` outside the workspace is refused', async () => {
    const result = await runActionProcess({ mode: 'validate', path: '../..' }, { cwd: workspace });
    expect(result.outputs['failure-reason']).toBe('validation');
    expect(result.stdout).toMatch(/::error::path '\.\.\/\.\.' leads outside the workspace/u);
  });

  it('a non-loopback http:// endpoint is refused unless allowed', async () => {
    const inputs = {
      mode: 'plan',
      path: 'coc-scripts',
      endpoint: 'http://10.255.255.1:9',
      'auth-token': 'tok-1234',
    };
    const refused = await runActionProcess(inputs, { cwd: workspace });
    expect(refused.outputs['failure-reason']).toBe('validation');
    expect(refused.stdout).toMatch(/Input 'endpoint' is an http:\/\/ URL of a host that is not loopback/u);
  });
});
