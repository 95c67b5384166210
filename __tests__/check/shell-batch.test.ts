/**
 * Batched parsing must give every script the verdict it gets alone: pairs of scripts that are
 * broken on their own but parse when joined (the second closes what the first left open) must
 * still be reported, with the position the script alone gives (each pair is also checked to
 * contain at least one script that is broken on its own).
 */
import { describe, expect, it } from 'vitest';
import { findShellSyntaxError } from '../../src/check/shell.js';
import { findShellSyntaxErrors } from '../../src/check/shell-batch.js';

const fine = ['#!/bin/bash\necho one\n', 'cat <<EOF\nbody\nEOF\n', 'f() { echo "$1"; }\nf x'];

describe('batched shell parsing', () => {
  it.each([
    { name: 'if closed by the next script', open: 'if true; then\n  echo a\n', close: 'fi\necho b\n' },
    { name: 'quote closed by the next script', open: "echo 'a\n", close: "b'\n" },
    { name: 'here-document ended by the next script', open: 'cat <<EOF\nbody\n', close: 'EOF\necho b\n' },
    // Alone, a trailing backslash is no error; joined, it would swallow the next script's first line.
    { name: 'backslash continued into the next script', open: 'echo a \\', close: 'fi\n' },
    { name: 'function body closed by the next script', open: 'f() {\n  echo a\n', close: '}\n' },
    { name: 'case closed by the next script', open: 'case $1 in\n  a) echo a ;;\n', close: 'esac\n' },
  ])('$name: each keeps its own verdict', async ({ open, close }) => {
    const texts = [...fine, open, close, ...fine];
    const batched = await findShellSyntaxErrors(texts, 'bash');
    const alone = await Promise.all(texts.map((text) => findShellSyntaxError(text, 'bash')));
    expect(batched).toEqual(alone);
    expect(batched.some((result) => result !== undefined)).toBe(true);
  });

  it('passes valid scripts in one call and still finds an error among many', async () => {
    const texts = Array.from({ length: 40 }, (_, index) => `echo ${index}\n`);
    expect(await findShellSyntaxErrors(texts, 'bash')).toEqual(texts.map(() => undefined));
    texts[17] = 'echo "unterminated\n';
    const results = await findShellSyntaxErrors(texts, 'bash');
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(results[17]).toEqual({ message: 'reached EOF without closing quote `"`', index: 5 });
  });
});
