/** @module Baseline comparison: did the current run's p95 or failed-request rate regress beyond the allowed margin? */
import type { ArtilleryResults } from './artilleryResults.ts';
import { summarizeResults, type ResultsSummary } from './summarizeResults.ts';

export interface CompareThresholds {
  /** allowed relative growth of the overall p95, percent (default 10) */
  maxP95RegressionPct: number;
  /** allowed growth of the failed-request rate, percentage points (default 1) */
  maxErrorRateIncreasePp: number;
  /**
   * A p95 must also grow by more than this many ms to count as a regression (default 1): Artillery
   * records whole milliseconds, so on a fast target 2 ms → 3 ms would otherwise read as +50 %.
   */
  minP95IncreaseMs: number;
}

const defaultCompareThresholds: CompareThresholds = {
  maxP95RegressionPct: 10,
  maxErrorRateIncreasePp: 1,
  minP95IncreaseMs: 1,
};

export interface ComparisonRow {
  /** `p95`, `failed requests` or an endpoint name */
  name: string;
  kind: 'p95' | 'errorRate' | 'endpointP95';
  unit: 'ms' | '%';
  baseline: number | null;
  current: number | null;
  /** relative change in percent for p95 rows, percentage points for the error-rate row; null when undefined */
  delta: number | null;
  /** the threshold applied to `delta` */
  limit: number;
  /**
   * `fail`: beyond the limit (fails the comparison); `warn`: an endpoint p95 beyond the limit, shown but
   * not failing, because a single endpoint's p95 is noisy at low counts; `info`: missing on one side.
   */
  status: 'pass' | 'fail' | 'warn' | 'info';
}

export interface RunComparison {
  verdict: 'pass' | 'regression';
  thresholds: CompareThresholds;
  rows: ComparisonRow[];
}

/**
 * Compares a current run with a baseline: the overall p95 (relative %), the failed-request rate
 * (percentage points; non-2xx responses plus errors over requests that ended) and each endpoint's p95.
 * Only the first two decide the verdict.
 */
export function compareRuns(
  baseline: ArtilleryResults,
  current: ArtilleryResults,
  thresholds: Partial<CompareThresholds> = {},
): RunComparison {
  const limits = { ...defaultCompareThresholds, ...thresholds };
  const before = summarizeResults(baseline);
  const after = summarizeResults(current);
  const errorDelta = after.failedRequestPct - before.failedRequestPct;
  const rows: ComparisonRow[] = [
    p95Row('p95', 'p95', before.latency?.p95 ?? null, after.latency?.p95 ?? null, limits, 'fail'),
    {
      name: 'failed requests',
      kind: 'errorRate',
      unit: '%',
      baseline: before.failedRequestPct,
      current: after.failedRequestPct,
      delta: errorDelta,
      limit: limits.maxErrorRateIncreasePp,
      status: errorDelta > limits.maxErrorRateIncreasePp ? 'fail' : 'pass',
    },
    ...endpointNames(before, after).map((name) =>
      p95Row(name, 'endpointP95', endpointP95(before, name), endpointP95(after, name), limits, 'warn'),
    ),
  ];
  return { verdict: rows.some((row) => row.status === 'fail') ? 'regression' : 'pass', thresholds: limits, rows };
}

function p95Row(
  name: string,
  kind: ComparisonRow['kind'],
  baseline: number | null,
  current: number | null,
  limits: CompareThresholds,
  whenRegressed: 'fail' | 'warn',
): ComparisonRow {
  const row = { name, kind, unit: 'ms' as const, baseline, current, limit: limits.maxP95RegressionPct };
  if (baseline === null || current === null) return { ...row, delta: null, status: 'info' };
  const delta = baseline > 0 ? ((current - baseline) / baseline) * 100 : current > 0 ? null : 0;
  const regressed =
    current - baseline > limits.minP95IncreaseMs && (delta === null || delta > limits.maxP95RegressionPct);
  return { ...row, delta, status: regressed ? whenRegressed : 'pass' };
}

function endpointNames(before: ResultsSummary, after: ResultsSummary): string[] {
  return [...new Set([...before.endpoints, ...after.endpoints].map((row) => row.name))].sort();
}

function endpointP95(summary: ResultsSummary, name: string): number | null {
  return summary.endpoints.find((row) => row.name === name)?.latency?.p95 ?? null;
}
