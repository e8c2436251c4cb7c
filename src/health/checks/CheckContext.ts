/** @module What every health check receives, and the helpers they share for optional objects and capped rows. */
import type { HealthRest } from '../createHealthRest.ts';
import { HealthRequestError } from '../HealthRequestError.ts';

export interface CheckContext {
  rest: HealthRest;
  /** offending rows kept per check */
  maxRows: number;
  /** page budget of one paged query (PAGE_SIZE rows each) */
  maxPages: number;
  /** scheduler tolerance: the expected tick interval */
  tickIntervalMs: number;
  /** call run_flux_reconciliation (writes one snapshot row per wallet) */
  reconcile: boolean;
  /** epoch ms the scheduler check compares timestamps with */
  now(): number;
}

/** A read whose object (view, function) the target may not have: the error when it is missing. */
export async function unlessMissing<T>(work: Promise<T>): Promise<{ value: T } | { missing: HealthRequestError }> {
  try {
    return { value: await work };
  } catch (error) {
    if (error instanceof HealthRequestError && error.missing) return { missing: error };
    throw error;
  }
}

/** The first `maxRows` rows and, when some were left out, the note a summary appends. */
export function capRows<T>(rows: readonly T[], maxRows: number, total = rows.length): { rows: T[]; note: string } {
  const kept = rows.slice(0, maxRows);
  return { rows: kept, note: total > kept.length ? ` (showing ${kept.length} of ${total})` : '' };
}
