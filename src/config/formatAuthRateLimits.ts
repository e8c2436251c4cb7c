/** @module Writes Auth rate limits back as the spec they parse from, for logs, run-meta and the report. */
import { formatAuthRateLimit } from './formatAuthRateLimit.ts';
import type { AuthRateLimits } from './parseAuthRateLimits.ts';

/** `web3=30/5m,refresh=150/5m,burst=30`, or `off` when both limiters are off. */
export function formatAuthRateLimits(limits: AuthRateLimits): string {
  if (!limits.web3 && !limits.refresh) return 'off';
  return `web3=${formatAuthRateLimit(limits.web3)},refresh=${formatAuthRateLimit(limits.refresh)},burst=${limits.burst}`;
}
