import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { leaseSeconds } from './leaseSeconds.ts';

describe('leaseSeconds', () => {
  it('rounds milliseconds up to whole seconds', () => {
    expect(leaseSeconds(120_000)).toBe(120);
    expect(leaseSeconds(5_001)).toBe(6);
  });

  it('rejects what the lease functions refuse, naming SIM_LEASE_TTL_MS', () => {
    expect(() => leaseSeconds(4_000)).toThrow(ConfigError);
    expect(() => leaseSeconds(86_400_001)).toThrow(/^SIM_LEASE_TTL_MS: must be between 5000 and 86400000 ms/);
  });
});
