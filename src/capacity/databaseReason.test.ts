import { describe, expect, it } from 'vitest';
import type { DatabaseSample, DatabaseWatch } from '../dbwatch/DatabaseWatch.ts';
import { databaseReason } from './databaseReason.ts';

const sample = (
  at: number,
  waits: DatabaseSample['waits'],
  lockWaits: DatabaseSample['lockWaits'] = [],
): DatabaseSample => ({
  at,
  waits,
  active: 0,
  waiting: 0,
  connections: 5,
  statements: [],
  database: undefined,
  lockWaits,
});
const wait = (row: string) => ({
  id: `1:${row}`,
  waitingEndpoint: 'rpc_place_auction_bid',
  waitingStatement: 'update auction_rounds set ...',
  lockType: 'tuple',
  relation: 'auction_rounds',
  row,
  waitedMs: 800,
  blockingEndpoints: ['rpc_place_auction_bid'],
  blockingStatements: ['update auction_rounds set ...'],
});
const watch = (samples: DatabaseSample[], sampled = true): DatabaseWatch => ({
  version: 1,
  sampled,
  source: 'embedded stack PostgreSQL',
  intervalMs: 1000,
  startedAt: 0,
  endedAt: 10_000,
  server: undefined,
  missing: [],
  phases: [],
  samples,
  statements: {},
  samplerMs: 0,
  failedSamples: 0,
});

describe('databaseReason', () => {
  it('mostly lock waits in the span: the row most waited for, who waited behind whom', () => {
    const samples = [
      sample(1000, { Lock: 3, CPU: 1 }, [wait('id=7'), wait('id=7'), wait('id=9')]),
      sample(2000, { Lock: 2, CPU: 1, Client: 4 }, [wait('id=7')]),
      sample(9000, { CPU: 9 }),
    ];
    expect(databaseReason(watch(samples), 0, 5000)).toBe(
      "mostly lock waits (71 % of the database sessions' samples): on auction_rounds id=7 (rpc_place_auction_bid behind rpc_place_auction_bid)",
    );
  });

  it('nothing when the time went elsewhere, or the database was not sampled', () => {
    expect(databaseReason(watch([sample(1000, { CPU: 5, Lock: 1 })]), 0, 5000)).toBeUndefined();
    expect(databaseReason(watch([sample(1000, { Lock: 5 })], false), 0, 5000)).toBeUndefined();
    expect(databaseReason(undefined, 0, 5000)).toBeUndefined();
  });
});
