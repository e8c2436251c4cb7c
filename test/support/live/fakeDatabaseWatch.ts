/**
 * @module A database sampler's state for the live dashboard's tests, without a database: three samples
 * over two 10-s windows starting at `WINDOW_START`, one lock wait on `auction_lots id=7` seen twice
 * (40 then 90 ms) and a second one (30 ms) on the same row in the second window.
 */
import type { DatabaseSample, DatabaseWatch, LockWait } from '../../../src/dbwatch/DatabaseWatch.ts';

/** The first window's start, epoch milliseconds. */
export const WINDOW_START = 1_700_000_000_000;

const wait = (id: string, waitedMs: number): LockWait => ({
  id,
  waitingEndpoint: 'rpc_place_auction_bid',
  waitingStatement: 'update auction_lots set high_bid = $1 where id = $2',
  lockType: 'tuple',
  relation: 'auction_lots',
  row: 'id=7',
  waitedMs,
  blockingEndpoints: ['rpc_place_auction_bid'],
  blockingStatements: ['update auction_lots set high_bid = $1 where id = $2'],
});

const sample = (offsetMs: number, fields: Partial<DatabaseSample>): DatabaseSample => ({
  at: WINDOW_START + offsetMs,
  waits: {},
  active: 0,
  waiting: 0,
  connections: 12,
  statements: [],
  database: { commits: 10, rollbacks: 0, deadlocks: 0, tempBytes: 0, conflicts: 0 },
  lockWaits: [],
  ...fields,
});

/** The samples, in order: two in the first window, one in the second. */
const FAKE_SAMPLES: readonly DatabaseSample[] = [
  sample(2000, { waits: { CPU: 2, Lock: 1 }, active: 3, waiting: 1, lockWaits: [wait('101:a', 40)] }),
  sample(4000, { waits: { CPU: 4 }, active: 4 }),
  sample(12_000, {
    waits: { Lock: 2 },
    active: 2,
    waiting: 2,
    connections: 14,
    lockWaits: [wait('101:a', 90), wait('102:b', 30)],
  }),
];

/** What the sampler has seen after the first `count` samples. */
export function fakeDatabaseWatch(count: number): DatabaseWatch {
  return {
    version: 1,
    sampled: true,
    source: '127.0.0.1:5432/test',
    intervalMs: 2000,
    startedAt: WINDOW_START,
    endedAt: WINDOW_START + 20_000,
    server: { version: '15.8', maxConnections: 100, statementsTrack: 'top' },
    missing: [],
    phases: [{ name: 'play', at: WINDOW_START }],
    samples: FAKE_SAMPLES.slice(0, count),
    statements: {},
    samplerMs: 1,
    failedSamples: 0,
  };
}
