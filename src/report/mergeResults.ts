/**
 * @module Merges the results files of workers that ran at the same time (Kubernetes pods, several
 * hosts) into one results file. Counters, rates, counts, min, max and mean merge exactly. Percentiles
 * merge exactly (within the DDSketch's 1 % relative accuracy) when every worker's window carries the
 * histogram's sketch (written by the rocket plugin); percentiles cannot be merged from summaries, so
 * otherwise the merged percentile is the largest of the workers' values, an upper bound that is exact
 * for one worker and never understates a latency gate.
 */
import type { ArtilleryResults, MetricSummary, MetricsPeriod } from './artilleryResults.ts';
import { mergeSketchTexts, summarizeSketch } from './mergeSketches.ts';

/** How a merged run's percentiles were obtained: from the workers' sketches, or the highest worker's value. */
export const MERGED_PERCENTILES = ['merged sketches', 'upper bound'] as const;
export type MergedPercentiles = (typeof MERGED_PERCENTILES)[number];

/** What the report says about a merged run's percentiles. */
export const MERGED_PERCENTILES_TEXT: Record<MergedPercentiles, string> = {
  'merged sketches': "exact: merged from the workers' sketches (DDSketch, within 1 %)",
  'upper bound':
    "upper bound: the highest of the workers' (a worker's results carry summaries only, which cannot be merged)",
};

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

/** The periods that recorded values of a histogram (a summary with a count). */
const recording = (periods: readonly MetricsPeriod[], name: string): MetricsPeriod[] =>
  periods.filter((period) => (period.summaries[name]?.count ?? 0) > 0);

/** The histogram's sketches of every period that recorded it, or undefined when one of them has none. */
function sketchesOf(periods: readonly MetricsPeriod[], name: string): string[] | undefined {
  const texts = recording(periods, name).map((period) => period.sketches?.[name]);
  return texts.length > 0 && texts.every((text) => text !== undefined) ? (texts as string[]) : undefined;
}

/** Merges periods that cover the same time (one 10-s window of each worker, or their aggregates). */
function mergePeriods(periods: readonly MetricsPeriod[]): MetricsPeriod {
  const names = [...new Set(periods.flatMap((period) => Object.keys(period.summaries)))];
  const summaries: Record<string, MetricSummary> = {};
  const sketches: Record<string, string> = {};
  for (const name of names) {
    const texts = sketchesOf(periods, name);
    if (texts) {
      sketches[name] = mergeSketchTexts(texts);
      summaries[name] = summarizeSketch(sketches[name]);
      continue;
    }
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
  if (Object.keys(sketches).length > 0) merged.sketches = sketches;
  return merged;
}

/**
 * How `mergeResults` obtains the aggregate's percentiles (those the gates and the summary show):
 * from sketches when every histogram any worker recorded comes with its sketch from every worker
 * that recorded it, else (results of plain Artillery, or of an older rocket-sim) as an upper bound.
 */
export function mergedPercentiles(runs: readonly ArtilleryResults[]): MergedPercentiles {
  const aggregates = runs.map((run) => run.aggregate);
  const names = [...new Set(aggregates.flatMap((period) => Object.keys(period.summaries)))];
  const exact = names.every((name) => recording(aggregates, name).length === 0 || sketchesOf(aggregates, name));
  return exact ? 'merged sketches' : 'upper bound';
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
