import { describe, expect, it } from 'vitest';
import { capacitySteps } from './capacitySteps.ts';
import { createCapacityWatch } from './createCapacityWatch.ts';

const ensure = { thresholds: [{ 'http.response_time.p95': 1500 }] };
const steps = capacitySteps({ from: 2, to: 5, stepSeconds: 30, model: 'players' });
const T0 = 1_800_000_000_000;
const stats = (period: number, p95: number) => ({
  type: 'rocket:stats',
  period,
  counters: { 'http.responses': 50 },
  summaries: { 'http.response_time': { count: 50, p95 } },
});

describe('createCapacityWatch', () => {
  it('judges each step once its windows arrived, and stops at the first that fails', () => {
    const watch = createCapacityWatch(steps, ensure);
    watch.onMessage({ type: 'rocket:phase', index: 0, at: T0 });
    // step 1: [T0, T0+30 s), judged from T0+10 s: windows T0+10 and T0+20
    expect(watch.onMessage(stats(T0, 100))).toBeUndefined();
    expect(watch.onMessage(stats(T0 + 10_000, 100))).toBeUndefined();
    watch.onMessage({ type: 'rocket:phase', index: 1, at: T0 + 30_000 });
    expect(watch.onMessage(stats(T0 + 20_000, 100))).toBeUndefined();
    expect(watch.onMessage(stats(T0 + 30_000, 2000))).toBeUndefined();
    expect(watch.onMessage(stats(T0 + 40_000, 2000))).toBeUndefined();
    expect(watch.onMessage(stats(T0 + 50_000, 2000))).toBeUndefined();
    expect(watch.onMessage(stats(T0 + 60_000, 2000))).toBe(
      'capacity step 2 (3 players) failed: p95 2,000 ms ≥ 1,500 ms',
    );
    expect(watch.onMessage(stats(T0 + 70_000, 2000))).toBeUndefined();
    const judged = watch.finish([]);
    expect(judged.map((step) => [step.load, step.verdict, step.windows])).toEqual([
      [2, 'pass', 2],
      [3, 'fail', 2],
    ]);
  });

  it('finish judges the last step from the results file, and leaves a step not run to its end unjudged', () => {
    const watch = createCapacityWatch(steps.slice(0, 2), ensure);
    watch.onMessage({ type: 'rocket:phase', index: 0, at: T0 });
    watch.onMessage({ type: 'rocket:phase', index: 1, at: T0 + 30_000 });
    const windows = [0, 1, 2, 3, 4, 5].map((i) => ({
      period: T0 + i * 10_000,
      counters: { 'http.responses': 50 },
      rates: {},
      summaries: { 'http.response_time': { count: 50, p95: 100 } },
    }));
    expect(watch.finish(windows).map((step) => step.verdict)).toEqual(['pass', 'pass']);
    const short = createCapacityWatch(steps.slice(0, 2), ensure);
    short.onMessage({ type: 'rocket:phase', index: 0, at: T0 });
    short.onMessage({ type: 'rocket:phase', index: 1, at: T0 + 30_000 });
    expect(short.finish(windows.slice(0, 4)).map((step) => step.verdict)).toEqual(['pass']);
  });
});
