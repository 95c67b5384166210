/**
 * External checkers started ahead of their input (check/tool.ts): python3 is started before the
 * definitions are loaded, so the time bound counts from the input, a process nobody needs is
 * killed, and `sent` says when a large input has left this process (a pipe takes 64 KB at once).
 */
import { describe, expect, it } from 'vitest';
import { runTool, startTool } from '../../src/check/tool.js';

const PATH = process.env['PATH'];
const options = { path: PATH, timeoutMs: 2_000, maxOutputBytes: 1024 * 1024 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkers started ahead of their input', () => {
  it('counts the time bound from the input, not from the start', async () => {
    const tool = startTool('cat', [], { ...options, timeoutMs: 300 });
    await sleep(600);
    expect(await tool.run('waited longer than the bound\n').done).toEqual({
      kind: 'ran',
      code: 0,
      stdout: 'waited longer than the bound\n',
      stderr: '',
    });
  });

  it('still ends a tool that takes too long once it has its input', async () => {
    const run = startTool('sleep', ['5'], { ...options, timeoutMs: 200 }).run('');
    expect(await run.done).toEqual({ kind: 'failed', message: 'sleep did not finish within 0.2 s' });
  });

  it('kills a tool that is not needed after all, and a later run says so', async () => {
    const tool = startTool('cat', [], options);
    tool.discard();
    expect(await tool.run('never read').done).toEqual({
      kind: 'failed',
      message: 'cat was killed (SIGKILL)',
    });
  });

  it('says when a large input has been taken, before the tool has finished', async () => {
    // 1 MB through a pipe of 64 KB: `sent` waits for the tool to read it all; `sh` then sleeps.
    const input = 'x'.repeat(1024 * 1024);
    const running = startTool('sh', ['-c', 'wc -c; sleep 0.5'], options).run(input);
    let done = false;
    void running.done.then(() => (done = true));
    await running.sent;
    expect(done).toBe(false);
    expect(await running.done).toMatchObject({ kind: 'ran', code: 0, stdout: `${input.length}\n` });
  });

  it('reports a missing command as missing, started early or not', async () => {
    const early = startTool('no-such-checker-here', [], options);
    await sleep(50);
    const running = early.run('input');
    await running.sent;
    expect(await running.done).toEqual({ kind: 'missing' });
    expect(await runTool('no-such-checker-here', [], options)).toEqual({ kind: 'missing' });
  });
});
