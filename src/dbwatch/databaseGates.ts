/**
 * @module The database as `ensure` metrics: `rocket.db.lock_wait_ms` (a summary of the sampled lock
 * waits), `rocket.db.deadlocks`, `rocket.db.statement_timeouts`, `rocket.db.connections_max_ratio`,
 * added to a run's aggregate before its gates are evaluated; and the database gates a scenario gains
 * when its database is sampled.
 */
import type { DatabaseWatch } from './DatabaseWatch.ts';
import { summarizeDatabase } from './summarizeDatabase.ts';

interface Aggregate {
  counters: Record<string, number>;
  summaries: Record<string, Readonly<Record<string, number>>>;
}

/** The server's text of SQLSTATE 57014 as PostgREST passes it on, counted by the players per request. */
const STATEMENT_TIMEOUT = 'canceling statement due to statement timeout';

/** Conditions every sampled run gains, and those of scenarios that stress the database. */
const DATABASE_GATES: Record<string, readonly string[]> = {
  default: ['rocket.db.deadlocks == 0', 'rocket.db.statement_timeouts == 0'],
  'auction-rush': [
    'rocket.db.deadlocks == 0',
    'rocket.db.statement_timeouts == 0',
    'rocket.db.connections_max_ratio < 0.8',
    'rocket.db.lock_wait_ms.p95 < 2000',
  ],
};

/** The scenario's gates plus its database gates when the database is sampled. */
export function withDatabaseGates<T extends { conditions?: unknown[] | undefined }>(
  ensure: T,
  scenario: string,
  sampling: boolean,
): T {
  if (!sampling) return ensure;
  const conditions = (DATABASE_GATES[scenario] ?? DATABASE_GATES.default!).map((expression) => ({ expression }));
  return { ...ensure, conditions: [...(ensure.conditions ?? []), ...conditions] };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `aggregate` with the rocket.db.* metrics of `watch` (statement timeouts from the players' counters always). */
export function withDatabaseMetrics<T extends Aggregate>(aggregate: T, watch: DatabaseWatch | undefined): T {
  const timeouts = Object.entries(aggregate.counters)
    .filter(([name]) => name.startsWith('rocket.message.') && name.includes(STATEMENT_TIMEOUT))
    .reduce((total, [, value]) => total + value, 0);
  const counters: Record<string, number> = { ...aggregate.counters, 'rocket.db.statement_timeouts': timeouts };
  const summaries = { ...aggregate.summaries };
  if (watch?.sampled) {
    const summary = summarizeDatabase(watch);
    const waits = summary.waits.map((wait) => wait.waitedMs).sort((a, b) => a - b);
    counters['rocket.db.deadlocks'] = summary.totals.deadlocks;
    counters['rocket.db.lock_waits'] = waits.length;
    const max = summary.maxConnections;
    if (max)
      counters['rocket.db.connections_max_ratio'] =
        Math.round((Math.max(0, ...summary.connections) / max) * 1000) / 1000;
    summaries['rocket.db.lock_wait_ms'] = {
      min: waits[0] ?? 0,
      max: waits[waits.length - 1] ?? 0,
      count: waits.length,
      mean: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0,
      median: percentile(waits, 50),
      p95: percentile(waits, 95),
      p99: percentile(waits, 99),
    };
  }
  return { ...aggregate, counters, summaries };
}
