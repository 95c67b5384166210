/**
 * parseConfig(): raw input strings -> the frozen, typed Config. Every input is checked by the zod
 * schema in config.ts; then the official SDK environment variables (docs/coc-api.md §8.5) fill what the
 * inputs left empty — an explicit input always wins — and inputs that only work in pairs are
 * checked together. All problems are reported in one error.
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { SyncError } from '../errors.js';
import type { AuthInputs, Config, ParsedInputs } from './config.js';
import { inputsSchemaFor, normalizeUrl } from './config.js';
import type { RawInputs } from './inputs.js';
import { INPUT, type InputName, type Surface } from './names.js';
import { inputSubject } from './words.js';
import { defaultOwner } from './owner.js';

type Env = RawInputs['env'];
type Values = RawInputs['values'];

/** A trimmed input value, or undefined when empty. */
function given(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Values the SDK environment variables provide. */
interface SdkValues {
  readonly region?: string;
  readonly endpoint?: string;
  readonly iamEndpoint?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly idpId?: string;
  readonly idTokenFile?: string;
}

/**
 * Validates every input and builds the Config. Throws SyncError('validation') whose message names
 * each bad input and what it accepts; `diagnostics` holds one entry per problem.
 */
export function parseConfig(raw: RawInputs, front: FrontEnd = { surface: 'action' }): Config {
  const { surface } = front;
  const result = inputsSchemaFor(surface).safeParse(raw.values);
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  // Credentials and the region never fail the schema, so they are read from the raw values:
  // pair problems are then reported together with any bad value of another input.
  const sdk = sdkValues(given(raw.values[INPUT.region]), raw.env, problems);
  const auth = authOf(raw.values, sdk);
  problems.push(...pairProblems(auth, surface));
  const owner = result.success
    ? (result.data[INPUT.owner] ?? defaultOwner(raw.env['GITHUB_REPOSITORY'], result.data[INPUT.path]))
    : undefined;
  // Targeting (CLI) turns prune off, so it needs no owner value.
  const targeting = (front.targets?.length ?? 0) > 0;
  if (result.success && !targeting) problems.push(...ownershipProblems(result.data, owner, surface));
  if (result.success) problems.push(...insecureEndpointProblems(result.data, sdk, surface));
  if (!result.success || problems.length > 0) throw configError(problems);
  const inputs = result.data;
  return Object.freeze({
    path: inputs[INPUT.path],
    mode: inputs[INPUT.mode],
    ...optional('region', inputs[INPUT.region] ?? sdk.region),
    ...optional('endpoint', inputs[INPUT.endpoint] ?? sdk.endpoint),
    ...optional('iamEndpoint', inputs[INPUT.iamEndpoint] ?? sdk.iamEndpoint),
    ...optional('projectId', inputs[INPUT.projectId] ?? sdk.projectId),
    ...optional('domainId', inputs[INPUT.domainId] ?? sdk.domainId),
    auth,
    prune: Object.freeze(inputs[INPUT.prune]),
    maxDeletes: inputs[INPUT.maxDeletes],
    syncSensitive: inputs[INPUT.syncSensitive],
    failOnDrift: inputs[INPUT.failOnDrift],
    concurrency: inputs[INPUT.concurrency],
    timeoutSeconds: inputs[INPUT.timeoutSeconds],
    ...optional('githubToken', inputs[INPUT.githubToken]),
    comment: inputs[INPUT.comment],
    language: inputs[INPUT.language],
    ...optional('enterpriseProjectId', inputs[INPUT.enterpriseProjectId]),
    ...optional('expectedPlanHash', inputs[INPUT.expectedPlanHash]),
    driftIssue: inputs[INPUT.driftIssue],
    allowInsecureEndpoint: inputs[INPUT.allowInsecureEndpoint],
    allowOutside: raw.allowOutside ?? false,
    workingDirectory: resolve(raw.cwd),
    workspace: resolve(raw.cwd, raw.workspace ?? '.'),
    ownership: inputs[INPUT.ownership],
    ...optional('owner', owner),
    ...(front.targets === undefined ? {} : { targets: Object.freeze([...front.targets]) }),
    checkContent: inputs[INPUT.checkContent],
    env: raw.env,
    surface,
    withoutCredentials: withoutCredentials(surface, raw.env),
  });
}

/** Loopback hosts, where `http://` never leaves the machine (the emulator, a local proxy). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/u.test(host);
}

/**
 * `http://` to any other host sends the IAM token, the signatures and every script in clear:
 * refused unless `allow-insecure-endpoint` says so.
 */
function insecureEndpointProblems(inputs: ParsedInputs, sdk: SdkValues, surface: Surface): string[] {
  if (inputs[INPUT.allowInsecureEndpoint]) return [];
  const endpoints: [InputName, string | undefined][] = [
    [INPUT.endpoint, inputs[INPUT.endpoint] ?? sdk.endpoint],
    [INPUT.iamEndpoint, inputs[INPUT.iamEndpoint] ?? sdk.iamEndpoint],
  ];
  return endpoints.flatMap(([name, value]) => {
    if (value === undefined) return [];
    const url = new URL(value);
    if (url.protocol !== 'http:' || isLoopback(url.hostname)) return [];
    return [
      `${inputSubject(surface, name)} is an http:// URL of a host that is not loopback (${url.host}): credentials and scripts would travel unencrypted. Use https://, or set ${surface === 'cli' ? `--${INPUT.allowInsecureEndpoint}` : `'${INPUT.allowInsecureEndpoint}: true'`} if the network path is trusted`,
    ];
  });
}

function envText(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** An SDK endpoint variable: the first of a comma-separated list; `https://` added when missing (as the Go SDK does). */
function envUrl(env: Env, name: string, problems: string[]): string | undefined {
  const first = envText(env, name)?.split(',')[0]?.trim();
  if (first === undefined || first === '') return undefined;
  const url = normalizeUrl(/^[a-z][a-z0-9+.-]*:\/\//iu.test(first) ? first : `https://${first}`);
  if (url === undefined)
    problems.push(`Environment variable ${name} must be an http:// or https:// URL; got '${first}'`);
  return url;
}

/** Reads the SDK variables; the COC endpoint variable is keyed by the region in effect. */
function sdkValues(regionInput: string | undefined, env: Env, problems: string[]): SdkValues {
  const region = regionInput ?? envText(env, 'HUAWEICLOUD_SDK_REGION_ID');
  const endpointVariable =
    region === undefined
      ? undefined
      : `HUAWEICLOUD_SDK_REGION_COC_${region.toUpperCase().replace(/-/gu, '_')}`;
  const values: Record<string, string | undefined> = {
    region,
    endpoint: endpointVariable === undefined ? undefined : envUrl(env, endpointVariable, problems),
    iamEndpoint: envUrl(env, 'HUAWEICLOUD_SDK_IAM_ENDPOINT', problems),
    projectId: envText(env, 'HUAWEICLOUD_SDK_PROJECT_ID'),
    domainId: envText(env, 'HUAWEICLOUD_SDK_DOMAIN_ID'),
    accessKey: envText(env, 'HUAWEICLOUD_SDK_AK'),
    secretKey: envText(env, 'HUAWEICLOUD_SDK_SK'),
    securityToken: envText(env, 'HUAWEICLOUD_SDK_SECURITY_TOKEN'),
    idpId: envText(env, 'HUAWEICLOUD_SDK_IDP_ID'),
    idTokenFile: envText(env, 'HUAWEICLOUD_SDK_ID_TOKEN_FILE'),
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Raw credential material; which method applies is decided in auth/credentials.ts. */
function authOf(values: Values, sdk: SdkValues): AuthInputs {
  const password = values[INPUT.iamPassword];
  return Object.freeze({
    ...optional('authToken', given(values[INPUT.authToken])),
    ...optional('accessKey', given(values[INPUT.accessKey]) ?? sdk.accessKey),
    ...optional('secretKey', given(values[INPUT.secretKey]) ?? sdk.secretKey),
    ...optional('securityToken', given(values[INPUT.securityToken]) ?? sdk.securityToken),
    ...optional('iamUsername', given(values[INPUT.iamUsername])),
    // A password may legitimately start or end with spaces: keep it verbatim.
    ...optional('iamPassword', password === '' ? undefined : password),
    ...optional('iamDomainName', given(values[INPUT.iamDomainName])),
    ...optional('idpId', given(values[INPUT.idpId]) ?? sdk.idpId),
    ...optional('oidcAudience', given(values[INPUT.oidcAudience])),
    ...optional('idTokenFile', sdk.idTokenFile),
  });
}

/**
 * Why a secret may be empty: in a workflow a secret that does not exist (or that a fork or
 * Dependabot may not read) expands to an empty string. The CLI has no such thing to say.
 */
function emptySecretHint(surface: Surface): string {
  return surface === 'cli'
    ? ''
    : ' A secret that does not exist — a misspelt name, or a pull request from a fork — is empty.';
}

/** Inputs that only work together, checked after the SDK fallbacks filled in what they could. */
function pairProblems(auth: AuthInputs, surface: Surface): string[] {
  const problems: string[] = [];
  const q = (name: InputName): string => (surface === 'cli' ? `--${name}` : `'${name}'`);
  const subjects = surface === 'cli' ? 'Flags' : 'Inputs';
  const hint = emptySecretHint(surface);
  const aksk = `${q(INPUT.accessKey)} and ${q(INPUT.secretKey)} (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)`;
  if ((auth.accessKey === undefined) !== (auth.secretKey === undefined)) {
    const given = q(auth.accessKey === undefined ? INPUT.secretKey : INPUT.accessKey);
    problems.push(`${subjects} ${aksk} must be set together; only ${given} is set.${hint}`);
  }
  if (auth.securityToken !== undefined && auth.accessKey === undefined && auth.secretKey === undefined) {
    const token = inputSubject(surface, INPUT.securityToken);
    problems.push(`${token} (or HUAWEICLOUD_SDK_SECURITY_TOKEN) needs ${aksk}.${hint}`);
  }
  if ((auth.iamUsername === undefined) !== (auth.iamPassword === undefined)) {
    const given = q(auth.iamUsername === undefined ? INPUT.iamPassword : INPUT.iamUsername);
    problems.push(
      `${subjects} ${q(INPUT.iamUsername)} and ${q(INPUT.iamPassword)} must be set together; only ${given} is set.${hint}`,
    );
  }
  if (auth.oidcAudience !== undefined && auth.idpId === undefined) {
    problems.push(
      `${inputSubject(surface, INPUT.oidcAudience)} needs ${q(INPUT.idpId)} (or HUAWEICLOUD_SDK_IDP_ID) for keyless authentication`,
    );
  }
  return problems;
}

/** What the front end adds to the inputs: who speaks (action or CLI) and the CLI's `--target`. */
export interface FrontEnd {
  readonly surface: Surface;
  readonly targets?: readonly string[];
}

/** Events on which GitHub withholds secrets from forks and Dependabot: only there may plan degrade. */
const SECRETLESS_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target']);

/** `validate` only for the action on a pull request event; everywhere else missing credentials fail. */
function withoutCredentials(surface: Surface, env: Env): Config['withoutCredentials'] {
  const event = env['GITHUB_EVENT_NAME']?.trim() ?? '';
  return surface === 'action' && SECRETLESS_EVENTS.has(event) ? 'validate' : 'fail';
}

/**
 * Pruning by ownership tag needs to know this folder's owner value: without it, nothing could be
 * recognised as owned. Only plan and apply prune.
 */
function ownershipProblems(inputs: ParsedInputs, owner: string | undefined, surface: Surface): string[] {
  const pruning = inputs[INPUT.prune].length > 0 && inputs[INPUT.mode] !== 'validate';
  if (!pruning || inputs[INPUT.ownership] !== 'tag' || owner !== undefined) return [];
  if (surface === 'cli') {
    return [
      `--${INPUT.owner} is required to prune with --${INPUT.ownership} tag, and no default could be ` +
        `derived (the git remote 'origin' and the path). Set --${INPUT.owner} to the value this folder's ` +
        `scripts carry in the ownership tag, or --${INPUT.ownership} name to prune by name alone.`,
    ];
  }
  return [
    `Input '${INPUT.owner}' is required to prune with '${INPUT.ownership}: tag', and no default could be ` +
      `derived (the action uses <GITHUB_REPOSITORY>:<path>). Set '${INPUT.owner}' to the value this ` +
      `folder's scripts carry in the ownership tag, or '${INPUT.ownership}: name' to prune by name alone.`,
  ];
}

/** `{ key: value }` when the value is set, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function configError(problems: readonly string[]): SyncError {
  const diagnostics: Diagnostic[] = problems.map((message) => ({ severity: 'error', message }));
  const message =
    problems.length === 1
      ? (problems[0] ?? '')
      : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`;
  return new SyncError('validation', message, { diagnostics });
}
