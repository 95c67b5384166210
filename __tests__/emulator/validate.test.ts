import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { charLength } from '../../emulator/validate.js';
import { call, createBody, modifyBody, NO_REVIEW, param } from './support.js';

const emulator = useEmulator();

const reviewer = (i: number) => ({ reviewer_name: `user${i}`, reviewer_id: `${i}`.padStart(32, '0') });
const params = (n: number) => Array.from({ length: n }, (_, i) => param(`p${i}`, 'v', false, i + 1));
const props = (extra: Record<string, unknown>) => ({ ...NO_REVIEW, ...extra });

/** Bodies accepted by create (and, without name/type, by modify). */
const valid = [
  { name: 'a CJK name', body: { name: '备份_db_01' } },
  { name: 'a 64-character name', body: { name: 'n'.repeat(64) } },
  { name: '64 CJK characters (length counts characters)', body: { name: '备'.repeat(64) } },
  { name: 'a 256-character description', body: { description: 'd'.repeat(256) } },
  { name: '4096 characters of content', body: { content: 'c'.repeat(4096) } },
  { name: 'PYTHON', body: { type: 'PYTHON' } },
  { name: 'BAT', body: { type: 'BAT' } },
  { name: 'MEDIUM risk', body: { properties: props({ risk_level: 'MEDIUM' }) } },
  { name: 'a 10-character version', body: { properties: props({ version: '10.100.100' }) } },
  { name: 'five reviewers', body: { properties: props({ reviewers: [1, 2, 3, 4, 5].map(reviewer) }) } },
  { name: 'null protocol and reviewers', body: { properties: props({ protocol: null, reviewers: null }) } },
  { name: 'protocol NOT_TO_NOTIFY', body: { properties: props({ protocol: 'NOT_TO_NOTIFY' }) } },
  { name: 'twenty params', body: { script_params: params(20) } },
  { name: 'no script_params', body: { script_params: undefined } },
  { name: 'every allowed value character', body: { script_params: [param('v', 'aZ09 _-/.*?:",=+@[]{}')] } },
  { name: 'a 1024-character value', body: { script_params: [param('v', 'x'.repeat(1024))] } },
  {
    name: 'an empty param description',
    body: { script_params: [{ ...param('v', 'x'), param_description: '' }] },
  },
];

/** Bodies rejected with 400 COC.00040601; `field` must appear in the message. */
const invalid = [
  { name: 'a hyphen in the name', body: { name: 'backup-db' }, field: 'name' },
  { name: 'a space in the name', body: { name: 'backup db' }, field: 'name' },
  { name: 'an empty name', body: { name: '' }, field: 'name' },
  { name: 'a 65-character name', body: { name: 'n'.repeat(65) }, field: 'name' },
  { name: 'a non-BMP CJK name', body: { name: '𠀀' }, field: 'name' },
  { name: 'an unknown type', body: { type: 'PERL' }, field: 'type' },
  { name: 'a missing description', body: { description: undefined }, field: 'description' },
  { name: 'an empty description', body: { description: '' }, field: 'description' },
  { name: 'a 257-character description', body: { description: 'd'.repeat(257) }, field: 'description' },
  { name: 'empty content', body: { content: '' }, field: 'content' },
  { name: '4097 characters of content', body: { content: 'c'.repeat(4097) }, field: 'content' },
  { name: 'missing properties', body: { properties: undefined }, field: 'properties' },
  {
    name: 'an unknown risk level',
    body: { properties: props({ risk_level: 'SEVERE' }) },
    field: 'risk_level',
  },
  { name: 'a version that is not N.N.N', body: { properties: props({ version: 'v1' }) }, field: 'version' },
  {
    name: 'an 11-character version',
    body: { properties: props({ version: '100.100.100' }) },
    field: 'version',
  },
  {
    name: 'six reviewers',
    body: { properties: props({ reviewers: [1, 2, 3, 4, 5, 6].map(reviewer) }) },
    field: 'reviewers',
  },
  {
    name: 'a 33-character reviewer id',
    body: { properties: props({ reviewers: [{ ...reviewer(1), reviewer_id: 'a'.repeat(33) }] }) },
    field: 'reviewer_id',
  },
  { name: 'an unknown protocol', body: { properties: props({ protocol: 'PIGEON' }) }, field: 'protocol' },
  { name: 'twenty-one params', body: { script_params: params(21) }, field: 'script_params' },
  {
    name: 'duplicate param names',
    body: { script_params: [param('a', '1'), param('a', '2')] },
    field: 'script_params',
  },
  { name: 'a hyphen in a param name', body: { script_params: [param('db-host', 'x')] }, field: 'param_name' },
  { name: 'a # in a value', body: { script_params: [param('v', 'a#b')] }, field: 'paramValue' },
  { name: 'a backslash in a value', body: { script_params: [param('v', 'C:\\temp')] }, field: 'paramValue' },
  { name: '.. in a value', body: { script_params: [param('v', '../etc')] }, field: 'paramValue' },
  { name: 'a non-ASCII value', body: { script_params: [param('v', 'héllo')] }, field: 'paramValue' },
  { name: 'an empty value', body: { script_params: [param('v', '')] }, field: 'paramValue' },
  {
    name: 'a 1025-character value',
    body: { script_params: [param('v', 'x'.repeat(1025))] },
    field: 'paramValue',
  },
  {
    name: 'a 257-character param description',
    body: { script_params: [{ ...param('v', 'x'), param_description: 'd'.repeat(257) }] },
    field: 'param_description',
  },
  {
    name: 'a non-boolean sensitive',
    body: { script_params: [{ ...param('v', 'x'), sensitive: 'yes' }] },
    field: 'sensitive',
  },
  {
    name: 'a fractional param_order',
    body: { script_params: [{ ...param('v', 'x'), param_order: 1.5 }] },
    field: 'param_order',
  },
];

describe('create constraints', () => {
  it.each(valid)('accepts $name', async ({ body }) => {
    const answer = await call(emulator.current.url, 'POST', '/v1/job/scripts', { body: createBody(body) });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  });

  it.each(invalid)('rejects $name naming $field', async ({ body, field }) => {
    const answer = await call(emulator.current.url, 'POST', '/v1/job/scripts', { body: createBody(body) });
    expect(answer.status).toBe(400);
    expect(answer.json['error_code']).toBe('COC.00040601');
    expect(answer.json['error_msg']).toContain(field);
    expect(emulator.current.scripts()).toEqual([]);
  });

  it('uses the real API wording for param values', async () => {
    const body = createBody({ script_params: [param('v', 'a#b')] });
    const answer = await call(emulator.current.url, 'POST', '/v1/job/scripts', { body });
    expect(answer.json['error_msg']).toMatch(
      /^The paramValue is invalid\. script_params\[0\]\.param_value: /,
    );
  });

  it('rejects a body that is not an object', async () => {
    const answer = await call(emulator.current.url, 'POST', '/v1/job/scripts', { body: [1] });
    expect(answer).toMatchObject({ status: 400, json: { error_code: 'COC.00040601' } });
  });
});

describe('modify constraints', () => {
  // name and type are ignored by modify; omitted properties keep the stored value there.
  const modifiable = invalid.filter(
    ({ body }) =>
      !('name' in body) && !('type' in body) && !('properties' in body && body.properties === undefined),
  );

  it.each(modifiable)('rejects $name and leaves the script unchanged', async ({ body, field }) => {
    const [record] = emulator.current.seed([
      { name: 'kept', type: 'SHELL', description: 'd', content: 'c', properties: NO_REVIEW },
    ]);
    const uuid = record?.script_uuid ?? '';
    const answer = await call(emulator.current.url, 'PUT', `/v1/job/scripts/${uuid}`, {
      body: modifyBody(body),
    });
    expect(answer.status).toBe(400);
    expect(answer.json['error_msg']).toContain(field);
    expect(emulator.current.scripts()[0]).toMatchObject({
      description: 'd',
      content: 'c',
      gmt_modified: null,
    });
  });
});

describe('charLength', () => {
  it.each([
    { text: 'abc', length: 3 },
    { text: '备份', length: 2 },
    { text: '𠀀', length: 1 },
  ])('counts $text as $length characters', ({ text, length }) => {
    expect(charLength(text)).toBe(length);
  });
});
