import type { ScriptDetail } from '../../src/coc/api.js';

/** A remote script as GET returns it, with overrides. */
export function detail(overrides: Partial<ScriptDetail> = {}): ScriptDetail {
  return {
    script_uuid: 'SC2023110211155901a700000',
    name: 'backup_db',
    type: 'SHELL',
    description: 'Nightly backup: db',
    content: '#!/bin/bash\r\necho "${db_host}"\r\n',
    status: 'APPROVED',
    properties: {
      risk_level: 'HIGH',
      version: '1.2.0',
      reviewers: [{ reviewer_name: 'alice', reviewer_id: '1994a3ed905a47ad82c6000000000000' }],
      protocol: 'EMAIL',
    },
    script_params: [
      {
        param_name: 'db_host',
        param_value: 'db.internal',
        param_description: 'database host',
        param_order: 1,
        sensitive: false,
      },
      {
        param_name: 'db_password',
        param_value: '*****************',
        param_description: '',
        param_order: 2,
        sensitive: true,
      },
    ],
    resource_tags: [],
    ...overrides,
  };
}
