import { DDSketch } from '@artilleryio/sketches-js';
import { describe, expect, it } from 'vitest';
import { attachSketches } from './attachSketches.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import { mergedPercentiles, mergeResults } from './mergeResults.ts';
import { mergeSketches, summarizeSketch } from './mergeSketches.ts';
import { serializeSketches } from './serializeSketches.ts';

/** A seeded stream of values (xorshift32), so the test needs no randomness of its own. */
function values(seed: number, n: number, scale: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return 1 + ((x >>> 0) / 0x1_0000_0000) * scale;
  });
}

/** A sketch as Artillery builds one: DDSketch with 1 % relative accuracy. */
function sketchOf(samples: readonly number[]): DDSketch {
  const sketch = new DDSketch({ relativeAccuracy: 0.01 });
  for (const value of samples) sketch.accept(value);
  return sketch;
}

const at = (sorted: readonly number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;

/** One worker's results with one window, its summary and (optionally) its sketch. */
function worker(samples: readonly number[], withSketch: boolean): ArtilleryResults {
  const sketches = serializeSketches({ 'http.response_time': sketchOf(samples), 'not a sketch': { p95: 1 } });
  const period = {
    period: 1_700_000_000_000,
    counters: { 'http.requests': samples.length },
    rates: {},
    summaries: { 'http.response_time': summarizeSketch(sketches['http.response_time']!) },
    ...(withSketch ? { sketches } : {}),
  };
  return { aggregate: period, intermediate: [period] };
}

describe('merging sketches', () => {
  const fast = [values(1, 2000, 20), values(2, 2000, 20)];
  const slow = values(3, 60, 400).map((value) => value + 100);
  const all = [...fast.flat(), ...slow].sort((a, b) => a - b);

  it('serialises only sketches, and merges them into the percentiles of all the values (within 2 %)', () => {
    const encoded = serializeSketches({ a: sketchOf([1, 2]), b: 'summary', c: undefined });
    expect(Object.keys(encoded)).toEqual(['a']);
    const merged = summarizeSketch(
      mergeSketches([...fast, slow].map((samples) => serializeSketches({ h: sketchOf(samples) }))).h!,
    );
    expect(merged.count).toBe(all.length);
    for (const [key, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      expect(Math.abs(merged[key]! - at(all, q)) / at(all, q)).toBeLessThan(0.02);
    }
  });

  it('mergeResults uses the sketches when every worker has them, the upper bound otherwise', () => {
    const exact = [worker(fast[0]!, true), worker(fast[1]!, true), worker(slow, true)];
    expect(mergedPercentiles(exact)).toBe('merged sketches');
    const p95 = mergeResults(exact).aggregate.summaries['http.response_time']?.p95 ?? NaN;
    expect(Math.abs(p95 - at(all, 0.95)) / at(all, 0.95)).toBeLessThan(0.02);
    expect(mergeResults(exact).intermediate[0]?.sketches?.['http.response_time']).toBeTypeOf('string');

    const mixed = [worker(fast[0]!, true), worker(fast[1]!, true), worker(slow, false)];
    expect(mergedPercentiles(mixed)).toBe('upper bound');
    const bound = mergeResults(mixed).aggregate.summaries['http.response_time']?.p95;
    expect(bound).toBe(worker(slow, false).aggregate.summaries['http.response_time']?.p95);
    expect(bound).toBeGreaterThan(p95 * 2);
  });

  it('attachSketches puts each window its sketches and the aggregate their merge, only when no window lacks them', () => {
    const a = serializeSketches({ h: sketchOf([1, 2, 3]) });
    const b = serializeSketches({ h: sketchOf([4, 5]) });
    const results = { aggregate: { period: 0 }, intermediate: [{ period: '10' }, { period: '20' }] };
    const attached = attachSketches(
      results,
      new Map([
        ['10', a],
        ['20', b],
      ]),
    );
    expect(attached.intermediate?.map((window) => window.sketches)).toEqual([a, b]);
    const merged = attached.aggregate?.sketches as Record<string, string> | undefined;
    expect(summarizeSketch(merged?.h ?? '').count).toBe(5);
    const partial = attachSketches(results, new Map([['10', a]]));
    expect(partial.aggregate?.sketches).toBeUndefined();
    expect(partial.intermediate?.[1]?.sketches).toBeUndefined();
  });
});
