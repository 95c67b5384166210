import { describe, expect, it } from 'vitest';
import { connectCoc } from '../../src/coc/connect.js';
import { describeEndpoint, resolveEndpoints } from '../../src/coc/endpoints.js';
import { knownRegions, REGIONS_BY_SITE, SITES, siteOfRegion } from '../../src/coc/regions.js';
import { SyncError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/log.js';
import type { Config } from '../../src/config/config.js';
import { rawInputsFrom } from '../../src/config/inputs.js';
import { parseConfig } from '../../src/config/parse.js';
import { makeConfig } from './fixtures.js';

/** SDK variables reach Config through parseConfig, the one place that reads them. */
function configOf(config: Partial<Config>, env: Record<string, string> = {}): Config {
  if (Object.keys(env).length === 0) return makeConfig(config);
  const values = {
    path: '.',
    region: config.region ?? '',
    endpoint: config.endpoint ?? '',
    'iam-endpoint': config.iamEndpoint ?? '',
  };
  return parseConfig(rawInputsFrom(values, env));
}

const CHINA = 'https://coc.myhuaweicloud.com';
const INTL = 'https://coc-intl.myhuaweicloud.com';
const EUROPE = 'https://coc-eu-west-101-open-api.myhuaweicloud.eu';
const GLOBAL_IAM = 'https://iam.myhuaweicloud.com';

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
    expect(resolveEndpoints(configOf(config, env))).toMatchObject({ coc, iam });
  });

  it.each([
    { region: 'cn-east-3', coc: CHINA, iam: GLOBAL_IAM, site: 'Chinese mainland' },
    { region: 'cn-southwest-2', coc: CHINA, iam: GLOBAL_IAM, site: 'Chinese mainland' },
    { region: 'ap-southeast-1', coc: INTL, iam: GLOBAL_IAM, site: 'international' },
    { region: 'la-south-2', coc: INTL, iam: GLOBAL_IAM, site: 'international' },
    // Paris is a region of the international site; only Dublin is on the European one.
    { region: 'eu-west-0', coc: INTL, iam: GLOBAL_IAM, site: 'international' },
    { region: 'eu-west-101', coc: EUROPE, iam: 'https://iam.eu-west-101.myhuaweicloud.eu', site: 'Europe' },
  ])('$region maps to the $site host', ({ region, coc, iam, site }) => {
    const endpoints = resolveEndpoints(makeConfig({ region }));
    expect(endpoints).toEqual({ coc, iam, derived: { region, site } });
    expect(describeEndpoint(endpoints)).toBe(
      `Region ${region} is on the ${site} site: COC endpoint ${coc} (set \`endpoint\` to use another).`,
    );
  });

  it.each([
    { name: 'the endpoint input', config: { region: 'cn-east-3', endpoint: 'https://coc.example' }, env: {} },
    {
      name: 'the SDK override variable',
      config: { region: 'cn-east-3' },
      env: { HUAWEICLOUD_SDK_REGION_COC_CN_EAST_3: 'https://coc.example' },
    },
  ])('$name overrides the site host, and no notice is due', ({ config, env }) => {
    const endpoints = resolveEndpoints(configOf(config, env));
    expect(endpoints).toEqual({ coc: 'https://coc.example', iam: GLOBAL_IAM });
    expect(describeEndpoint(endpoints)).toBeUndefined();
  });

  it('the region from HUAWEICLOUD_SDK_REGION_ID maps like the input', () => {
    const endpoints = resolveEndpoints(configOf({}, { HUAWEICLOUD_SDK_REGION_ID: 'ap-southeast-2' }));
    expect(endpoints.coc).toBe(INTL);
  });

  it.each([
    {
      name: 'unknown region',
      config: { region: 'xx-moon-1' },
      text: /Region `xx-moon-1` belongs to no Huawei Cloud site .*set `endpoint`.*known region id \(Chinese mainland: cn-north-1, .*cn-east-3, .*; international: ap-southeast-1, .*eu-west-0, .*na-mexico-1; Europe: eu-west-101\)\.$/,
    },
    {
      name: 'a region id in upper case',
      config: { region: 'CN-NORTH-4' },
      text: /Region `CN-NORTH-4` belongs to no/,
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

describe('the region table', () => {
  it('lists every region id once, each of the usual shape', () => {
    const all = Object.values(REGIONS_BY_SITE).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(knownRegions()).toEqual([...all].sort());
    for (const region of all) expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d+$/);
  });

  it.each(Object.entries(REGIONS_BY_SITE))('every %s region maps to that site', (key, regions) => {
    const site = SITES[key as keyof typeof SITES];
    for (const region of regions) expect(siteOfRegion(region)).toBe(site);
  });

  it('keeps the regions the official SDKs register for COC', () => {
    expect(siteOfRegion('cn-north-4')?.coc).toBe(CHINA);
    expect(siteOfRegion('ap-southeast-3')?.coc).toBe(INTL);
    expect(siteOfRegion('eu-west-101')?.coc).toBe(EUROPE);
  });
});

describe('connectCoc', () => {
  it('names the chosen host in a notice (no request is made for a token)', async () => {
    const logger = createSilentLogger();
    const config = makeConfig({ region: 'cn-east-3', auth: { authToken: 'TOKEN' } });
    const api = await connectCoc(config, logger);
    await api.close();
    expect(logger.lines).toContainEqual({
      level: 'notice',
      message: `Region cn-east-3 is on the Chinese mainland site: COC endpoint ${CHINA} (set \`endpoint\` to use another).`,
    });
  });
});
