import { describe, expect, it } from 'vitest';
import type { ArtilleryResults } from './artilleryResults.ts';
import { kneeOf, latencyByLoadCharts, loadLevels } from './latencyByLoad.ts';

const window = (period: number, created: number, p95: number, responses = 100) => ({
  period,
  rates: {},
  counters: { 'vusers.created': created, 'http.responses': responses },
  summaries: { 'http.response_time': { count: responses, p50: p95 / 2, p95, p99: p95 * 2 } },
});
const results = (windows: ReturnType<typeof window>[]): ArtilleryResults => ({
  aggregate: { period: 0, counters: {}, rates: {}, summaries: {} },
  intermediate: windows,
});
const gates = [{ name: 'p95', expression: 'http.response_time.p95 < 1500', value: 0, passed: true, strict: true }];

describe('loadLevels', () => {
  it('merges the windows of one player count, weighting the percentiles by their counts', () => {
    const levels = loadLevels(results([window(0, 5, 100), window(10_000, 0, 200, 300), window(20_000, 3, 900)]));
    expect(levels).toEqual([
      { players: 5, requestsPerSecond: 20, p50: 87.5, p95: 175, p99: 350 },
      { players: 8, requestsPerSecond: 10, p50: 450, p95: 900, p99: 1800 },
    ]);
  });
});

describe('kneeOf', () => {
  const level = (players: number, p95: number) => ({ players, requestsPerSecond: players, p50: 1, p95, p99: 1 });
  it('is the first level reaching the SLO or doubling the lowest p95', () => {
    expect(kneeOf([level(5, 100), level(8, 150), level(12, 900), level(18, 2000)], 1500)).toBe(2);
    expect(kneeOf([level(5, 100), level(8, 150), level(12, 190)], 150)).toBe(1);
    expect(kneeOf([level(5, 100), level(8, 120)], undefined)).toBeUndefined();
  });
});

describe('latencyByLoadCharts', () => {
  it('two charts over players and req/s with the SLO line and the knee, for more than one load level', () => {
    const charts = latencyByLoadCharts(
      results([window(0, 5, 100), window(10_000, 3, 150), window(20_000, 4, 1600)]),
      gates,
    );
    expect(charts.map((chart) => [chart.id, chart.x])).toEqual([
      ['latency-by-players', [5, 8, 12]],
      ['latency-by-rate', [10, 10, 10]],
    ]);
    const [players] = charts;
    expect(players!.series.map((series) => series.label)).toEqual([
      'p50',
      'p95',
      'p99',
      'SLO p95 < 1500 ms',
      'knee (p95)',
    ]);
    expect(players!.series.at(-1)!.values).toEqual([null, null, 1600]);
  });

  it('none for a run at one load level', () => {
    expect(latencyByLoadCharts(results([window(0, 5, 100), window(10_000, 0, 100)]), gates)).toEqual([]);
  });
});
