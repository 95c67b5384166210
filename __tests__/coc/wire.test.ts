import { describe, expect, it } from 'vitest';
import { detailResponseSchema, listResponseSchema, toDetail, toSummary } from '../../src/coc/wire.js';

const listExample = {
  data: {
    total: 2,
    data: [
      {
        id: 7012,
        script_uuid: 'SC20251124093000a1b2c3d4e',
        name: 'backup_db',
        type: 'SHELL',
        status: 'PENDING_APPROVE',
        enterprise_project_id: '0',
        creator: 'ops_bot',
        operator: 'ops_bot',
        gmt_created: 1763976600000,
        gmt_modified: 1763977200000,
        usage_count: 3,
        resource_tags: [
          { key: 'team', value: 'sre' },
          { key: 'a', value: null },
        ],
        properties: {
          risk_level: 'HIGH',
          version: '1.2.0',
          protocol: 'EMAIL',
          reviewers: [{ reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' }],
        },
      },
      {
        id: 7005,
        script_uuid: 'SC20251120151210f0e1d2c3b',
        name: 'rotate_logs',
        type: 'PYTHON',
        status: 'APPROVED',
        enterprise_project_id: 0,
        operator: null,
        gmt_created: 1763622730000,
        gmt_modified: null,
        properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [], protocol: null },
      },
    ],
  },
};

describe('list response', () => {
  it('parses the documented example (string or number enterprise_project_id, nulls, unknown fields)', () => {
    const parsed = listResponseSchema.parse(listExample);
    expect(parsed.data?.data?.map(toSummary)).toEqual([
      {
        id: 7012,
        uuid: 'SC20251124093000a1b2c3d4e',
        name: 'backup_db',
        type: 'SHELL',
        status: 'PENDING_APPROVE',
        // In key order, a null value read as ''.
        tags: [
          { key: 'a', value: '' },
          { key: 'team', value: 'sre' },
        ],
      },
      {
        id: 7005,
        uuid: 'SC20251120151210f0e1d2c3b',
        name: 'rotate_logs',
        type: 'PYTHON',
        status: 'APPROVED',
        tags: [],
      },
    ]);
  });
  it.each([
    { name: 'a tag without key', tags: [{ value: 'x' }] },
    { name: 'a number as key', tags: [{ key: 1, value: 'x' }] },
    { name: 'tags that are not a list', tags: { team: 'sre' } },
  ])('refuses $name: tags decide ownership, so they are never guessed', ({ tags }) => {
    const item = { id: 1, script_uuid: 'SC1', name: 'n', resource_tags: tags };
    expect(listResponseSchema.safeParse({ data: { data: [item] } }).success).toBe(false);
  });
  it.each([
    { name: 'empty data', body: { data: {} } },
    { name: 'null list', body: { data: { total: 0, data: null } } },
  ])('tolerates $name', ({ body }) => {
    expect(listResponseSchema.parse(body).data.data ?? []).toEqual([]);
  });

  it.each([
    { name: 'no data', body: {} },
    { name: 'data null', body: { data: null } },
    {
      name: 'a gateway error body',
      body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication' },
    },
  ])('refuses $name: a 2xx without `data` is no empty account', ({ body }) => {
    expect(listResponseSchema.safeParse(body).success).toBe(false);
  });
});

describe('detail response', () => {
  it('maps nulls to empty values', () => {
    const parsed = detailResponseSchema.parse({
      data: {
        script_uuid: 'SC1',
        name: 'n',
        type: 'SHELL',
        description: 'd',
        content: 'c',
        status: 'APPROVED',
        operator: null,
        gmt_modified: null,
        enterprise_project_id: 0,
        properties: { risk_level: 'LOW', version: '1.0.0', reviewers: null, protocol: null },
        script_params: [
          {
            param_name: 'p',
            param_value: '*****************',
            param_description: null,
            param_order: null,
            sensitive: true,
          },
        ],
        resource_tags: null,
        extra: 'ignored',
      },
    });
    expect(toDetail(parsed.data)).toEqual({
      script_uuid: 'SC1',
      name: 'n',
      type: 'SHELL',
      description: 'd',
      content: 'c',
      status: 'APPROVED',
      properties: { risk_level: 'LOW', version: '1.0.0', reviewers: [], protocol: undefined },
      script_params: [
        {
          param_name: 'p',
          param_value: '*****************',
          param_description: '',
          param_order: 1,
          sensitive: true,
        },
      ],
      resource_tags: [],
    });
  });
  it('reads the tags of a detail in key order', () => {
    const tags = [
      { key: 'z', value: '1' },
      { key: 'managed-by-coc-script-sync', value: 'octo/ops:coc-scripts' },
    ];
    const parsed = detailResponseSchema.parse({
      data: { script_uuid: 'SC1', name: 'n', resource_tags: tags },
    });
    expect(toDetail(parsed.data).resource_tags).toEqual([tags[1], tags[0]]);
  });
  it('tolerates null properties and params', () => {
    const parsed = detailResponseSchema.parse({
      data: { script_uuid: 'SC1', name: 'n', properties: null, script_params: null },
    });
    const detail = toDetail(parsed.data);
    expect(detail.properties).toEqual({ risk_level: '', version: '', reviewers: [], protocol: undefined });
    expect(detail.script_params).toEqual([]);
  });
  it('rejects a body without a uuid', () => {
    expect(detailResponseSchema.safeParse({ data: { name: 'n' } }).success).toBe(false);
  });
});
