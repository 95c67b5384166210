/** The typed, validated configuration every stage reads. Built once by parseConfig(). */
export const MODES = ['validate', 'plan', 'apply'] as const;
export type Mode = (typeof MODES)[number];

export const SYNC_SENSITIVE = ['changed', 'always'] as const;
export type SyncSensitive = (typeof SYNC_SENSITIVE)[number];

export const LANGUAGES = ['en-us', 'zh-cn'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Raw credential material as given; auth/credentials.ts decides which method applies. */
export interface AuthInputs {
  readonly authToken?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly iamUsername?: string;
  readonly iamPassword?: string;
  readonly iamDomainName?: string;
  readonly idpId?: string;
  readonly oidcAudience?: string;
  /** From HUAWEICLOUD_SDK_ID_TOKEN_FILE: a file holding an OIDC JWT. */
  readonly idTokenFile?: string;
}

export interface Config {
  /** Folder of definitions, as given (relative to the working directory). */
  readonly path: string;
  readonly mode: Mode;
  readonly region?: string;
  readonly endpoint?: string;
  readonly iamEndpoint?: string;
  readonly projectId?: string;
  readonly domainId?: string;
  readonly auth: AuthInputs;
  /** Globs of remote script names this folder owns (empty = no pruning). */
  readonly prune: readonly string[];
  readonly maxDeletes: number;
  readonly syncSensitive: SyncSensitive;
  readonly failOnDrift: boolean;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly githubToken?: string;
  readonly comment: boolean;
  readonly language: Language;
  readonly enterpriseProjectId: string;
  readonly expectedPlanHash?: string;
  readonly driftIssue: boolean;
  /**
   * Read-only snapshot of the environment taken once by config/inputs.ts; `value_from_env`
   * values and SDK variables are read from here, never from process.env.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
}
