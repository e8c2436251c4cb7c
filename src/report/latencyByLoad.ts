/**
 * @module The latency-versus-load charts of report.html (Gatling's "response time percentiles over
 * load"): p50/p95/p99 per load level against concurrent players and against requests/s, with the
 * SLO (the p95 threshold of the gates) as a line and the knee marked. Shown for every run with more
 * than one load level, not only capacity runs.
 */
import type { ArtilleryResults, MetricsPeriod } from './artilleryResults.ts';
import type { GateResult } from './evaluateGates.ts';
import type { ChartSeries, ChartSpec } from './reportCharts.ts';
import { reportMetrics as m } from './reportMetrics.ts';

export interface LoadLevel {
  /** concurrent players (virtual users active at the end of the windows) */
  players: number;
  requestsPerSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** The knee: the first level whose p95 reaches the SLO or more than doubles the lowest level's p95. */
export function kneeOf(levels: readonly LoadLevel[], slo: number | undefined): number | undefined {
  const base = levels.find((level) => level.p95 !== null)?.p95 ?? null;
  const index = levels.findIndex(
    (level) =>
      level.p95 !== null &&
      ((slo !== undefined && level.p95 >= slo) || (base !== null && base > 0 && level.p95 > 2 * base)),
  );
  return index < 0 ? undefined : index;
}

const counter = (window: MetricsPeriod, name: string) => window.counters[name] ?? 0;

/**
 * The load levels of a run: each window's concurrent players (virtual users created so far minus
 * those that completed or failed), windows of the same player count merged, percentiles weighted by
 * their counts. Windows without a response are left out.
 */
export function loadLevels(results: ArtilleryResults): LoadLevel[] {
  const windows = [...results.intermediate].sort((a, b) => a.period - b.period);
  const byPlayers = new Map<
    number,
    { windows: number; responses: number; sums: Record<'p50' | 'p95' | 'p99', number>; count: number }
  >();
  let active = 0;
  for (const window of windows) {
    active += counter(window, m.vusersCreated) - counter(window, m.vusersCompleted) - counter(window, m.vusersFailed);
    const latency = window.summaries[m.responseTime];
    const count = latency?.count ?? 0;
    if (count === 0 || active <= 0) continue;
    const level = byPlayers.get(active) ?? { windows: 0, responses: 0, sums: { p50: 0, p95: 0, p99: 0 }, count: 0 };
    level.windows += 1;
    level.responses += counter(window, m.responses);
    level.count += count;
    for (const stat of ['p50', 'p95', 'p99'] as const) level.sums[stat] += (latency?.[stat] ?? 0) * count;
    byPlayers.set(active, level);
  }
  return [...byPlayers]
    .sort(([a], [b]) => a - b)
    .map(([players, level]) => ({
      players,
      requestsPerSecond: Math.round((level.responses / (level.windows * 10)) * 10) / 10,
      p50: level.sums.p50 / level.count,
      p95: level.sums.p95 / level.count,
      p99: level.sums.p99 / level.count,
    }));
}

/** The SLO line: the p95 bound among the run's latency gates (`http.response_time.p95 < 1500`). */
function sloOf(gates: readonly GateResult[] | undefined): number | undefined {
  const gate = (gates ?? []).find((candidate) => /^http\.response_time\.p95 < \d/.test(candidate.expression));
  return gate ? Number(gate.expression.split('<')[1]) : undefined;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The two charts, or none when the run had fewer than two load levels. */
export function latencyByLoadCharts(results: ArtilleryResults, gates?: readonly GateResult[]): ChartSpec[] {
  const levels = loadLevels(results);
  if (levels.length < 2) return [];
  const slo = sloOf(gates);
  const knee = kneeOf(levels, slo);
  const chart = (id: string, title: string, xLabel: string, order: LoadLevel[]): ChartSpec => {
    const kneeLevel = knee === undefined ? undefined : levels[knee];
    const series: ChartSeries[] = [
      { label: 'p50', color: '#059669', values: order.map((level) => round(level.p50)) },
      { label: 'p95', color: '#d97706', values: order.map((level) => round(level.p95)) },
      { label: 'p99', color: '#dc2626', values: order.map((level) => round(level.p99)) },
      ...(slo === undefined ? [] : [{ label: `SLO p95 < ${slo} ms`, color: '#111827', values: order.map(() => slo) }]),
      ...(kneeLevel === undefined
        ? []
        : [
            {
              label: 'knee (p95)',
              color: '#7c3aed',
              values: order.map((level) => (level === kneeLevel ? round(level.p95) : null)),
            },
          ]),
    ];
    return {
      id,
      title,
      unit: 'ms',
      note: `percentiles of http.response_time per load level (windows of the same concurrent players merged); the knee is the first level whose p95 reaches the SLO or doubles the lowest level's`,
      x: order.map((level) => (xLabel === 'players' ? level.players : level.requestsPerSecond)),
      xLabel,
      series,
    };
  };
  const byRate = [...levels].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return [
    chart('latency-by-players', 'Response time by concurrent players', 'players', levels),
    chart('latency-by-rate', 'Response time by requests per second', 'req/s', byRate),
  ];
}
