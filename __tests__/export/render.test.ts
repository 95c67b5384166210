import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SCHEMA_URL, fileStem, renderExport, renderExports } from '../../src/export/render.js';
import { detail } from './fixtures.js';

describe('renderExport', () => {
  it('writes the definition in the key order of the README Definition format, with the schema line', () => {
    const exported = renderExport(detail());
    expect(exported.yamlFile).toBe('backup_db.yaml');
    expect(exported.contentFile).toBe('backup_db.sh');
    expect(exported.yamlText).toBe(
      [
        `# yaml-language-server: $schema=${DEFAULT_SCHEMA_URL}`,
        'name: backup_db',
        'uuid: SC2023110211155901a700000',
        'type: SHELL',
        'description: "Nightly backup: db"',
        'content_file: backup_db.sh',
        'risk_level: HIGH',
        'version: 1.2.0',
        'reviewers:',
        '  - name: alice',
        '    id: 1994a3ed905a47ad82c6000000000000',
        'protocol: EMAIL',
        'params:',
        '  - name: db_host',
        '    value: db.internal',
        '    description: database host',
        '  - name: db_password',
        '    value_from_env: COC_BACKUP_DB_DB_PASSWORD',
        '    sensitive: true',
        'tags: {}',
        '',
      ].join('\n'),
    );
    expect(exported.envVariables).toEqual([
      { variable: 'COC_BACKUP_DB_DB_PASSWORD', script: 'backup_db', param: 'db_password' },
    ]);
    expect(exported.warnings).toEqual([]);
  });

  it('writes the tags without the ownership tag, and warns about tags validate would refuse', () => {
    const exported = renderExport(
      detail({
        resource_tags: [
          { key: 'cost', value: '42' },
          { key: 'managed-by-coc-script-sync', value: 'octo/ops:coc-scripts' },
          { key: 'team', value: 'sre' },
          { key: 'why#', value: 'console' },
        ],
      }),
    );
    expect(exported.yamlText).toContain('tags:\n  cost: "42"\n  team: sre\n  why#: console\n');
    expect(exported.yamlText).not.toContain('managed-by');
    expect(exported.warnings).toEqual([
      "backup_db: tag key 'why#' contains '#'; use only letters, digits, space and _ . : = + - @; edit it before validate",
    ]);
  });

  it('keeps the content bytes exactly (CRLF, no final newline)', () => {
    const exported = renderExport(detail({ content: 'a\r\nb' }));
    expect(exported.content).toBe('a\r\nb');
  });

  it.each([
    { name: 'PYTHON', type: 'PYTHON', extension: '.py' },
    { name: 'BAT', type: 'BAT', extension: '.bat' },
    { name: 'SHELL', type: 'SHELL', extension: '.sh' },
  ])('uses the $name extension', ({ type, extension }) => {
    expect(renderExport(detail({ type })).contentFile).toBe(`backup_db${extension}`);
  });

  it('rejects an unknown type', () => {
    expect(() => renderExport(detail({ type: 'RUBY' }))).toThrow(/unknown script type "RUBY"/);
  });

  it('writes empty reviewers, leaves out an unknown protocol and empty params', () => {
    const base = detail();
    const exported = renderExport(
      detail({ properties: { ...base.properties, reviewers: [], protocol: undefined }, script_params: [] }),
    );
    const parsed = parse(exported.yamlText) as Record<string, unknown>;
    expect(parsed.reviewers).toEqual([]);
    expect(parsed).not.toHaveProperty('protocol');
    expect(parsed).not.toHaveProperty('params');
  });

  it('never writes a sensitive value, even when the API returned it unmasked', () => {
    const base = detail();
    const param = {
      param_name: 'token',
      param_value: 'CANARY-VALUE',
      param_description: 'd',
      param_order: 1,
      sensitive: true,
    };
    const exported = renderExport(detail({ script_params: [param] }));
    expect(exported.yamlText).not.toContain('CANARY-VALUE');
    expect(exported.yamlText).toContain('value_from_env: COC_BACKUP_DB_TOKEN');
    expect(base.name).toBe('backup_db');
  });

  it('quotes values YAML would otherwise read as other types', () => {
    const base = detail();
    const exported = renderExport(
      detail({
        description: '123',
        properties: { ...base.properties, reviewers: [{ reviewer_name: 'true', reviewer_id: '0001' }] },
      }),
    );
    const parsed = parse(exported.yamlText) as {
      description: unknown;
      reviewers: { name: unknown; id: unknown }[];
    };
    expect(parsed.description).toBe('123');
    expect(parsed.reviewers[0]).toEqual({ name: 'true', id: '0001' });
  });

  it.each(['yes', 'No', 'on', 'OFF', 'y', '1_000', '1:20', '2025-01-01', '0o17', '.5', '~'])(
    'quotes %s, which a YAML 1.1 reader would not read as that string',
    (value) => {
      const base = detail();
      const exported = renderExport(
        detail({
          description: value,
          resource_tags: [{ key: value, value }],
          script_params: [{ ...base.script_params[0]!, param_value: value }],
        }),
      );
      for (const version of ['1.1', '1.2'] as const) {
        const parsed = parse(exported.yamlText, { version }) as {
          description: unknown;
          tags: Record<string, unknown>;
          params: { value: unknown }[];
        };
        expect(parsed.description).toBe(value);
        expect(parsed.tags).toEqual({ [value]: value });
        expect(parsed.params[0]?.value).toBe(value);
      }
      expect(exported.yamlText).toContain(`description: "${value}"\n`);
    },
  );

  it('leaves plain text plain', () => {
    expect(renderExport(detail({ description: 'Nightly backup of yes-no flags' })).yamlText).toContain(
      'description: Nightly backup of yes-no flags\n',
    );
  });

  it('warns about a version that validate will reject', () => {
    const base = detail();
    const exported = renderExport(detail({ properties: { ...base.properties, version: 'v1' } }));
    expect(exported.warnings).toEqual(['backup_db: version "v1" is not N.N.N; edit it before validate']);
  });

  it('takes a schema URL', () => {
    expect(renderExport(detail(), undefined, { schemaUrl: '../schema.json' }).yamlText).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\.json\n/,
    );
  });
});

describe('renderExports', () => {
  it('sorts by name and keeps generated variable names unique', () => {
    const param = {
      param_name: 'b_c',
      param_value: '*****************',
      param_description: '',
      param_order: 1,
      sensitive: true,
    };
    const param2 = { ...param, param_name: 'c' };
    const exported = renderExports([
      detail({ name: 'a', script_uuid: 'U1', script_params: [param] }),
      detail({ name: 'a_b', script_uuid: 'U2', script_params: [param2] }),
    ]);
    expect(exported.map((script) => script.envVariables[0]?.variable)).toEqual(['COC_A_B_C', 'COC_A_B_C_2']);
  });
});

describe('fileStem', () => {
  it.each([
    { name: 'ASCII', input: 'backup_db', expected: 'backup_db' },
    { name: 'CJK', input: '备份_db', expected: '备份_db' },
    { name: 'leading underscore would be skipped by discovery', input: '_tmp', expected: 'script_tmp' },
    { name: 'separators', input: 'a/b\\c', expected: 'a_b_c' },
  ])('$name', ({ input, expected }) => {
    expect(fileStem(input)).toBe(expected);
  });
});
