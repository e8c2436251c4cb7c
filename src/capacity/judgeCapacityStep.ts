/**
 * @module Judges one step of a capacity run by the SLO: the environment's latency thresholds (for
 * the whole run's `http.response_time` and for every endpoint), the unexpected-failure rate, and
 * the generator: a step judged in a window where the generator was saturated is "inconclusive:
 * the generator was the limit", never a backend figure.
 */
import type { MetricsPeriod } from '../report/artilleryResults.ts';
import type { EnsureConfig } from '../report/ensureConfig.ts';
import { reportMetrics as m } from '../report/reportMetrics.ts';
import { generatorWindow } from './generatorMetrics.ts';

/** A step fails when more than this share of its requests failed unexpectedly (rocket.failure.*). */
const MAX_FAILURE_RATE = 0.01;

export type StepVerdict = 'pass' | 'fail' | 'inconclusive';

export interface StepResult {
  index: number;
  /** concurrent players or arrivals per second, as planned */
  load: number;
  verdict: StepVerdict;
  /** why it failed or was inconclusive: `p95 of rpc_place_auction_bid 1,900 ms > 1,500 ms` */
  reason?: string;
  /** windows judged (after the warm-up) */
  windows: number;
  /** the judged span of the step, epoch ms (set by the watch) */
  from?: number;
  to?: number;
  requests: number;
  requestsPerSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** unexpected failures / responses */
  failureRate: number;
}

/** One latency bound of the SLO: `p95` of a response-time metric below `maxMs`. */
interface LatencyBound {
  stat: string;
  maxMs: number;
}

/** The latency bounds of the environment's thresholds on `http.response_time.<stat>` (and the legacy keys). */
export function latencyBounds(ensure: EnsureConfig): LatencyBound[] {
  const bounds: LatencyBound[] = [];
  for (const entry of ensure.thresholds ?? []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const [metric, max] = Object.entries(entry)[0] ?? [];
    const stat = metric?.startsWith(`${m.responseTime}.`) ? metric.slice(m.responseTime.length + 1) : undefined;
    if (stat && Number.isFinite(Number(max))) bounds.push({ stat, maxMs: Number(max) });
  }
  for (const stat of ['p95', 'p99'] as const)
    if (ensure[stat] !== undefined) bounds.push({ stat, maxMs: Number(ensure[stat]) });
  return bounds;
}

const sumPrefix = (counters: Record<string, number>, prefix: string) =>
  Object.entries(counters).reduce((sum, [key, value]) => (key.startsWith(prefix) ? sum + value : sum), 0);

/**
 * A response-time percentile over several windows: the windows' values weighted by their counts.
 * Artillery keeps no sketch per step, only per window; with one or two judged windows per step this
 * is close to the step's own percentile, and stable from run to run.
 */
function weighted(
  windows: readonly MetricsPeriod[],
  metric: string,
  stat: string,
): { value: number | null; count: number } {
  let total = 0;
  let sum = 0;
  for (const window of windows) {
    const summary = window.summaries[metric];
    const value = summary?.[stat];
    const count = summary?.count ?? 0;
    if (value === undefined || count === 0) continue;
    total += count;
    sum += value * count;
  }
  return { value: total === 0 ? null : sum / total, count: total };
}

const tenth = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** Judges a step from its windows after the warm-up. */
export function judgeCapacityStep(
  step: { index: number; load: number },
  windows: readonly MetricsPeriod[],
  ensure: EnsureConfig,
): StepResult {
  const responses = windows.reduce((sum, w) => sum + (w.counters[m.responses] ?? 0), 0);
  const failures = windows.reduce((sum, w) => sum + sumPrefix(w.counters, m.failurePrefix), 0);
  const figures = {
    index: step.index,
    load: step.load,
    windows: windows.length,
    requests: responses,
    requestsPerSecond: windows.length === 0 ? 0 : Math.round((responses / (windows.length * 10)) * 10) / 10,
    p50: tenth(weighted(windows, m.responseTime, 'p50').value),
    p95: tenth(weighted(windows, m.responseTime, 'p95').value),
    p99: tenth(weighted(windows, m.responseTime, 'p99').value),
    failureRate: responses === 0 ? 0 : failures / responses,
  };
  const saturated = windows.map((w) => generatorWindow(w.summaries)).find((g) => g.saturated);
  if (saturated)
    return { ...figures, verdict: 'inconclusive', reason: `the generator was the limit (${saturated.reason})` };
  if (windows.length === 0 || responses === 0)
    return { ...figures, verdict: 'inconclusive', reason: 'no response after the warm-up: nothing to judge' };

  const reasons: string[] = [];
  const endpoints = [
    ...new Set(
      windows.flatMap((w) =>
        Object.keys(w.summaries)
          .filter((name) => name.startsWith(`${m.endpointNamespace}response_time.`))
          .map((name) => name.slice(`${m.endpointNamespace}response_time.`.length)),
      ),
    ),
  ].sort();
  for (const bound of latencyBounds(ensure)) {
    const overall = weighted(windows, m.responseTime, bound.stat).value;
    if (overall !== null && overall >= bound.maxMs) reasons.push(`${bound.stat} ${ms(overall)} ≥ ${ms(bound.maxMs)}`);
    for (const endpoint of endpoints) {
      const value = weighted(windows, `${m.endpointNamespace}response_time.${endpoint}`, bound.stat).value;
      if (value !== null && value >= bound.maxMs)
        reasons.push(`${bound.stat} of ${endpoint} ${ms(value)} ≥ ${ms(bound.maxMs)}`);
    }
  }
  if (figures.failureRate > MAX_FAILURE_RATE)
    reasons.push(
      `unexpected failures ${(figures.failureRate * 100).toFixed(1)} % > ${MAX_FAILURE_RATE * 100} % of requests`,
    );
  return reasons.length === 0
    ? { ...figures, verdict: 'pass' }
    : { ...figures, verdict: 'fail', reason: reasons.join('; ') };
}
