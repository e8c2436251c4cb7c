/**
 * @module Merges the results files of workers that ran at the same time (Kubernetes pods, several
 * hosts) into one results file. Counters, rates, counts, min, max and mean merge exactly; percentiles
 * cannot be merged from summaries, so the merged percentile is the largest of the workers' values,
 * an upper bound that is exact for one worker and never understates a latency gate.
 */
import type { ArtilleryResults, MetricSummary, MetricsPeriod } from './artilleryResults.ts';

/** Summary keys merged exactly; every other key (p50, median, p75, ... p999) is a percentile. */
const EXACT_KEYS = new Set(['min', 'max', 'count', 'mean']);

function sumRecords(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

/** Merges one histogram's summaries of several workers (key order of the first one that has each key). */
export function mergeSummary(summaries: readonly MetricSummary[]): MetricSummary {
  const present = summaries.filter((summary) => (summary.count ?? 0) > 0);
  const inputs = present.length > 0 ? present : summaries;
  const keys = [...new Set(inputs.flatMap((summary) => Object.keys(summary)))];
  const count = inputs.reduce((total, summary) => total + (summary.count ?? 0), 0);
  const out: Record<string, number> = {};
  for (const key of keys) {
    const values = inputs.map((summary) => summary[key]).filter((value): value is number => value !== undefined);
    if (key === 'count') out[key] = count;
    else if (key === 'min') out[key] = Math.min(...values);
    else if (key === 'max' || !EXACT_KEYS.has(key)) out[key] = Math.max(...values);
    else {
      // mean, weighted by each worker's count
      const weighted = inputs.reduce((total, summary) => total + (summary.mean ?? 0) * (summary.count ?? 0), 0);
      out[key] = count > 0 ? Math.round((weighted / count) * 10) / 10 : Math.max(...values);
    }
  }
  return out;
}

const extreme = (pick: (...values: number[]) => number, values: (number | undefined)[]): number | undefined => {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length > 0 ? pick(...defined) : undefined;
};

/** Merges periods that cover the same time (one 10-s window of each worker, or their aggregates). */
function mergePeriods(periods: readonly MetricsPeriod[]): MetricsPeriod {
  const names = [...new Set(periods.flatMap((period) => Object.keys(period.summaries)))];
  const summaries: Record<string, MetricSummary> = {};
  for (const name of names) {
    summaries[name] = mergeSummary(
      periods.map((period) => period.summaries[name]).filter((summary) => summary !== undefined),
    );
  }
  const merged: MetricsPeriod = {
    period: Math.min(...periods.map((period) => period.period)),
    counters: sumRecords(periods.map((period) => period.counters)),
    // rates are per second and the workers ran side by side: they add up
    rates: sumRecords(periods.map((period) => period.rates)),
    summaries,
  };
  const firstCounterAt = extreme(
    Math.min,
    periods.map((period) => period.firstCounterAt),
  );
  const lastCounterAt = extreme(
    Math.max,
    periods.map((period) => period.lastCounterAt),
  );
  const firstMetricAt = extreme(
    Math.min,
    periods.map((period) => period.firstMetricAt),
  );
  const lastMetricAt = extreme(
    Math.max,
    periods.map((period) => period.lastMetricAt),
  );
  if (firstCounterAt !== undefined) merged.firstCounterAt = firstCounterAt;
  if (lastCounterAt !== undefined) merged.lastCounterAt = lastCounterAt;
  if (firstMetricAt !== undefined) merged.firstMetricAt = firstMetricAt;
  if (lastMetricAt !== undefined) merged.lastMetricAt = lastMetricAt;
  return merged;
}

/**
 * Merges whole results files: the aggregates into one, and the 10-s windows by their start time
 * (Artillery aligns windows to the clock, so windows of concurrent workers share start times).
 */
export function mergeResults(runs: readonly ArtilleryResults[]): ArtilleryResults {
  if (runs.length === 0) throw new Error('mergeResults needs at least one results file');
  const windows = new Map<number, MetricsPeriod[]>();
  for (const run of runs) {
    for (const window of run.intermediate) windows.set(window.period, [...(windows.get(window.period) ?? []), window]);
  }
  return {
    aggregate: mergePeriods(runs.map((run) => run.aggregate)),
    intermediate: [...windows.entries()].sort(([a], [b]) => a - b).map(([, periods]) => mergePeriods(periods)),
  };
}
