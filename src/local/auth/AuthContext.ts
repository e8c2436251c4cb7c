/** @module What every auth route handler gets: the database, the JWT service, resolved options and the clock. */
import type { AuthRateLimits } from '../../config/parseAuthRateLimits.ts';
import type { Logger } from '../../log/index.ts';
import type { Db } from '../db/Db.ts';
import type { JwtService } from '../jwt.ts';

/** Settings of the emulated GoTrue (names follow the `GOTRUE_*` variables they stand for). */
export interface AuthOptions {
  /** `GOTRUE_SITE_URL` */
  siteUrl: string;
  /** `GOTRUE_URI_ALLOW_LIST` entries (gobwas globs) */
  uriAllowList: string[];
  /** `GOTRUE_JWT_EXP` */
  accessTokenTtlSeconds: number;
  /** `GOTRUE_JWT_ISSUER`; the `iss` claim is omitted when empty */
  issuer: string;
  /** `GOTRUE_RATE_LIMIT_WEB3` / `GOTRUE_RATE_LIMIT_TOKEN_REFRESH` per client IP; undefined = no limits */
  rateLimits?: AuthRateLimits | undefined;
  /** `GOTRUE_EXTERNAL_WEB3_ETHEREUM_MAXIMUM_VALIDITY_DURATION` in ms */
  maxValidityMs: number;
  /** clock (tests inject a fixed one) */
  now?: () => Date;
}

export interface AuthContext {
  db: Db;
  jwt: JwtService;
  options: AuthOptions;
  now: () => Date;
  log?: Logger | undefined;
}

/** `GOTRUE_JWT_AUD` and `GOTRUE_JWT_DEFAULT_GROUP_NAME` as the Supabase CLI and docker set them. */
export const DEFAULT_AUDIENCE = 'authenticated';
export const DEFAULT_ROLE = 'authenticated';
/** GoTrue's `instance_id` for every row: the nil UUID. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** `GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL` as the CLI and hosted projects set it. */
export const REFRESH_TOKEN_REUSE_INTERVAL_MS = 10_000;
