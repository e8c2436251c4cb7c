import { describe, expect, it } from 'vitest';
import type { MetricsPeriod } from '../report/artilleryResults.ts';
import { judgeCapacityStep, latencyBounds } from './judgeCapacityStep.ts';

const ensure = { thresholds: [{ 'http.response_time.p95': 1500 }, { 'http.response_time.p99': 3000 }] };
const bid = 'plugins.metrics-by-endpoint.response_time.rpc_place_auction_bid';

function window(options: { p95: number; bidP95?: number; failures?: number; loop?: number }): MetricsPeriod {
  return {
    period: 0,
    rates: {},
    counters: { 'http.responses': 100, ...(options.failures ? { 'rocket.failure.http_5xx': options.failures } : {}) },
    summaries: {
      'http.response_time': { count: 100, p50: options.p95 / 2, p95: options.p95, p99: options.p95 * 1.2 },
      ...(options.bidP95 ? { [bid]: { count: 20, p95: options.bidP95, p99: options.bidP95 } } : {}),
      ...(options.loop ? { 'rocket.generator.event_loop_p99_ms': { p50: options.loop } } : {}),
    },
  };
}

describe('latencyBounds', () => {
  it('reads the thresholds on http.response_time and the legacy keys', () => {
    expect(latencyBounds({ ...ensure, p99: 2500 })).toEqual([
      { stat: 'p95', maxMs: 1500 },
      { stat: 'p99', maxMs: 3000 },
      { stat: 'p99', maxMs: 2500 },
    ]);
  });
});

describe('judgeCapacityStep', () => {
  it('passes within the SLO, with its figures', () => {
    expect(judgeCapacityStep({ index: 2, load: 12 }, [window({ p95: 200 }), window({ p95: 300 })], ensure)).toEqual({
      index: 2,
      load: 12,
      verdict: 'pass',
      windows: 2,
      requests: 200,
      requestsPerSecond: 10,
      p50: 125,
      p95: 250,
      p99: 300,
      failureRate: 0,
    });
  });

  it('fails on an endpoint over the threshold, naming it, and on unexpected failures', () => {
    const result = judgeCapacityStep({ index: 3, load: 18 }, [window({ p95: 900, bidP95: 1900, failures: 3 })], ensure);
    expect(result.verdict).toBe('fail');
    expect(result.reason).toBe(
      'p95 of rpc_place_auction_bid 1,900 ms ≥ 1,500 ms; unexpected failures 3.0 % > 1 % of requests',
    );
  });

  it('a window with the generator saturated makes the step inconclusive, whatever the latency', () => {
    const result = judgeCapacityStep({ index: 0, load: 5 }, [window({ p95: 2500, loop: 700 })], ensure);
    expect(result).toMatchObject({
      verdict: 'inconclusive',
      reason: 'the generator was the limit (event-loop p99 700 ms > 200 ms)',
    });
  });

  it('no window after the warm-up: inconclusive', () => {
    expect(judgeCapacityStep({ index: 0, load: 5 }, [], ensure).verdict).toBe('inconclusive');
  });
});
