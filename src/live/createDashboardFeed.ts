/**
 * @module What the live dashboard shows, rebuilt every window from the rocket plugin's IPC messages
 * (`rocket:phase`, `rocket:stats` with each window's counters, summaries and sketches): the report's
 * charts (same `summarizeResults` and `reportCharts`), the phase and time left, players, failures by
 * kind and the gates evaluated so far on the aggregate of the windows seen (percentiles merged from
 * the windows' sketches, as `rocket-sim merge` does), and the database sampler's figures so far
 * (`liveDatabasePanels`: its charts join the report's, drawn by the same page script).
 */
import type { DatabaseWatch } from '../dbwatch/index.ts';
import type { MetricsPeriod } from '../report/artilleryResults.ts';
import type { EnsureConfig } from '../report/ensureConfig.ts';
import { evaluateGates, type GateResult } from '../report/evaluateGates.ts';
import { mergeResults } from '../report/mergeResults.ts';
import { reportCharts, type ChartData } from '../report/reportCharts.ts';
import { summarizeResults, type Breakdown } from '../report/summarizeResults.ts';
import { liveDatabasePanels, type LiveDatabase } from './liveDatabasePanels.ts';

/** One server-sent update: everything the page draws. */
export interface DashboardUpdate {
  /** how many windows have arrived (the page shows it; tests count updates by it) */
  windows: number;
  /** the report's charts, then the database charts when the database is sampled */
  charts: ChartData;
  database: LiveDatabase;
  status: {
    scenario: string;
    phase: string;
    phaseIndex: number;
    phaseCount: number;
    elapsedSeconds: number;
    remainingSeconds: number;
    requests: number;
    p95Ms: number | undefined;
    /** players playing now: created minus completed and failed */
    playersActive: number;
    playersCreated: number;
    /** `rocket.failure.<kind>` and `errors.<code>`, largest first */
    failures: Breakdown[];
    /** undefined when the scenario has no gates */
    gates: Pick<GateResult, 'name' | 'passed' | 'strict' | 'value'>[] | undefined;
    /** the run has ended: no more updates */
    finished: boolean;
  };
}

export interface DashboardFeed {
  /** takes one IPC message; returns the new update when the message changes what is shown */
  onMessage(message: unknown): DashboardUpdate | undefined;
  /** the latest update (a page that connects gets it at once) */
  current(): DashboardUpdate;
  /** marks the run as ended */
  finish(): DashboardUpdate;
}

interface StatsMessage {
  type: 'rocket:stats';
  period?: number;
  counters?: Record<string, number>;
  summaries?: Record<string, Record<string, number>>;
  sketches?: Record<string, string>;
}

interface PhaseMessage {
  type: 'rocket:phase';
  name?: string;
  index?: number;
}

export function createDashboardFeed(options: {
  scenario: string;
  plannedSeconds: number;
  phaseCount: number;
  ensure: EnsureConfig | undefined;
  /** what the run's database sampler has seen so far; undefined: no sampler (the page says how to get one) */
  database?: (() => DatabaseWatch) | undefined;
  now?: () => number;
}): DashboardFeed {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const windows: MetricsPeriod[] = [];
  let phase = 'starting';
  let phaseIndex = 0;
  let finished = false;

  const build = (): DashboardUpdate => {
    const runs = windows.map((window) => ({ aggregate: window, intermediate: [window] }));
    const merged =
      runs.length > 0 ? mergeResults(runs).aggregate : { period: startedAt, counters: {}, rates: {}, summaries: {} };
    // Artillery reports these at the end even when zero; so far, no virtual user completed or failed is 0, not missing
    const aggregate = { ...merged, counters: { 'vusers.completed': 0, 'vusers.failed': 0, ...merged.counters } };
    const summary = summarizeResults({ aggregate, intermediate: windows });
    const elapsed = (now() - startedAt) / 1000;
    const charts = reportCharts(summary.windows);
    const database = liveDatabasePanels(options.database?.(), charts.x);
    return {
      windows: windows.length,
      charts: { x: charts.x, charts: [...charts.charts, ...database.charts] },
      database: database.panels,
      status: {
        scenario: options.scenario,
        phase,
        phaseIndex,
        phaseCount: options.phaseCount,
        elapsedSeconds: Math.round(elapsed),
        remainingSeconds: finished ? 0 : Math.max(0, Math.round(options.plannedSeconds - elapsed)),
        requests: summary.requests,
        p95Ms: summary.latency?.p95 ?? undefined,
        playersActive: Math.max(0, summary.vusers.created - summary.vusers.completed - summary.vusers.failed),
        playersCreated: summary.vusers.created,
        failures: [...summary.failures, ...summary.errorsByCode]
          .filter((entry) => entry.count > 0)
          .sort((a, b) => b.count - a.count),
        gates: options.ensure
          ? evaluateGates(options.ensure, aggregate).map(({ name, passed, strict, value }) => ({
              name,
              passed,
              strict,
              value,
            }))
          : undefined,
        finished,
      },
    };
  };

  let latest = build();
  return {
    onMessage(message) {
      const typed = message as StatsMessage | PhaseMessage | { type?: string };
      if (typed.type === 'rocket:phase') {
        const p = typed as PhaseMessage;
        phase = p.name ?? `phase ${(p.index ?? 0) + 1}`;
        phaseIndex = (p.index ?? 0) + 1;
      } else if (typed.type === 'rocket:stats') {
        const stats = typed as StatsMessage;
        windows.push({
          period: stats.period ?? now(),
          counters: stats.counters ?? {},
          rates: {},
          summaries: stats.summaries ?? {},
          ...(stats.sketches ? { sketches: stats.sketches } : {}),
        });
        windows.sort((a, b) => a.period - b.period);
      } else return undefined;
      latest = build();
      return latest;
    },
    current: () => latest,
    finish() {
      finished = true;
      latest = build();
      return latest;
    },
  };
}
