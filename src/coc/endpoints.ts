/** Region → COC and IAM base URLs (coc-api.md §1, §8.5), with input and SDK-variable overrides. */
import type { Config } from '../config/config.js';
import { SyncError } from '../errors.js';

export interface Endpoints {
  /** COC base URL without trailing slash. */
  readonly coc: string;
  /** IAM base URL without trailing slash. */
  readonly iam: string;
}

/** The only regions with an official COC mapping: COC is one host per site. */
export const COC_ENDPOINTS: Readonly<Record<string, string>> = {
  'cn-north-4': 'https://coc.myhuaweicloud.com',
  'ap-southeast-3': 'https://coc-intl.myhuaweicloud.com',
  'eu-west-101': 'https://coc-eu-west-101-open-api.myhuaweicloud.eu',
};

export const GLOBAL_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';
const REGIONAL_IAM: Readonly<Record<string, string>> = {
  'eu-west-101': 'https://iam.eu-west-101.myhuaweicloud.eu',
};

function trimUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  // The Go SDK accepts a bare host in HUAWEICLOUD_SDK_IAM_ENDPOINT; so do we.
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim().length > 0 ? value.trim() : undefined;
}

/** `HUAWEICLOUD_SDK_REGION_COC_CN_NORTH_4` for `cn-north-4`; first entry of a comma list. */
function sdkCocOverride(config: Config, region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  const name = `HUAWEICLOUD_SDK_REGION_COC_${region.toUpperCase().replace(/-/g, '_')}`;
  return nonEmpty(config.env[name]?.split(',')[0]);
}

/** The effective region: the input, else HUAWEICLOUD_SDK_REGION_ID. */
export function effectiveRegion(config: Config): string | undefined {
  return nonEmpty(config.region) ?? nonEmpty(config.env['HUAWEICLOUD_SDK_REGION_ID']);
}

/**
 * Resolves both base URLs. COC: `endpoint` input, else the SDK override variable, else the
 * region table. IAM: `iam-endpoint`, else HUAWEICLOUD_SDK_IAM_ENDPOINT, else the site's IAM.
 * Throws SyncError('validation') when no COC endpoint can be derived.
 */
export function resolveEndpoints(config: Config): Endpoints {
  const region = effectiveRegion(config);
  const coc =
    nonEmpty(config.endpoint) ??
    sdkCocOverride(config, region) ??
    (region ? COC_ENDPOINTS[region] : undefined);
  if (coc === undefined) {
    const known = Object.keys(COC_ENDPOINTS).join(', ');
    const message =
      region === undefined
        ? `No COC endpoint: set \`region\` (one of ${known}) or \`endpoint\`.`
        : `Region \`${region}\` has no known COC endpoint (known: ${known}); set \`endpoint\` to the COC base URL.`;
    throw new SyncError('validation', message);
  }
  const iam =
    nonEmpty(config.iamEndpoint) ??
    nonEmpty(config.env['HUAWEICLOUD_SDK_IAM_ENDPOINT']) ??
    (region ? REGIONAL_IAM[region] : undefined) ??
    GLOBAL_IAM_ENDPOINT;
  return { coc: trimUrl(coc), iam: trimUrl(iam) };
}
