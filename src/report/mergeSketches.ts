/**
 * @module Merges encoded DDSketches (`serializeSketches`) of several workers or windows into one, and
 * summarises a sketch the way Artillery 2.0.34 does (`summarizeHistogram` of its SSMS): the merged
 * percentiles are those of all the values the workers recorded, within the sketch's 1 % relative
 * accuracy, not a bound.
 */
import { DDSketch } from '@artilleryio/sketches-js';
import type { MetricSummary } from './artilleryResults.ts';
import type { EncodedSketches } from './serializeSketches.ts';

const decode = (text: string): DDSketch => DDSketch.fromProto(new Uint8Array(Buffer.from(text, 'base64')));
const encode = (sketch: DDSketch): string => Buffer.from(sketch.toProto()).toString('base64');
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** One histogram's encoded sketches merged into one (the same mapping everywhere: Artillery's 1 % accuracy). */
export function mergeSketchTexts(texts: readonly string[]): string {
  const [first, ...rest] = texts;
  if (first === undefined) throw new Error('mergeSketchTexts needs at least one sketch');
  const merged = decode(first);
  for (const text of rest) merged.merge(decode(text));
  return encode(merged);
}

/** Every histogram of several windows' sketches merged by name. */
export function mergeSketches(windows: readonly EncodedSketches[]): EncodedSketches {
  const names = [...new Set(windows.flatMap((window) => Object.keys(window)))];
  return Object.fromEntries(
    names.map((name) => [
      name,
      mergeSketchTexts(windows.map((window) => window[name]).filter((text) => text !== undefined)),
    ]),
  );
}

/** The summary Artillery writes for a sketch: min, max, count, mean and p50 … p999, rounded to 0.1. */
export function summarizeSketch(text: string): MetricSummary {
  const sketch = decode(text);
  const at = (quantile: number) => round1(sketch.getValueAtQuantile(quantile));
  return {
    min: round1(sketch.min),
    max: round1(sketch.max),
    count: sketch.count,
    mean: round1(sketch.sum / sketch.count),
    p50: at(0.5),
    median: at(0.5),
    p75: at(0.75),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    p999: at(0.999),
  };
}
