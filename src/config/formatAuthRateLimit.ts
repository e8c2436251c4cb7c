/** @module Writes one Auth limiter back as its spec value (`30/5m`, `off`). */
import type { AuthRateLimit } from './parseAuthRateLimits.ts';

function formatPeriod(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** `30/5m` for 30 per 5 minutes; `off` for no limiter. */
export function formatAuthRateLimit(limit: AuthRateLimit | undefined): string {
  return limit ? `${limit.requests}/${formatPeriod(limit.periodMs)}` : 'off';
}
