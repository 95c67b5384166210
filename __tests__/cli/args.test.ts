import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { splitList } from '../../src/config/config.js';

describe('parseArgs', () => {
  it.each([
    {
      name: 'string flag with a separate value',
      argv: ['plan', '--region', 'cn-north-4'],
      strings: { region: 'cn-north-4' },
      booleans: {},
    },
    {
      name: 'string flag with =',
      argv: ['plan', '--max-deletes=3'],
      strings: { 'max-deletes': '3' },
      booleans: {},
    },
    {
      name: 'bare boolean',
      argv: ['plan', '--fail-on-drift'],
      strings: {},
      booleans: { 'fail-on-drift': true },
    },
    {
      name: 'boolean =false',
      argv: ['plan', '--fail-on-drift=false'],
      strings: {},
      booleans: { 'fail-on-drift': false },
    },
    {
      name: 'global flags',
      argv: ['validate', '--json', '--no-color'],
      strings: {},
      booleans: { json: true, 'no-color': true },
    },
    { name: '-h is help', argv: ['apply', '-h'], strings: {}, booleans: { help: true } },
    {
      name: 'last string wins',
      argv: ['validate', '--path', 'a', '--path=b'],
      strings: { path: 'b' },
      booleans: {},
    },
  ])('$name', ({ argv, strings, booleans }) => {
    const parsed = parseArgs(argv);
    expect(parsed.command).toBe(argv[0]);
    expect(parsed.strings).toEqual(strings);
    expect(parsed.booleans).toEqual(booleans);
  });

  it('collects list flags from repeats and comma lists', () => {
    const parsed = parseArgs(['export', '--uuid', 'A,B', '--uuid=C', '--name-glob', 'x_*']);
    expect(parsed.lists).toEqual({ uuid: ['A', 'B', 'C'], 'name-glob': ['x_*'] });
    expect(parseArgs(['plan', '--prune', ' p1 ,p2', '--prune', 'p3']).lists).toEqual({
      prune: ['p1', 'p2', 'p3'],
    });
  });

  it.each([
    { name: 'no arguments', argv: [], help: false },
    { name: 'top-level --help', argv: ['--help'], help: true },
    { name: 'top-level -h', argv: ['-h'], help: true },
  ])('has no command for $name', ({ argv, help }) => {
    const parsed = parseArgs(argv);
    expect(parsed.command).toBeUndefined();
    expect(parsed.booleans.help === true).toBe(help);
  });

  it.each([
    {
      name: 'unknown flag with a close match',
      argv: ['plan', '--regoin', 'x'],
      message: /unknown flag --regoin\. Did you mean --region\?/,
    },
    { name: 'unknown flag by prefix', argv: ['plan', '--max', '3'], message: /Did you mean --max-deletes\?/ },
    {
      name: 'unknown flag without a match',
      argv: ['plan', '--zzzzzz'],
      message: /^unknown flag --zzzzzz\.$/,
    },
    {
      name: 'flag of another command',
      argv: ['validate', '--region', 'x'],
      message: /^validate does not take --region \(a flag of plan, apply, export\)$/,
    },
    { name: 'unknown command', argv: ['paln'], message: /unknown command "paln"\. Did you mean plan\?/ },
    { name: 'flag before the command', argv: ['--json', 'plan'], message: /expected a command/ },
    { name: 'missing value', argv: ['plan', '--region'], message: /--region needs a value/ },
    { name: 'value that is a flag', argv: ['plan', '--region', '--json'], message: /--region needs a value/ },
    { name: 'bad boolean', argv: ['plan', '--fail-on-drift=maybe'], message: /expected true or false/ },
    { name: 'stray positional', argv: ['plan', 'extra'], message: /unexpected argument "extra"/ },
    {
      name: 'runner-only --mode',
      argv: ['plan', '--mode', 'apply'],
      message: /--mode is not a CLI flag: the command/,
    },
    {
      name: 'runner-only --github-token',
      argv: ['apply', '--github-token', 't'],
      message: /GitHub Action only/,
    },
  ])('rejects $name', ({ argv, message }) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('splitList', () => {
  it.each([
    { name: 'commas', value: 'a,b', expected: ['a', 'b'] },
    { name: 'newlines and blanks', value: 'a\n\n b \n', expected: ['a', 'b'] },
    { name: 'empty', value: '', expected: [] },
    {
      name: 'braces keep their commas',
      value: '{ops,tmp}_*, x_{a,b}\n!ops_keep',
      expected: ['{ops,tmp}_*', 'x_{a,b}', '!ops_keep'],
    },
    { name: 'an unclosed brace ends at the line', value: 'a{b,c\nd,e', expected: ['a{b,c', 'd', 'e'] },
  ])('$name', ({ value, expected }) => {
    expect(splitList(value)).toEqual(expected);
  });
});
