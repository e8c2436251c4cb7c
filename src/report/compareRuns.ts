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
  /** `p95`, `unexpected failures` or an endpoint name */
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
   * Run-to-run noise of the difference, in the row's unit (ms, or percentage points): a change within
   * it is not a regression however large in percent. Undefined when the row has no data for it.
   */
  noise?: number | undefined;
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

/** Window p95s that count for the spread: windows with at least this many responses. */
const MIN_WINDOW_RESPONSES = 10;
/** How many standard errors of the difference a change must exceed (about 95 % for two independent runs). */
const NOISE_SIGMAS = 2;
/**
 * Relative standard error of a p95 from n samples, times sqrt(n): sqrt(p(1-p)) / (f(q)·q) for an
 * exponential-like tail (f(q)·q = (1-p)·ln(1/(1-p)) at p = 0.95), about 1.45.
 */
const P95_RELATIVE_ERROR = Math.sqrt(0.95 * 0.05) / (0.05 * Math.log(20));

/** One run's standard error of a p95: the spread of its window p95s, never below what its sample size allows. */
function p95StandardError(p95: number, count: number, windowP95s: readonly (number | null)[]): number {
  const fromCount = count > 0 ? (P95_RELATIVE_ERROR * p95) / Math.sqrt(count) : p95;
  const values = windowP95s.filter((value): value is number => value !== null);
  if (values.length < 2) return fromCount;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return Math.max(fromCount, Math.sqrt(variance / values.length));
}

/** Noise of a difference of two runs' estimates from their standard errors. */
const noiseOf = (a: number, b: number) => NOISE_SIGMAS * Math.sqrt(a * a + b * b);

interface P95Sample {
  p95: number | null;
  count: number;
  windowP95s: readonly (number | null)[];
}

function overallSample(summary: ResultsSummary): P95Sample {
  const { windows } = summary;
  return {
    p95: summary.latency?.p95 ?? null,
    count: summary.latency?.count ?? 0,
    windowP95s: windows.p95.filter((_, i) => (windows.responses[i] ?? 0) >= MIN_WINDOW_RESPONSES),
  };
}

function endpointSample(summary: ResultsSummary, name: string): P95Sample {
  const row = summary.endpoints.find((candidate) => candidate.name === name);
  return {
    p95: row?.latency?.p95 ?? null,
    count: row?.latency?.count ?? 0,
    windowP95s: summary.windows.endpointP95[name] ?? [],
  };
}

/**
 * Compares a current run with a baseline: the overall p95 (relative %), the unexpected-failure rate
 * (percentage points; non-2xx responses that were not benign game answers, plus errors, over requests
 * that ended) and each endpoint's p95. Only the first two decide the verdict, and only a change beyond
 * both the limit and the run-to-run noise counts: two standard errors of the difference, from each
 * run's window spread (p95) or its sample size (p95 and failure rate), so identical setups pass.
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
  const errorNoise = noiseOf(rateStandardError(before), rateStandardError(after));
  const rows: ComparisonRow[] = [
    p95Row('p95', 'p95', overallSample(before), overallSample(after), limits, 'fail'),
    {
      name: 'unexpected failures',
      kind: 'errorRate',
      unit: '%',
      baseline: before.failedRequestPct,
      current: after.failedRequestPct,
      delta: errorDelta,
      limit: limits.maxErrorRateIncreasePp,
      noise: errorNoise,
      status: errorDelta > limits.maxErrorRateIncreasePp && errorDelta > errorNoise ? 'fail' : 'pass',
    },
    ...endpointNames(before, after).map((name) =>
      p95Row(name, 'endpointP95', endpointSample(before, name), endpointSample(after, name), limits, 'warn'),
    ),
  ];
  return { verdict: rows.some((row) => row.status === 'fail') ? 'regression' : 'pass', thresholds: limits, rows };
}

/** Standard error of a run's unexpected-failure rate in percentage points (binomial). */
function rateStandardError(summary: ResultsSummary): number {
  const n = summary.responses + summary.errors;
  const p = summary.failedRequestPct / 100;
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) * 100 : 0;
}

function p95Row(
  name: string,
  kind: ComparisonRow['kind'],
  before: P95Sample,
  after: P95Sample,
  limits: CompareThresholds,
  whenRegressed: 'fail' | 'warn',
): ComparisonRow {
  const baseline = before.p95;
  const current = after.p95;
  const row = { name, kind, unit: 'ms' as const, baseline, current, limit: limits.maxP95RegressionPct };
  if (baseline === null || current === null) return { ...row, delta: null, status: 'info' };
  const delta = baseline > 0 ? ((current - baseline) / baseline) * 100 : current > 0 ? null : 0;
  const noise = noiseOf(
    p95StandardError(baseline, before.count, before.windowP95s),
    p95StandardError(current, after.count, after.windowP95s),
  );
  const growth = current - baseline;
  const regressed =
    growth > limits.minP95IncreaseMs && growth > noise && (delta === null || delta > limits.maxP95RegressionPct);
  return { ...row, delta, noise, status: regressed ? whenRegressed : 'pass' };
}

function endpointNames(before: ResultsSummary, after: ResultsSummary): string[] {
  return [...new Set([...before.endpoints, ...after.endpoints].map((row) => row.name))].sort();
}
