/**
 * Region → COC and IAM base URLs (its site's hosts, regions.ts), with the overrides of Config
 * (inputs, or the SDK variables that config/parse.ts folded in).
 */
import type { Config } from '../config/config.js';
import { INPUT, type Surface } from '../config/names.js';
import { inputRef } from '../config/words.js';
import { SyncError } from '../errors.js';
import { describeKnownRegions, siteOfRegion, type Site } from './regions.js';

export interface Endpoints {
  /** COC base URL without trailing slash. */
  readonly coc: string;
  /** IAM base URL without trailing slash. */
  readonly iam: string;
  /** Set when the COC URL came from the region's site (not from an override), for the notice. */
  readonly derived?: { readonly region: string; readonly site: string };
}

export const GLOBAL_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

function trimUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  // The Go SDK accepts a bare host in HUAWEICLOUD_SDK_IAM_ENDPOINT; so do we.
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim().length > 0 ? value.trim() : undefined;
}

/** The effective region: the input, else HUAWEICLOUD_SDK_REGION_ID (resolved in config/parse.ts). */
export function effectiveRegion(config: Config): string | undefined {
  return nonEmpty(config.region);
}

/**
 * Resolves both base URLs. COC: `endpoint` (the input, else the SDK override variable), else the
 * region's site. IAM: `iam-endpoint` (the input, else HUAWEICLOUD_SDK_IAM_ENDPOINT), else the
 * site's IAM.
 * Throws SyncError('validation') when no COC endpoint can be derived.
 */
export function resolveEndpoints(config: Config): Endpoints {
  const region = effectiveRegion(config);
  const site: Site | undefined = region === undefined ? undefined : siteOfRegion(region);
  const override = nonEmpty(config.endpoint);
  const coc = override ?? site?.coc;
  if (coc === undefined) {
    const [regionRef, endpointRef] = [
      inputRef(config.surface, INPUT.region),
      inputRef(config.surface, INPUT.endpoint),
    ];
    const message =
      region === undefined
        ? `No COC endpoint: set ${regionRef} (e.g. cn-north-4) or ${endpointRef}.`
        : `Region \`${region}\` belongs to no Huawei Cloud site this action knows; set ${endpointRef} to the COC base URL, or use a known region id (${describeKnownRegions()}).`;
    throw new SyncError('validation', message);
  }
  const iam = nonEmpty(config.iamEndpoint) ?? site?.iam ?? GLOBAL_IAM_ENDPOINT;
  const derived =
    override === undefined && region !== undefined && site ? { region, site: site.name } : undefined;
  return { coc: trimUrl(coc), iam: trimUrl(iam), ...(derived ? { derived } : {}) };
}

/** The notice naming the COC host a region was mapped to; undefined when an override chose it. */
export function describeEndpoint(endpoints: Endpoints, surface: Surface = 'action'): string | undefined {
  const { derived } = endpoints;
  if (derived === undefined) return undefined;
  return `Region ${derived.region} is on the ${derived.site} site: COC endpoint ${endpoints.coc} (set ${inputRef(surface, INPUT.endpoint)} to use another).`;
}
