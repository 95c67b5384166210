/**
 * The content check over real fixture folders: the bundled shell parser, the python3 on PATH and
 * ShellCheck (installed from the Debian package; .ci/run installs it when missing). Each broken
 * fixture states where its error must point: `# expect: [file:]line:column message`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentCheck } from '../../src/check/check.js';
import { checkContent } from '../../src/check/check.js';
import type { CheckContent } from '../../src/config/config.js';
import type { Diagnostic } from '../../src/errors.js';
import type { PresentDefinition } from '../../src/model.js';
import { compileShellParser } from '../../src/check/shell-wasm.js';
import { findShellSyntaxError, shellDialect } from '../../src/check/shell.js';
import { positionAt } from '../../src/check/text-position.js';
import { loadDefinitions } from '../../src/load/load.js';
import { REPO_ROOT } from '../load/fixtures.js';

const BROKEN = '__tests__/fixtures/content/broken';
const VALID = '__tests__/fixtures/content/valid';
const PATH = process.env['PATH'];

async function check(folder: string, level: CheckContent, path = PATH): Promise<ContentCheck> {
  const loaded = await loadDefinitions(folder, {}, REPO_ROOT);
  // The fixtures are valid definitions: only the content check may find problems in them.
  expect(loaded.diagnostics).toEqual([]);
  return checkContent(loaded.definitions, { level, path, tempDir: tmpdir() });
}

const where = (d: Diagnostic): string => `${d.location?.file}:${d.location?.line}:${d.location?.column}`;

interface Expectation {
  readonly fixture: string;
  readonly where: string;
  readonly message: string;
}

const expectations: Expectation[] = readdirSync(join(REPO_ROOT, BROKEN))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((fixture) => {
    const text = readFileSync(join(REPO_ROOT, BROKEN, fixture), 'utf8');
    const [, file, line = '', message = ''] = /^# expect: (?:(\S+):)?(\d+:\d+) (.+?)\r?$/mu.exec(text) ?? [];
    return { fixture, where: `${BROKEN}/${file ?? fixture}:${line}`, message };
  });

describe('syntax errors', async () => {
  const result = await check(BROKEN, 'syntax');

  it('covers shell and python, in content_file and inline form', () => {
    const names = expectations.map((e) => e.fixture);
    for (const prefix of ['file_', 'inline_']) {
      expect(names.filter((n) => n.startsWith(prefix)).length).toBeGreaterThanOrEqual(5);
    }
    expect(result.diagnostics).toHaveLength(expectations.length);
  });

  it.each(expectations)('$fixture points at $where', ({ where: expected, message }) => {
    const found = result.diagnostics.filter((d) => where(d) === expected);
    expect(found, `diagnostics: ${result.diagnostics.map(where).join(', ')}`).toHaveLength(1);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain(message);
  });

  it('quotes the broken line as a short, single-line excerpt', () => {
    const unclosed = result.diagnostics.find((d) => d.message.includes('file_unclosed_if'));
    expect(unclosed?.message).toBe(
      'bash syntax error in script file_unclosed_if: `if` statement must end with `fi` — line: if [ -f /tmp/flag ]; then',
    );
    for (const d of result.diagnostics) expect(d.message).not.toMatch(/[\r\n]/u);
  });

  it('makes a hostile broken line inert: control characters escaped, quoted short', async () => {
    const definition: PresentDefinition = {
      file: 'x.yaml',
      location: { file: 'x.yaml', line: 1, column: 7 },
      name: 'hostile',
      state: 'present',
      type: 'SHELL',
      description: 'd',
      content: `echo "\u001b[2J\u001b]0;owned\u0007 ${'x'.repeat(80)}\n`,
      riskLevel: 'LOW',
      version: '1.0.0',
      params: [],
    };
    const found = await checkContent([definition], { level: 'syntax', path: PATH, tempDir: tmpdir() });
    const message = found.diagnostics[0]?.message ?? '';
    expect(message).toContain('reached EOF without closing quote');
    expect(message).toContain('\\u001b[2J');
    // eslint-disable-next-line no-control-regex -- no raw control character may remain
    expect(message).not.toMatch(/[\u0000-\u001f]/u);
    expect(message.endsWith('…')).toBe(true);
  });

  it('reports nothing at all with check-content: off', async () => {
    expect(await check(BROKEN, 'off')).toEqual({ diagnostics: [], notes: [] });
  });
});

describe('valid scripts', async () => {
  const result = await check(VALID, 'syntax');

  it('pass: heredocs, case, non-ASCII text, POSIX sh, Python 3.10 match and a BOM, a CRLF BAT file', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('warns about a SHELL script with CRLF line endings, at the first CR', () => {
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map(where)).toEqual([`${VALID}/scripts/deploy_crlf.sh:1:12`]);
    expect(warnings[0]?.message).toContain('CRLF (Windows) line endings');
  });

  it('says once that BAT is not checked', () => {
    expect(result.notes).toEqual([
      'BAT scripts are not checked (1 in this folder); SHELL and PYTHON scripts are.',
    ]);
  });
});

describe('ShellCheck', () => {
  it('adds real ShellCheck warnings at the YAML line, never errors', async () => {
    const result = await check(VALID, 'shellcheck');
    const lint = result.diagnostics.filter((d) => d.message.startsWith('ShellCheck'));
    expect(lint.map((d) => `${where(d)} ${d.message.split(':')[0]}`)).toEqual([
      `${VALID}/lint_me.yaml:8:3 ShellCheck SC2164 (warning) in script lint_me`,
      `${VALID}/lint_me.yaml:9:18 ShellCheck SC2154 (warning) in script lint_me`,
    ]);
    expect(result.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
  });

  it('does not repeat a syntax error as a ShellCheck finding', async () => {
    const result = await check(BROKEN, 'shellcheck');
    expect(result.diagnostics.filter((d) => d.message.startsWith('ShellCheck'))).toEqual([]);
  });
});

describe('tools missing from PATH', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'coc-no-tools-'));
  const result = await check(BROKEN, 'shellcheck', empty);

  it('still finds the shell syntax errors: the parser is bundled', () => {
    expect(result.diagnostics.filter((d) => d.message.includes('bash syntax error')).length).toBeGreaterThan(
      0,
    );
    expect(result.diagnostics.some((d) => d.message.includes('Python'))).toBe(false);
  });

  it('names the PYTHON files that were not checked, and says ShellCheck did not run', () => {
    expect(result.notes).toEqual([
      `PYTHON syntax not checked (python3 is not on PATH): ${[
        'scripts/bad_indent.py',
        'scripts/bom_unclosed.py',
        'scripts/unclosed_bracket.py',
        'inline_bad_indent.yaml',
        'inline_unclosed_bracket.yaml',
      ]
        .map((file) => `${BROKEN}/${file}`)
        .join(', ')}.`,
      'ShellCheck did not run (shellcheck is not on PATH); only the syntax was checked.',
    ]);
  });
});

describe('shell dialect', () => {
  it.each([
    { name: 'no #! line', content: 'echo hi\n', expected: { dialect: 'bash' } },
    { name: 'bash', content: '#!/bin/bash -e\n', expected: { dialect: 'bash' } },
    { name: 'env with -S', content: '#!/usr/bin/env -S bash -e\n', expected: { dialect: 'bash' } },
    { name: '/bin/sh', content: '#!/bin/sh\n', expected: { dialect: 'sh' } },
    { name: 'env dash', content: '#! /usr/bin/env dash\r\n', expected: { dialect: 'sh' } },
    { name: 'mksh', content: '#!/bin/mksh\n', expected: { dialect: 'mksh' } },
    { name: 'zsh (not parsed)', content: '#!/usr/bin/zsh\n', expected: { interpreter: 'zsh' } },
  ])('$name', ({ content, expected }) => {
    expect(shellDialect(content)).toEqual(expected);
  });

  it('parses #!/bin/sh as POSIX: a bash array is an error there, at its byte-exact place', async () => {
    const text = '#!/bin/sh\necho "é"; a=(1 2)\n';
    expect(
      await findShellSyntaxError(
        text.replace('#!/bin/sh', '#!/bin/bash'),
        'bash',
        await compileShellParser(),
      ),
    ).toBeUndefined();
    const error = await findShellSyntaxError(text, 'sh', await compileShellParser());
    expect(error?.message).toContain('arrays are a bash');
    expect(positionAt(text, error?.index ?? -1)).toEqual({ line: 2, column: 13 });
  });
});
