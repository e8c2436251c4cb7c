/**
 * @module Artillery's live histograms (the DDSketch of `@artilleryio/sketches-js` it keeps per metric
 * and window) as text for the results file: each sketch's protobuf encoding in base64. Unlike the
 * percentile summaries beside them, these merge exactly across workers (`mergeSketches`).
 */

/** What a results file holds per window: histogram name → base64 DDSketch protobuf. */
export type EncodedSketches = Record<string, string>;

interface ProtoSketch {
  toProto(): Uint8Array;
}

const isSketch = (value: unknown): value is ProtoSketch =>
  typeof value === 'object' && value !== null && typeof (value as Partial<ProtoSketch>).toProto === 'function';

/**
 * Encodes every sketch of one window's `histograms` (Artillery's period metrics, before it replaces
 * them by summaries when it writes the file); entries that are not sketches are skipped, so a window
 * without histograms gets `{}`.
 */
export function serializeSketches(histograms: Readonly<Record<string, unknown>> | undefined): EncodedSketches {
  const out: EncodedSketches = {};
  for (const [name, sketch] of Object.entries(histograms ?? {})) {
    if (isSketch(sketch)) out[name] = Buffer.from(sketch.toProto()).toString('base64');
  }
  return out;
}
