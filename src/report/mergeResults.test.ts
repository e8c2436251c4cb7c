import { beforeAll, describe, expect, it } from 'vitest';
import { artilleryResultsSchema, loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { mergeResults, mergeSummary } from './mergeResults.ts';
import { smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let run: ArtilleryResults;
beforeAll(async () => {
  run = await loadResults(smallRunPath);
});

/** The run shifted by whole 10-s windows, as a worker that started later would have written it. */
function shifted(results: ArtilleryResults, windows: number): ArtilleryResults {
  const copy = structuredClone(results);
  const by = windows * 10_000;
  for (const period of [copy.aggregate, ...copy.intermediate]) {
    period.period += by;
    for (const key of ['firstCounterAt', 'lastCounterAt', 'firstMetricAt', 'lastMetricAt'] as const) {
      if (period[key] !== undefined) period[key] += by;
    }
  }
  return copy;
}

describe('mergeSummary', () => {
  it('adds counts, keeps the extremes, weights the mean and bounds percentiles from above', () => {
    const merged = mergeSummary([
      { min: 2, max: 40, count: 100, mean: 10, p50: 8, median: 8, p95: 30, p99: 38 },
      { min: 1, max: 90, count: 300, mean: 20, p50: 15, median: 15, p95: 60, p99: 85 },
    ]);
    expect(merged).toEqual({ min: 1, max: 90, count: 400, mean: 17.5, p50: 15, median: 15, p95: 60, p99: 85 });
    expect(Object.keys(merged)).toEqual(['min', 'max', 'count', 'mean', 'p50', 'median', 'p95', 'p99']);
  });

  it('ignores workers that recorded nothing for the histogram', () => {
    const merged = mergeSummary([
      { min: 0, max: 0, count: 0, mean: 0, p95: 0 },
      { min: 5, max: 9, count: 4, mean: 7, p95: 9 },
    ]);
    expect(merged).toEqual({ min: 5, max: 9, count: 4, mean: 7, p95: 9 });
  });
});

describe('mergeResults', () => {
  it('adds the counters of concurrent workers and keeps their percentiles', () => {
    const merged = mergeResults([run, run, run]);
    for (const [name, value] of Object.entries(run.aggregate.counters))
      expect(merged.aggregate.counters[name], name).toBe(value * 3);
    const latency = run.aggregate.summaries['http.response_time']!;
    expect(merged.aggregate.summaries['http.response_time']).toEqual({ ...latency, count: latency.count! * 3 });
    expect(merged.intermediate).toHaveLength(run.intermediate.length);
    expect(merged.intermediate[0]!.counters['http.requests']).toBe(run.intermediate[0]!.counters['http.requests']! * 3);
    expect(merged.aggregate.rates['http.request_rate']).toBe(run.aggregate.rates['http.request_rate']! * 3);
  });

  it("aligns windows by start time and spans the union of the workers' time ranges", () => {
    const later = shifted(run, 2);
    const merged = mergeResults([run, later]);
    const periods = merged.intermediate.map((window) => window.period);
    expect(periods).toEqual(
      [...new Set([...run.intermediate, ...later.intermediate].map((window) => window.period))].sort((a, b) => a - b),
    );
    // the first two windows only had the first worker
    expect(merged.intermediate[0]!.counters).toEqual(run.intermediate[0]!.counters);
    expect(merged.aggregate.firstCounterAt).toBe(run.aggregate.firstCounterAt);
    expect(merged.aggregate.lastCounterAt).toBe(later.aggregate.lastCounterAt);
    expect(later.aggregate.lastCounterAt).toBeGreaterThan(run.aggregate.lastCounterAt!);
    expect(merged.aggregate.period).toBe(run.aggregate.period);
  });

  it('produces a valid results file', () => {
    const merged = mergeResults([run, shifted(run, 1)]);
    expect(artilleryResultsSchema.safeParse(JSON.parse(JSON.stringify(merged))).success).toBe(true);
  });

  it('rejects an empty list', () => {
    expect(() => mergeResults([])).toThrow(/at least one/);
  });
});
