/** @module Post-run health checks: ledger reconciliation, auction invariants, scheduler lag, row counts. */
export { COUNTED_TABLES, countRows, type CountedTable, type CountRowsOptions, type RowCounts } from './countRows.ts';
export { HealthDataError } from './HealthDataError.ts';
export { HealthRequestError } from './HealthRequestError.ts';
export { HEALTH_CHECK_DEFAULTS, runHealthChecks, type HealthCheckOptions } from './runHealthChecks.ts';
export { formatHealthTable } from './formatHealthTable.ts';
export { healthCheckResultSchema, type HealthCheckResult } from './healthCheckResult.ts';
