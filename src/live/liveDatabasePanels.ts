/**
 * @module The live dashboard's database panels, from what the run's database sampler has seen so far
 * (`database.json`'s shape, read every window): sessions by wait type, active and lock-waiting
 * sessions and lock waits per 10-s window, as report charts over the windows' own x axis (drawn by the
 * report's page script with the other charts), the latest sample's sessions and connections, the lock
 * waits and deadlocks so far, and the top contended row (the first row of the report's contention
 * table). Not sampled: one line saying why and how to sample.
 */
import type { DatabaseWatch, WaitClass } from '../dbwatch/DatabaseWatch.ts';
import { summarizeDatabase, type ContentionRow } from '../dbwatch/summarizeDatabase.ts';
import { WAIT_COLORS } from '../report/databaseSection.ts';
import type { ChartSeries, ChartSpec } from '../report/reportCharts.ts';

export interface LiveDatabase {
  sampled: boolean;
  /** what is sampled, or `database not sampled: <why>` */
  note: string;
  /** the newest sample; undefined before the first one after the baseline */
  latest:
    | {
        at: number;
        active: number;
        waiting: number;
        connections: number;
        maxConnections: number | undefined;
        waits: Partial<Record<WaitClass, number>>;
      }
    | undefined;
  /** distinct lock waits sampled so far */
  lockWaits: number;
  deadlocks: number;
  /** the relation and row whose lock waits added up longest so far */
  topRow: Omit<ContentionRow, 'blockingStatement'> | undefined;
}

/** The database charts' containers on the page: their ids, titles and notes. */
export const DATABASE_CHARTS: readonly Pick<ChartSpec, 'id' | 'title' | 'note'>[] = [
  {
    id: 'db-waits',
    title: 'Database sessions by wait type',
    note: "mean sessions of the target database per wait type over each 10-s window's samples (about database seconds per second)",
  },
  {
    id: 'db-sessions',
    title: 'Active and lock-waiting sessions',
    note: "mean sessions running a statement, and those waiting for a heavyweight lock, over each window's samples",
  },
  {
    id: 'db-lockwaits',
    title: 'Lock waits per window',
    note: 'distinct lock waits the samples of each window landed on (a lower bound)',
  },
];

const NOT_SAMPLED = 'give --database-url (or SIM_DATABASE_URL) to sample the target database beside the load';

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The panels and the database charts over `windowStarts` (epoch seconds, ascending). */
export function liveDatabasePanels(
  watch: DatabaseWatch | undefined,
  windowStarts: readonly number[],
): { panels: LiveDatabase; charts: ChartSpec[] } {
  if (!watch?.sampled)
    return {
      panels: {
        sampled: false,
        note: `database not sampled: ${watch?.reason ?? NOT_SAMPLED}`,
        latest: undefined,
        lockWaits: 0,
        deadlocks: 0,
        topRow: undefined,
      },
      charts: [],
    };
  const summary = summarizeDatabase(watch);
  // the samples of each window: [start, next start), the last one 10 s long
  const buckets = windowStarts.map((start, index) => {
    const from = start * 1000;
    const to = (windowStarts[index + 1] ?? start + 10) * 1000;
    return watch.samples.flatMap((sample, at) => (sample.at >= from && sample.at < to ? [at] : []));
  });
  const mean = (values: readonly number[]) =>
    buckets.map((indexes) =>
      round(indexes.length === 0 ? null : indexes.reduce((sum, at) => sum + (values[at] ?? 0), 0) / indexes.length),
    );
  const series = (label: string, values: (number | null)[]): ChartSeries => ({
    label,
    color: WAIT_COLORS[label] ?? (label === 'waiting' ? '#e53935' : '#1e88e5'),
    values,
  });
  const [waits, sessions, lockWaits] = DATABASE_CHARTS as [ChartSpec, ChartSpec, ChartSpec];
  const charts: ChartSpec[] = [
    {
      ...waits,
      unit: 'count',
      series: Object.entries(summary.waitSeries.classes).map(([name, values]) => series(name, mean(values ?? []))),
    },
    {
      ...sessions,
      unit: 'count',
      series: [series('active', mean(summary.active)), series('waiting', mean(summary.waiting))],
    },
    {
      ...lockWaits,
      unit: 'count',
      series: [
        series(
          'waiting',
          buckets.map((indexes) =>
            indexes.length === 0
              ? null
              : new Set(indexes.flatMap((at) => watch.samples[at]!.lockWaits.map((wait) => wait.id))).size,
          ),
        ),
      ],
    },
  ];
  const last = watch.samples[watch.samples.length - 1];
  const top = summary.contention[0];
  const missing = watch.missing.length > 0 ? `; missing: ${watch.missing.join('; ')}` : '';
  return {
    panels: {
      sampled: true,
      note: `sampled ${watch.source} every ${watch.intervalMs} ms, ${watch.samples.length} samples so far${missing}`,
      latest: last && {
        at: last.at,
        active: last.active,
        waiting: last.waiting,
        connections: last.connections,
        maxConnections: watch.server?.maxConnections,
        waits: last.waits,
      },
      lockWaits: summary.waits.length,
      deadlocks: summary.totals.deadlocks,
      topRow: top && {
        relation: top.relation,
        row: top.row,
        lockType: top.lockType,
        waits: top.waits,
        totalMs: Math.round(top.totalMs),
        maxMs: Math.round(top.maxMs),
        waitingEndpoints: top.waitingEndpoints,
        blockingEndpoints: top.blockingEndpoints,
      },
    },
    charts,
  };
}
