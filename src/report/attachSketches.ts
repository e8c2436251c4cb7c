/**
 * @module Puts the window sketches the rocket plugin kept (`serializeSketches`, taken when Artillery
 * emitted each window) into the results file Artillery wrote, beside each window's summaries, and their
 * merge beside the aggregate's, so `rocket-sim merge` can merge percentiles exactly.
 */
import { mergeSketches } from './mergeSketches.ts';
import type { EncodedSketches } from './serializeSketches.ts';

interface RawPeriod {
  period?: unknown;
  [key: string]: unknown;
}

interface RawResults {
  aggregate?: RawPeriod;
  intermediate?: RawPeriod[];
  [key: string]: unknown;
}

/**
 * The results with `sketches` on every window the plugin saw and on the aggregate (the merge of the
 * windows', which is how Artillery builds the aggregate too). A window without sketches stays as it
 * is; the aggregate then gets none (a partial merge would understate it).
 */
export function attachSketches(results: RawResults, byPeriod: ReadonlyMap<string, EncodedSketches>): RawResults {
  const intermediate = (results.intermediate ?? []).map((window) => {
    const sketches = byPeriod.get(String(window.period));
    return sketches ? { ...window, sketches } : window;
  });
  const all = intermediate.map((window) => window.sketches as EncodedSketches | undefined);
  const complete = all.length > 0 && all.every((sketches) => sketches !== undefined);
  return {
    ...results,
    ...(results.aggregate
      ? {
          aggregate: complete
            ? { ...results.aggregate, sketches: mergeSketches(all as EncodedSketches[]) }
            : results.aggregate,
        }
      : {}),
    intermediate,
  };
}
