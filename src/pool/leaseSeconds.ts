/** @module Converts a lease TTL in milliseconds to the whole seconds the lease functions take. */
import { ConfigError } from '../errors/index.ts';

/** `ms` rounded up to seconds; ConfigError (naming SIM_LEASE_TTL_MS) outside the 5 s – 24 h the database accepts. */
export function leaseSeconds(ms: number): number {
  const seconds = Math.ceil(ms / 1000);
  if (!Number.isFinite(seconds) || seconds < 5 || seconds > 86_400) {
    throw new ConfigError(
      'SIM_LEASE_TTL_MS',
      `must be between 5000 and 86400000 ms for the pool lease functions (got ${ms})`,
    );
  }
  return seconds;
}
