import { describe, expect, it } from 'vitest';
import type { DatabaseSample, DatabaseWatch, LockWait } from './DatabaseWatch.ts';
import { withDatabaseGates, withDatabaseMetrics } from './databaseGates.ts';
import { summarizeDatabase } from './summarizeDatabase.ts';

const T0 = Date.UTC(2026, 0, 1);
const BID = 'WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM ... "public"."place_auction_bid"() pgrst_call)';

function wait(id: string, waitedMs: number, row = 'id=12'): LockWait {
  return {
    id,
    waitingEndpoint: 'rpc_place_auction_bid',
    waitingStatement: BID,
    lockType: 'transactionid',
    relation: 'auction_rounds',
    row,
    waitedMs,
    blockingEndpoints: ['rpc_place_auction_bid'],
    blockingStatements: [BID],
  };
}

function sample(at: number, extra: Partial<DatabaseSample> = {}): DatabaseSample {
  return {
    at,
    waits: { CPU: 1 },
    active: 1,
    waiting: 0,
    connections: 12,
    statements: [],
    database: { commits: 10, rollbacks: 1, deadlocks: 0, tempBytes: 0, conflicts: 0 },
    lockWaits: [],
    ...extra,
  };
}

function watch(samples: DatabaseSample[]): DatabaseWatch {
  return {
    version: 1,
    sampled: true,
    source: '127.0.0.1:5432/test',
    intervalMs: 2000,
    startedAt: T0,
    endedAt: T0 + 60_000,
    server: { version: '15', maxConnections: 100, statementsTrack: 'top' },
    missing: [],
    phases: [
      { name: 'warm up', at: T0 },
      { name: 'rush', at: T0 + 20_000 },
    ],
    samples,
    statements: { k: BID },
    samplerMs: 1,
    failedSamples: 0,
  };
}

const run = watch([
  sample(T0 + 2000),
  // one wait seen in two samples counts once, with the longer duration
  sample(T0 + 22_000, { lockWaits: [wait('1:a', 40), wait('2:b', 10)], waiting: 2 }),
  sample(T0 + 24_000, {
    lockWaits: [wait('1:a', 90)],
    connections: 40,
    statements: [
      { key: 'k', endpoint: 'rpc_place_auction_bid', calls: 10, totalMs: 200, rows: 10, sharedHit: 1, sharedRead: 0 },
    ],
    database: { commits: 5, rollbacks: 2, deadlocks: 1, tempBytes: 0, conflicts: 0 },
  }),
]);

describe('summarizeDatabase', () => {
  it('counts each lock wait once, groups contention by relation and row, splits statements by phase', () => {
    const summary = summarizeDatabase(run);
    expect(summary.waits.map((w) => [w.id, w.waitedMs])).toEqual([
      ['1:a', 90],
      ['2:b', 10],
    ]);
    expect(summary.contention).toEqual([
      expect.objectContaining({ relation: 'auction_rounds', row: 'id=12', waits: 2, totalMs: 100, maxMs: 90 }),
    ]);
    expect(summary.phases.map((phase) => phase.name)).toEqual(['warm up', 'rush']);
    expect(summary.phases[0]!.byTotal).toEqual([]);
    expect(summary.phases[1]!.byTotal[0]).toMatchObject({ endpoint: 'rpc_place_auction_bid', calls: 10, meanMs: 20 });
    expect(summary.phases[1]!.lockMsByEndpoint.rpc_place_auction_bid).toEqual({
      ms: 100,
      relation: 'auction_rounds',
      row: 'id=12',
      blocking: 'rpc_place_auction_bid',
    });
    expect(summary.deadlocks).toEqual([{ at: T0 + 24_000, count: 1, statements: [BID] }]);
  });
});

describe('withDatabaseMetrics', () => {
  const aggregate: { counters: Record<string, number>; summaries: Record<string, Record<string, number>> } = {
    counters: {
      'rocket.message.rpc_get_user_inventory.500: canceling statement due to statement timeout': 3,
      'rocket.message.rpc_place_auction_bid.500: something else': 1,
    },
    summaries: {},
  };

  it('adds rocket.db.* from database.json and statement timeouts from the players counters', () => {
    const metrics = withDatabaseMetrics(aggregate, run);
    expect(metrics.counters).toMatchObject({
      'rocket.db.statement_timeouts': 3,
      'rocket.db.deadlocks': 1,
      'rocket.db.lock_waits': 2,
      'rocket.db.connections_max_ratio': 0.4,
    });
    expect(metrics.summaries['rocket.db.lock_wait_ms']).toMatchObject({ min: 10, max: 90, p95: 90, count: 2 });
  });

  it('without a sampled database only the statement timeouts are known', () => {
    const metrics = withDatabaseMetrics(aggregate, undefined);
    expect(metrics.counters['rocket.db.statement_timeouts']).toBe(3);
    expect(metrics.counters['rocket.db.deadlocks']).toBeUndefined();
    expect(metrics.summaries['rocket.db.lock_wait_ms']).toBeUndefined();
  });
});

describe('withDatabaseGates', () => {
  it('adds the database gates only when sampling, auction-rush with its lock and connection gates', () => {
    const ensure = { conditions: [{ expression: 'rocket.auction_bid > 0' }] };
    expect(withDatabaseGates(ensure, 'smoke', false)).toBe(ensure);
    expect(
      withDatabaseGates(ensure, 'smoke', true).conditions.map((c) => (c as { expression: string }).expression),
    ).toEqual(['rocket.auction_bid > 0', 'rocket.db.deadlocks == 0', 'rocket.db.statement_timeouts == 0']);
    expect(withDatabaseGates<{ conditions?: unknown[] }>({}, 'auction-rush', true).conditions).toHaveLength(4);
  });
});
