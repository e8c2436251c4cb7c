/**
 * @module The Auth rate-limit spec shared by `rocket-sim local --auth-rate-limits` (what the
 * embedded stack enforces) and `SIM_AUTH_RATE_LIMITS` (what the pre-flight expects of a remote
 * project): `hosted`, `off`, or `web3=30/5m,refresh=150/5m,burst=30`.
 */
import { parseDurationMs } from './parseDuration.ts';

/** `requests` per `periodMs` per client IP: GoTrue's `GOTRUE_RATE_LIMIT_*` over its 5-minute window. */
export interface AuthRateLimit {
  requests: number;
  periodMs: number;
}

/** The two Auth limiters a load test meets; undefined = that limiter is off. */
export interface AuthRateLimits {
  /** `POST /token?grant_type=web3` (`rate_limit_web3`, hosted 30 per 5 minutes) */
  web3: AuthRateLimit | undefined;
  /** `POST /token?grant_type=refresh_token` (`rate_limit_token_refresh`, hosted 150 per 5 minutes) */
  refresh: AuthRateLimit | undefined;
  /** bucket size of both limiters: GoTrue fixes it at 30 whatever the configured rate */
  burst: number;
}

const FIVE_MINUTES_MS = 300_000;

/** Hosted Supabase and `supabase start` (contract supabase-platform.md §1). */
export const HOSTED_AUTH_RATE_LIMITS: AuthRateLimits = Object.freeze({
  web3: Object.freeze({ requests: 30, periodMs: FIVE_MINUTES_MS }),
  refresh: Object.freeze({ requests: 150, periodMs: FIVE_MINUTES_MS }),
  burst: 30,
});

/** No Auth limiter at all (the embedded stack measuring itself). */
export const AUTH_RATE_LIMITS_OFF: AuthRateLimits = Object.freeze({ web3: undefined, refresh: undefined, burst: 30 });

const SPEC_HINT = 'hosted, off, or a spec like web3=30/5m,refresh=150/5m,burst=30';

function parseLimit(key: string, raw: string): AuthRateLimit | undefined | string {
  if (raw === 'off') return undefined;
  const match = /^(\d+)(?:\/(.+))?$/.exec(raw);
  const requests = match ? Number(match[1]) : Number.NaN;
  const periodMs = match?.[2] === undefined ? FIVE_MINUTES_MS : parseDurationMs(match[2]);
  if (!Number.isSafeInteger(requests) || requests < 1 || periodMs === undefined || periodMs < 1000)
    return `${key}=${raw} must be off or N/period with N ≥ 1 and a period of at least 1s (e.g. ${key}=30/5m)`;
  return { requests, periodMs };
}

/**
 * Parses a spec; keys left out keep their hosted values (`web3=off` turns only the web3 limiter
 * off). Returns the limits, or the reason the spec is wrong for the caller to prefix with its flag
 * or variable name.
 */
export function parseAuthRateLimits(raw: string): { limits: AuthRateLimits } | { error: string } {
  const spec = raw.trim().toLowerCase();
  if (spec === 'hosted') return { limits: HOSTED_AUTH_RATE_LIMITS };
  if (spec === 'off') return { limits: AUTH_RATE_LIMITS_OFF };
  const limits: AuthRateLimits = { ...HOSTED_AUTH_RATE_LIMITS };
  for (const part of spec.split(',')) {
    const [key = '', value, ...extra] = part.split('=').map((piece) => piece.trim());
    if (value === undefined || value === '' || extra.length > 0)
      return { error: `"${part}" is not key=value (${SPEC_HINT})` };
    if (key === 'web3' || key === 'refresh') {
      const limit = parseLimit(key, value);
      if (typeof limit === 'string') return { error: limit };
      limits[key] = limit;
    } else if (key === 'burst') {
      const burst = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(burst) || burst < 1) return { error: `burst=${value} must be a whole number ≥ 1` };
      limits.burst = burst;
    } else {
      return { error: `unknown key "${key}" (${SPEC_HINT})` };
    }
  }
  return { limits };
}
