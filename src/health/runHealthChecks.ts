/**
 * @module Post-run health checks through PostgREST with the service-role key: proves no FLUX was created
 * or lost and that the auction scheduler kept up, against a real Supabase project or the local stack.
 */
import { ConfigError, SimError } from '../errors/index.ts';
import type { HealthCheckResult } from './healthCheckResult.ts';
import { auctionEscrow } from './checks/auctionEscrow.ts';
import { auctionFinalizedRounds } from './checks/auctionFinalizedRounds.ts';
import { auctionSingleLiveBid } from './checks/auctionSingleLiveBid.ts';
import type { CheckContext } from './checks/CheckContext.ts';
import { ledgerReconciliation } from './checks/ledgerReconciliation.ts';
import { rowCounts } from './checks/rowCounts.ts';
import { schedulerHealth } from './checks/schedulerHealth.ts';
import type { RowCounts } from './countRows.ts';
import { createHealthRest, type HealthRest } from './createHealthRest.ts';
import { HealthRequestError } from './HealthRequestError.ts';

export interface HealthCheckOptions {
  /** project URL (or the local stack's) */
  url: string;
  serviceRoleKey: string;
  /** how often the auction tick runs: the scheduler checks' tolerance (default 60000) */
  tickIntervalMs?: number;
  /** counts taken with `countRows` before the run */
  baseline?: RowCounts;
  fetch?: typeof fetch;
  /** offending rows kept per check (default 20) */
  maxRows?: number;
  /** pages of 1000 rows one query may read (default 20); a check that stops early says it sampled */
  maxPages?: number;
  /** per-request timeout (default 5000) */
  requestTimeoutMs?: number;
  /** false: skip run_flux_reconciliation, the one call that writes (snapshot rows); default true */
  reconcile?: boolean;
  /** clock for the scheduler checks (default Date.now) */
  now?: () => number;
}

export const HEALTH_CHECK_DEFAULTS = {
  tickIntervalMs: 60_000,
  maxRows: 20,
  maxPages: 20,
  requestTimeoutMs: 5_000,
} as const;

/**
 * Fails fast before any check: TargetUnreachableError when nothing answers, ConfigError when the key is
 * refused or is not the service role (the ledger is invisible to anon and authenticated).
 */
async function preflight(rest: HealthRest): Promise<void> {
  try {
    await rest.read('flux_ledger_entries', rest.client.from('flux_ledger_entries').select('id').limit(1));
  } catch (error) {
    if (error instanceof HealthRequestError && (error.status === 401 || error.status === 403)) {
      throw new ConfigError(
        'SIM_SUPABASE_SERVICE_ROLE_KEY',
        `was refused by ${rest.host} or is not a service-role key (${error.message})`,
      );
    }
    // anything else (a missing table, a 500) is for the checks to report
    if (!(error instanceof HealthRequestError)) throw error;
  }
}

/** Runs one check; a request error becomes its verdict (skip when the target lacks the object). */
async function runCheck(name: string, check: () => Promise<HealthCheckResult>): Promise<HealthCheckResult> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof HealthRequestError && error.missing) {
      return { name, verdict: 'skip', summary: `the target has no ${error.relation} (${error.pgrstCode})` };
    }
    if (error instanceof SimError) return { name, verdict: 'fail', summary: error.message };
    throw error;
  }
}

/**
 * Runs every check in order (ledger_reconciliation, scheduler_health, auction_single_live_bid,
 * auction_escrow, auction_finalized_rounds, row_counts), each independent of the others. Reads only,
 * except `run_flux_reconciliation()` which writes one snapshot row per wallet (what ops runs daily).
 * Throws TargetUnreachableError (exit 3) or ConfigError (exit 2) before the first check.
 */
export async function runHealthChecks(options: HealthCheckOptions): Promise<HealthCheckResult[]> {
  const rest = createHealthRest({
    url: options.url,
    serviceRoleKey: options.serviceRoleKey,
    fetch: options.fetch,
    requestTimeoutMs: options.requestTimeoutMs ?? HEALTH_CHECK_DEFAULTS.requestTimeoutMs,
  });
  await preflight(rest);
  const ctx: CheckContext = {
    rest,
    maxRows: options.maxRows ?? HEALTH_CHECK_DEFAULTS.maxRows,
    maxPages: options.maxPages ?? HEALTH_CHECK_DEFAULTS.maxPages,
    tickIntervalMs: options.tickIntervalMs ?? HEALTH_CHECK_DEFAULTS.tickIntervalMs,
    reconcile: options.reconcile ?? true,
    now: options.now ?? Date.now,
  };
  const checks: [string, () => Promise<HealthCheckResult>][] = [
    ['ledger_reconciliation', () => ledgerReconciliation(ctx)],
    ['scheduler_health', () => schedulerHealth(ctx)],
    ['auction_single_live_bid', () => auctionSingleLiveBid(ctx)],
    ['auction_escrow', () => auctionEscrow(ctx)],
    ['auction_finalized_rounds', () => auctionFinalizedRounds(ctx)],
    ['row_counts', () => rowCounts(ctx, options.baseline)],
  ];
  const results: HealthCheckResult[] = [];
  for (const [name, check] of checks) results.push(await runCheck(name, check));
  return results;
}
