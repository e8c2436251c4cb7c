import { describe, expect, it } from 'vitest';
import { notSampled } from '../dbwatch/index.ts';
import { fakeDatabaseWatch, WINDOW_START } from '../../test/support/live/fakeDatabaseWatch.ts';
import { createDashboardFeed } from './createDashboardFeed.ts';

describe('the dashboard feed', () => {
  it('judges the gates so far: no failed virtual user yet is 0, and lists only failures that happened', () => {
    const live = createDashboardFeed({
      scenario: 'smoke',
      plannedSeconds: 60,
      phaseCount: 2,
      ensure: { conditions: [{ expression: 'vusers.failed == 0' }] },
      now: () => 1_700_000_000_000,
    });
    live.onMessage({ type: 'rocket:phase', name: 'play', index: 1 });
    const update = live.onMessage({
      type: 'rocket:stats',
      period: 1_700_000_000_000,
      counters: { 'http.requests': 4, 'http.responses': 3, 'errors.ETIMEDOUT': 1, 'vusers.created': 2 },
    })!;
    expect(update.status.phase).toBe('play');
    expect(update.status.phaseIndex).toBe(2);
    expect(update.status.gates).toEqual([expect.objectContaining({ passed: true })]);
    expect(update.status.failures).toEqual([expect.objectContaining({ count: 1 })]);
    expect(live.finish().status).toMatchObject({ finished: true, remainingSeconds: 0 });
  });

  it("carries the database sampler's figures per window: wait types, sessions, lock waits, the top row", () => {
    let samples = 2;
    const live = createDashboardFeed({
      scenario: 'contention',
      plannedSeconds: 60,
      phaseCount: 1,
      ensure: undefined,
      database: () => fakeDatabaseWatch(samples),
      now: () => WINDOW_START,
    });
    const window = (offset: number) =>
      live.onMessage({ type: 'rocket:stats', period: WINDOW_START + offset, counters: { 'http.requests': 5 } })!;
    const first = window(0);
    const chart = (update: typeof first, id: string) =>
      Object.fromEntries(update.charts.charts.find((spec) => spec.id === id)!.series.map((s) => [s.label, s.values]));
    expect(first.database).toMatchObject({ sampled: true, lockWaits: 1, deadlocks: 0 });
    expect(first.database.note).toBe('sampled 127.0.0.1:5432/test every 2000 ms, 2 samples so far');
    expect(chart(first, 'db-waits')).toEqual({ CPU: [3], Lock: [0.5] });
    expect(chart(first, 'db-sessions')).toEqual({ active: [3.5], waiting: [0.5] });

    samples = 3;
    const second = window(10_000);
    // the report's charts and the database charts share the windows' x axis
    expect(second.charts.x).toEqual([WINDOW_START / 1000, WINDOW_START / 1000 + 10]);
    expect(chart(second, 'db-waits')).toEqual({ CPU: [3, 0], Lock: [0.5, 2] });
    expect(chart(second, 'db-sessions')).toEqual({ active: [3.5, 2], waiting: [0.5, 2] });
    expect(chart(second, 'db-lockwaits')).toEqual({ waiting: [1, 2] });
    expect(second.charts.charts.map((spec) => spec.id)).toContain('latency');
    expect(second.database.latest).toEqual({
      at: WINDOW_START + 12_000,
      active: 2,
      waiting: 2,
      connections: 14,
      maxConnections: 100,
      waits: { Lock: 2 },
    });
    // each wait once, with the longest time a sample saw it: 90 + 30 ms on the same row
    expect(second.database.lockWaits).toBe(2);
    expect(second.database.topRow).toMatchObject({
      relation: 'auction_lots',
      row: 'id=7',
      waits: 2,
      totalMs: 120,
      maxMs: 90,
      blockingEndpoints: ['rpc_place_auction_bid'],
    });
  });

  it('says how to sample the database when there is no sampler, and why not when it could not sample', () => {
    const options = { scenario: 'smoke', plannedSeconds: 60, phaseCount: 1, ensure: undefined };
    const none = createDashboardFeed(options).current();
    expect(none.database).toMatchObject({ sampled: false, latest: undefined, topRow: undefined });
    expect(none.database.note).toMatch(/^database not sampled: give --database-url/);
    expect(none.charts.charts.some((spec) => spec.id.startsWith('db-'))).toBe(false);
    const pglite = createDashboardFeed({ ...options, database: () => notSampled('embedded PGlite: …', 2000) });
    expect(pglite.current().database.note).toBe('database not sampled: embedded PGlite: …');
  });
});
