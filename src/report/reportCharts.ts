/** @module The time-series charts of a report, as data the page's script hands to uPlot (one shared x axis). */
import { outcomeCounters } from './reportMetrics.ts';
import type { WindowSeries } from './summarizeResults.ts';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

export interface ChartSpec {
  /** `data-chart` attribute of the chart's container */
  id: string;
  title: string;
  /** how the page formats values: `ms`, `req/s` or plain `count` */
  unit: 'ms' | 'req/s' | 'count';
  /** one line under the title saying what a point is */
  note: string;
  series: ChartSeries[];
  /** the chart's own x values (ascending) instead of the window starts: latency against load */
  x?: number[];
  /** the unit of `x` (`players`, `req/s`) */
  xLabel?: string;
}

/** What the page embeds as JSON: window starts (epoch seconds) and the charts drawn over them. */
export interface ChartData {
  x: number[];
  charts: ChartSpec[];
}

const PALETTE = [
  '#2563eb',
  '#d97706',
  '#059669',
  '#dc2626',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#9333ea',
  '#ea580c',
];
const CODE_COLORS: Record<string, string[]> = {
  '1': ['#64748b'],
  '2': ['#16a34a', '#4ade80', '#15803d'],
  '3': ['#2563eb', '#60a5fa'],
  '4': ['#d97706', '#f59e0b', '#b45309', '#fbbf24'],
  '5': ['#dc2626', '#f87171', '#991b1b', '#fca5a5'],
};

/** Builds the report's charts from the per-window series; values are rounded to 0.01 to keep the page small. */
export function reportCharts(windows: WindowSeries): ChartData {
  const byClass = new Map<string, number>();
  const codeColor = (code: string) => {
    const family = CODE_COLORS[code[0] ?? ''] ?? PALETTE;
    const index = byClass.get(code[0] ?? '') ?? 0;
    byClass.set(code[0] ?? '', index + 1);
    return family[index % family.length] ?? '#64748b';
  };
  const line = (label: string, values: (number | null)[], index: number): ChartSeries => ({
    label,
    color: PALETTE[index % PALETTE.length] ?? '#64748b',
    values: values.map(round),
  });
  return {
    x: windows.t,
    charts: [
      {
        id: 'requests-per-second',
        title: 'Requests per second',
        unit: 'req/s',
        note: 'requests sent in each 10-s window divided by the seconds of the window the run was active',
        series: [line('requests/s', windows.requestsPerSec, 0)],
      },
      {
        id: 'latency',
        title: 'Response time',
        unit: 'ms',
        note: 'percentiles of http.response_time (time to first byte) per 10-s window',
        series: [line('p50', windows.p50, 2), line('p95', windows.p95, 1), line('p99', windows.p99, 3)],
      },
      {
        id: 'errors-and-codes',
        title: 'Errors and response codes',
        unit: 'count',
        note: 'responses per status code and errors (no response: timeouts, resets) per 10-s window',
        series: [
          ...Object.entries(windows.codes).map(([code, values]) => ({
            label: `HTTP ${code}`,
            color: codeColor(code),
            values,
          })),
          { label: 'errors', color: '#111827', values: windows.errors },
        ],
      },
      {
        id: 'vusers',
        title: 'Virtual users',
        unit: 'count',
        note: 'virtual users created, completed and failed per 10-s window',
        series: [
          line('created', windows.vusersCreated, 0),
          line('completed', windows.vusersCompleted, 2),
          line('failed', windows.vusersFailed, 3),
        ],
      },
      {
        id: 'outcomes',
        title: 'Gameplay outcomes',
        unit: 'count',
        note: 'rocket.* outcome counters per 10-s window',
        series: outcomeCounters.map(({ key, label }, index) => line(label, windows.outcomes[key] ?? [], index)),
      },
      {
        id: 'endpoint-p95',
        title: 'p95 by endpoint',
        unit: 'ms',
        note: 'metrics-by-endpoint response time p95 per 10-s window',
        series: Object.entries(windows.endpointP95).map(([name, values], index) => line(name, values, index)),
      },
    ],
  };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
