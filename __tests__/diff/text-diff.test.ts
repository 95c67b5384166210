import { parsePatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { renderContentDiff } from '../../src/diff/text-diff.js';

describe('renderContentDiff', () => {
  it('is undefined when only line endings differ', () => {
    expect(renderContentDiff('x\r\ny\r\n', 'x\ny\n')).toBeUndefined();
  });

  it('is a unified diff from remote to desired', () => {
    const diff = renderContentDiff('echo 1\necho 2\n', 'echo 1\necho 3\n') ?? '';
    expect(diff).toContain('--- remote');
    expect(diff).toContain('+++ desired');
    expect(diff).toContain('-echo 2');
    expect(diff).toContain('+echo 3');
    expect(diff).not.toContain('Index:');
    const [patch] = parsePatch(diff);
    expect(patch?.hunks).toHaveLength(1);
  });

  it('diffs a create against nothing', () => {
    const diff = renderContentDiff(undefined, 'line 1\nline 2\n') ?? '';
    expect(diff).toContain('--- /dev/null');
    expect(diff).toContain('+line 1\n+line 2');
  });

  it('keeps its header lines readable for non-ASCII script content', () => {
    const diff = renderContentDiff('echo 旧\n', 'echo 新\n') ?? '';
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- remote', '+++ desired']);
    expect(diff).toContain('+echo 新');
  });

  it('shows changes inside CRLF content without \\r noise', () => {
    const diff = renderContentDiff('a\r\nb\r\n', 'a\r\nc\r\n') ?? '';
    expect(diff).toContain('-b\n+c');
    expect(diff).not.toContain('\r');
  });
});
