/**
 * @module `ledger_reconciliation`: every wallet's available balance equals the sum of its ledger rows
 * (invariant 1 of gameplay-backend.md §4.2, what ops monitors), through the view and run_flux_reconciliation.
 */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { fluxAmount, formatFlux } from '../fluxAmount.ts';
import { capRows, unlessMissing, type CheckContext } from './CheckContext.ts';

const NAME = 'ledger_reconciliation';
const VIEW = 'flux_ledger_reconciliation';
const RPC = 'run_flux_reconciliation';
/** amounts as text: JSON numbers would lose digits of numeric(38,18) */
const DRIFT_COLUMNS = 'wallet:wallet_address,recorded_balance::text,ledger_sum::text,drift::text';

interface DriftRow {
  wallet: string;
  recorded_balance: string;
  ledger_sum: string;
  drift: string;
}

/** What run_flux_reconciliation returns (gameplay-backend.md §6). */
interface ReconciliationRun {
  run_id: string;
  total_wallets: number;
  wallets_with_drift: number;
  max_absolute_drift: number | string;
}

/** A drifting wallet as an offending row, amounts as exact shortest decimals. */
function offendingRow(row: DriftRow): Record<string, unknown> {
  return {
    wallet: row.wallet,
    recorded_balance: formatFlux(fluxAmount(row.recorded_balance, `${VIEW}.recorded_balance`)),
    ledger_sum: formatFlux(fluxAmount(row.ledger_sum, `${VIEW}.ledger_sum`)),
    drift: formatFlux(fluxAmount(row.drift, `${VIEW}.drift`)),
  };
}

/**
 * Reads the wallets the view flags (`has_drift`, |drift| > 0.001), then, unless read-only, runs
 * `run_flux_reconciliation()`, which counts any non-zero drift and writes one snapshot row per wallet.
 * When only the function sees drift (below the view's tolerance) the rows with `drift <> 0` are shown.
 */
export async function ledgerReconciliation(ctx: CheckContext): Promise<HealthCheckResult> {
  const { client } = ctx.rest;
  const flagged = await unlessMissing(
    ctx.rest.read<DriftRow>(
      VIEW,
      client.from(VIEW).select(DRIFT_COLUMNS, { count: 'exact' }).eq('has_drift', true).limit(ctx.maxRows),
    ),
  );
  const run = ctx.reconcile ? await unlessMissing(ctx.rest.rpc<ReconciliationRun>(RPC)) : undefined;

  const parts: string[] = [];
  let failed = false;
  let offending: DriftRow[] = [];
  let offendingTotal = 0;

  if ('value' in flagged) {
    offendingTotal = flagged.value.count ?? flagged.value.rows.length;
    offending = flagged.value.rows;
    failed ||= offendingTotal > 0;
    parts.push(
      offendingTotal > 0
        ? `${offendingTotal} wallet(s) with has_drift in ${VIEW}: ${offending
            .map((row) => row.wallet)
            .slice(0, 3)
            .join(', ')}${offendingTotal > 3 ? ', ...' : ''}`
        : `no wallet with has_drift in ${VIEW}`,
    );
  } else {
    parts.push(`${VIEW} not on target (${flagged.missing.pgrstCode})`);
  }

  if (run === undefined) {
    parts.push(`${RPC} not called (read-only)`);
  } else if ('missing' in run) {
    parts.push(`${RPC} not on target (${run.missing.pgrstCode})`);
  } else {
    const { run_id, total_wallets, wallets_with_drift, max_absolute_drift } = run.value;
    failed ||= wallets_with_drift > 0;
    parts.push(
      `${RPC} (run ${run_id}): wallets_with_drift ${wallets_with_drift} of ${total_wallets}, max_absolute_drift ${max_absolute_drift}`,
    );
    if (wallets_with_drift > 0 && offendingTotal === 0 && 'value' in flagged) {
      // drift the view tolerates (|drift| <= 0.001) but the function counts
      const small = await ctx.rest.read<DriftRow>(
        VIEW,
        client.from(VIEW).select(DRIFT_COLUMNS, { count: 'exact' }).neq('drift', 0).limit(ctx.maxRows),
      );
      offending = small.rows;
      offendingTotal = small.count ?? small.rows.length;
    }
  }

  if ('missing' in flagged && (run === undefined || 'missing' in run)) {
    return { name: NAME, verdict: 'skip', summary: `nothing to reconcile with: ${parts.join('; ')}` };
  }
  const shown = capRows(offending, ctx.maxRows, offendingTotal);
  return {
    name: NAME,
    verdict: failed ? 'fail' : 'pass',
    summary: `${parts.join('; ')}${shown.note}`,
    ...(shown.rows.length > 0 ? { offendingRows: shown.rows.map(offendingRow) } : {}),
  };
}
