/**
 * Huawei Cloud region ids → the site (cloud) they belong to, and each site's COC and IAM hosts.
 *
 * COC is a site-level service: one host serves every region of a site. The official SDKs register
 * only one region per site (cn-north-4, ap-southeast-3, eu-west-101) and Terraform's provider uses
 * the Chinese host for every region of that site; the other ids are mapped to their site's host
 * by the site their other service endpoints live on (an inference, not confirmed by the SDKs,
 * hence the notice naming the host and the `endpoint` override). The list
 * is the union of the region ids the official SDKs know for IAM and ECS, which exist in every
 * region. `eu-west-0` (Paris) is a region of the international site (its endpoints are
 * `*.myhuaweicloud.com`); only `eu-west-101` (Dublin) is on the European site (`*.myhuaweicloud.eu`).
 */

/** A Huawei Cloud site: its name as users know it and its hosts. */
export interface Site {
  readonly name: string;
  readonly coc: string;
  /** The site's IAM endpoint when it has its own; otherwise the global IAM endpoint applies. */
  readonly iam?: string;
}

/** The three sites that offer COC. */
export const SITES = {
  china: { name: 'Chinese mainland', coc: 'https://coc.myhuaweicloud.com' },
  international: { name: 'international', coc: 'https://coc-intl.myhuaweicloud.com' },
  europe: {
    name: 'Europe',
    coc: 'https://coc-eu-west-101-open-api.myhuaweicloud.eu',
    iam: 'https://iam.eu-west-101.myhuaweicloud.eu',
  },
} as const satisfies Record<string, Site>;

type SiteKey = keyof typeof SITES;

/** Every region id this project knows, by site. */
export const REGIONS_BY_SITE: Readonly<Record<SiteKey, readonly string[]>> = {
  china: [
    'cn-north-1',
    'cn-north-2',
    'cn-north-4',
    'cn-north-9',
    'cn-north-11',
    'cn-north-12',
    'cn-east-2',
    'cn-east-3',
    'cn-east-4',
    'cn-east-5',
    'cn-south-1',
    'cn-south-2',
    'cn-south-4',
    'cn-southwest-2',
    'cn-southwest-3',
  ],
  international: [
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'my-kualalumpur-1',
    'af-south-1',
    'af-north-1',
    'me-east-1',
    'ae-ad-1',
    'tr-west-1',
    'eu-west-0',
    'ru-moscow-1',
    'ru-northwest-2',
    'sa-brazil-1',
    'la-north-2',
    'la-south-2',
    'na-mexico-1',
  ],
  europe: ['eu-west-101'],
};

const SITE_OF_REGION: ReadonlyMap<string, Site> = new Map(
  Object.entries(REGIONS_BY_SITE).flatMap(([key, regions]) =>
    regions.map((region) => [region, SITES[key as SiteKey]] as const),
  ),
);

/** The site a region id belongs to; undefined for an id of no known site (case-sensitive). */
export function siteOfRegion(region: string): Site | undefined {
  return SITE_OF_REGION.get(region);
}

/** Every known region id, sorted. */
export function knownRegions(): string[] {
  return [...SITE_OF_REGION.keys()].sort();
}

/** The known ids grouped by site, for error messages: `Chinese mainland: cn-east-2, …; …`. */
export function describeKnownRegions(): string {
  return Object.entries(REGIONS_BY_SITE)
    .map(([key, regions]) => `${SITES[key as SiteKey].name}: ${regions.join(', ')}`)
    .join('; ');
}
