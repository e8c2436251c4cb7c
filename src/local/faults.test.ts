import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { parseFaultSpec } from './faults.ts';

describe('parseFaultSpec', () => {
  it('reads every fault with the shared duration syntax for latency', () => {
    expect(parseFaultSpec('5xx=0.05,reset=0.02,latency=200ms@0.1')).toEqual({
      http5xx: 0.05,
      reset: 0.02,
      latency: { ms: 200, probability: 0.1 },
    });
    expect(parseFaultSpec('latency=2s').latency).toEqual({ ms: 2000, probability: 1 });
    expect(parseFaultSpec('latency=150').latency).toEqual({ ms: 150, probability: 1 });
    expect(parseFaultSpec('none')).toEqual({ http5xx: 0, reset: 0, latency: undefined });
  });

  it('names the flag and the item at fault', () => {
    expect(() => parseFaultSpec('latency=fast')).toThrow(
      new ConfigError('--faults', 'latency=fast: latency must look like 200ms or 200ms@0.1'),
    );
    expect(() => parseFaultSpec('latency=11m')).toThrow(/latency must be at most 600s/);
    expect(() => parseFaultSpec('5xx=1.5')).toThrow(/5xx=1\.5: probability must be a number between 0 and 1/);
  });
});
