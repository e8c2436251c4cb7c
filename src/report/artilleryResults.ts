/** @module The shape of Artillery 2.0.34's `-o results.json` and its loader, with the format's quirks normalised. */
import { z } from 'zod';
import { loadJsonFile } from './loadJsonFile.ts';
import { RECORDED_RUN_KEY, recordedRunSchema } from './recordedRun.ts';

/**
 * One histogram's percentiles as Artillery writes them (`min,max,count,mean,p50,median,p75,p90,p95,p99,p999`).
 * A record rather than a fixed object: `ensure` flattens every key as `<name>.<agg>`, in file order.
 */
export type MetricSummary = Readonly<Record<string, number>>;

const epochMs = z.number().finite();

/** `period` is a number in `aggregate` but a numeric string in every `intermediate` entry. */
const period = z.union([epochMs, z.string().regex(/^\d+$/, 'expected epoch milliseconds').transform(Number)]);

// z.object strips unknown keys: the `"<rate name>": null` junk and the `histograms` copy of `summaries` go.
// Records keep the file's key order, which `ensure`'s substring-based metric matching depends on.
const metricsPeriodSchema = z.object({
  period,
  counters: z.record(z.string(), z.number()).default({}),
  rates: z.record(z.string(), z.number()).default({}),
  summaries: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  firstCounterAt: epochMs.optional(),
  lastCounterAt: epochMs.optional(),
  firstMetricAt: epochMs.optional(),
  lastMetricAt: epochMs.optional(),
  /** the window's DDSketches (base64 protobuf) by histogram name, written by the rocket plugin: exact merges */
  sketches: z.record(z.string(), z.string()).optional(),
});

export const artilleryResultsSchema = z.object({
  aggregate: metricsPeriodSchema,
  intermediate: z.array(metricsPeriodSchema),
  /** what the rocket plugin recorded about the run (gates, run id, how it ended), when it ran */
  [RECORDED_RUN_KEY]: recordedRunSchema.optional(),
});

/** Counters, rates and summaries of one 10-s window (`intermediate`) or of the whole run (`aggregate`). */
export type MetricsPeriod = z.infer<typeof metricsPeriodSchema>;
/** A parsed results file: `period` is always a number, junk keys and `histograms` are dropped. */
export type ArtilleryResults = z.infer<typeof artilleryResultsSchema>;

/**
 * Reads and validates an Artillery results file. Throws ConfigError (exit code 2) naming the path
 * when the file is missing, unreadable, not JSON or not shaped like Artillery's output.
 */
export async function loadResults(path: string): Promise<ArtilleryResults> {
  return loadJsonFile(path, artilleryResultsSchema, 'an Artillery results file (artillery run -o)', foreignResults);
}

/** Results files of other tools and of Artillery 1.x, named so the user knows what was passed. */
function foreignResults(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const doc = json as Record<string, unknown>;
  if ('metrics' in doc && ('root_group' in doc || 'state' in doc)) return 'this is a k6 summary (--summary-export)';
  const aggregate = doc.aggregate as Record<string, unknown> | undefined;
  if (aggregate && typeof aggregate === 'object' && !('period' in aggregate) && 'scenariosCreated' in aggregate) {
    return "written by Artillery 1.x (its legacy report format); rocket-sim reads Artillery 2's -o output";
  }
  return undefined;
}
