import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../src/coc/endpoints.js';
import { SyncError } from '../../src/errors.js';
import { makeConfig } from './fixtures.js';

describe('resolveEndpoints', () => {
  it.each([
    {
      name: 'cn-north-4',
      config: { region: 'cn-north-4' },
      env: {},
      coc: 'https://coc.myhuaweicloud.com',
      iam: 'https://iam.myhuaweicloud.com',
    },
    {
      name: 'ap-southeast-3',
      config: { region: 'ap-southeast-3' },
      env: {},
      coc: 'https://coc-intl.myhuaweicloud.com',
      iam: 'https://iam.myhuaweicloud.com',
    },
    {
      name: 'eu-west-101 uses the EU IAM',
      config: { region: 'eu-west-101' },
      env: {},
      coc: 'https://coc-eu-west-101-open-api.myhuaweicloud.eu',
      iam: 'https://iam.eu-west-101.myhuaweicloud.eu',
    },
    {
      name: 'endpoint inputs override',
      config: {
        region: 'cn-north-4',
        endpoint: 'http://127.0.0.1:8080/',
        iamEndpoint: 'http://127.0.0.1:9090',
      },
      env: {},
      coc: 'http://127.0.0.1:8080',
      iam: 'http://127.0.0.1:9090',
    },
    {
      name: 'unknown region with endpoint',
      config: { region: 'xx-moon-1', endpoint: 'https://coc.example' },
      env: {},
      coc: 'https://coc.example',
      iam: 'https://iam.myhuaweicloud.com',
    },
    {
      name: 'endpoint without region',
      config: { endpoint: 'https://coc.example' },
      env: {},
      coc: 'https://coc.example',
      iam: 'https://iam.myhuaweicloud.com',
    },
    {
      name: 'SDK variables',
      config: {},
      env: {
        HUAWEICLOUD_SDK_REGION_ID: 'cn-north-4',
        HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4: 'https://a.example,https://b.example',
        HUAWEICLOUD_SDK_IAM_ENDPOINT: 'iam.example',
      },
      coc: 'https://a.example',
      iam: 'https://iam.example',
    },
  ])('$name', ({ config, env, coc, iam }) => {
    expect(resolveEndpoints(makeConfig({ ...config, env }))).toEqual({ coc, iam });
  });

  it.each([
    {
      name: 'unknown region',
      config: { region: 'xx-moon-1' },
      text: /Region `xx-moon-1` has no known COC endpoint.*set `endpoint`/,
    },
    { name: 'nothing', config: {}, text: /set `region`.*or `endpoint`/ },
  ])('$name is a validation error', ({ config, text }) => {
    let caught: unknown;
    try {
      resolveEndpoints(makeConfig(config));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SyncError);
    expect((caught as SyncError).reason).toBe('validation');
    expect((caught as SyncError).message).toMatch(text);
  });
});
