/** @module Exact row counts of the tables operators watch during a load test, for a baseline and the `row_counts` check. */
import { createHealthRest, type HealthRest } from './createHealthRest.ts';
import { HealthRequestError } from './HealthRequestError.ts';

/** The tables whose growth a load test explains (the worker's operator notes plus rounds and parts). */
export const COUNTED_TABLES = [
  'flux_ledger_entries',
  'auction_submissions',
  'auction_bids',
  'eth_lock_submissions',
  'auction_rounds',
  'inventory_parts',
] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

/** Row count per table; a table the target lacks is absent. */
export type RowCounts = Partial<Record<CountedTable, number>>;

export interface CountRowsOptions {
  url: string;
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** default 5000 */
  requestTimeoutMs?: number;
}

/** Counts every table with `Prefer: count=exact` (one row fetched, since HEAD cannot tell a missing table). */
export async function countTables(rest: HealthRest): Promise<{ counts: RowCounts; missing: CountedTable[] }> {
  const counts: RowCounts = {};
  const missing: CountedTable[] = [];
  for (const table of COUNTED_TABLES) {
    try {
      const { count } = await rest.read(table, rest.client.from(table).select('id', { count: 'exact' }).limit(1));
      if (count === null) throw new HealthRequestError(table, 200, '', 'the response has no Content-Range total');
      counts[table] = count;
    } catch (error) {
      if (!(error instanceof HealthRequestError && error.missing)) throw error;
      missing.push(table);
    }
  }
  return { counts, missing };
}

/**
 * Counts the watched tables through PostgREST with the service-role key; take it before a run and pass
 * it to `runHealthChecks` as `baseline`. Throws TargetUnreachableError or HealthRequestError.
 */
export async function countRows(options: CountRowsOptions): Promise<RowCounts> {
  const rest = createHealthRest({ ...options, requestTimeoutMs: options.requestTimeoutMs ?? 5000 });
  return (await countTables(rest)).counts;
}
