/** @module Post-run health checks: ledger reconciliation, auction invariants, scheduler lag, row counts. */
export { countRows, type RowCounts } from './countRows.ts';
export { HEALTH_CHECK_DEFAULTS, runHealthChecks } from './runHealthChecks.ts';
export { formatHealthTable } from './formatHealthTable.ts';
export type { HealthCheckResult } from './healthCheckResult.ts';
