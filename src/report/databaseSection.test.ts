import { describe, expect, it } from 'vitest';
import type { DatabaseWatch } from '../dbwatch/index.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import { databaseSection } from './databaseSection.ts';

const results: ArtilleryResults = {
  aggregate: { period: 0, counters: {}, rates: {}, summaries: {} },
  intermediate: [],
};

const HOSTILE = '<script>alert(1)</script>';

function watch(overrides: Partial<DatabaseWatch>): DatabaseWatch {
  return {
    version: 1,
    sampled: true,
    source: '127.0.0.1:5432/test',
    intervalMs: 2000,
    startedAt: 0,
    endedAt: 10_000,
    server: { version: '15', maxConnections: 100, statementsTrack: 'top' },
    missing: [],
    phases: [],
    samples: [],
    statements: {},
    samplerMs: 0,
    failedSamples: 0,
    ...overrides,
  };
}

describe('databaseSection', () => {
  it('without database.json says how to sample', () => {
    expect(databaseSection(undefined, results)).toContain('Not sampled: give --database-url');
  });

  it('a run that could not sample gives the reason, and the embedded stack its own time per endpoint', () => {
    const html = databaseSection(
      watch({
        sampled: false,
        reason: 'embedded PGlite: it has no pg_stat_statements',
        serverTimes: { rpc_place_auction_bid: { calls: 4, totalMs: 100, maxMs: 60, errors: 1 } },
      }),
      results,
    );
    expect(html).toContain('Not sampled: embedded PGlite: it has no pg_stat_statements.');
    expect(html).toMatch(
      /data-db-server-times>.*<code>rpc_place_auction_bid<\/code><\/td><td class="num">4<\/td><td class="num">100 ms<\/td><td class="num">25 ms<\/td>/,
    );
  });

  it('lists what was missing, and escapes every text from the database', () => {
    const lockWait = {
      id: '1:1',
      waitingEndpoint: 'rpc_x',
      waitingStatement: HOSTILE,
      lockType: 'tuple',
      relation: HOSTILE,
      row: 'id=1',
      waitedMs: 5,
      blockingEndpoints: ['rpc_y'],
      blockingStatements: [HOSTILE],
    };
    const sample = {
      at: 1000,
      waits: { Lock: 1 },
      active: 1,
      waiting: 1,
      connections: 3,
      statements: [],
      database: undefined,
      lockWaits: [lockWait],
    };
    const html = databaseSection(
      watch({ missing: ['role r is not a member of pg_read_all_stats'], samples: [sample, { ...sample, at: 3000 }] }),
      results,
    );
    expect(html).toContain('<li>role r is not a member of pg_read_all_stats</li>');
    expect(html).toContain('data-db-contention');
    expect(html).not.toContain('<script>');
  });
});
