/** @module Writes Auth rate limits back as the spec they parse from, for logs, run-meta and the report. */
import type { AuthRateLimit, AuthRateLimits } from './parseAuthRateLimits.ts';

function formatPeriod(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const formatLimit = (limit: AuthRateLimit | undefined) =>
  limit ? `${limit.requests}/${formatPeriod(limit.periodMs)}` : 'off';

/** `web3=30/5m,refresh=150/5m,burst=30`, or `off` when both limiters are off. */
export function formatAuthRateLimits(limits: AuthRateLimits): string {
  if (!limits.web3 && !limits.refresh) return 'off';
  return `web3=${formatLimit(limits.web3)},refresh=${formatLimit(limits.refresh)},burst=${limits.burst}`;
}
