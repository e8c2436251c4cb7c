import { describe, expect, it } from 'vitest';
import { junit } from '../report/junit.ts';
import { capacityJunitCases } from './capacityJunitCases.ts';
import { capacityOutcome } from './capacityOutcome.ts';
import { capacitySteps } from './capacitySteps.ts';

const steps = capacitySteps({ from: 5, to: 12, stepSeconds: 30, model: 'players' });
const figures = { windows: 1, requests: 10, requestsPerSecond: 1, p50: 10, p95: 20, p99: 30, failureRate: 0 };

describe('capacityJunitCases', () => {
  it('a case per step judged, the failing one with its reason, and one for the search', () => {
    const outcome = capacityOutcome({
      model: 'players',
      from: 5,
      to: 12,
      stepSeconds: 30,
      steps,
      judged: [
        { index: 0, load: 5, verdict: 'pass', ...figures },
        { index: 1, load: 8, verdict: 'fail', reason: 'p95 2,000 ms ≥ 1,500 ms', ...figures },
      ],
      ranSeconds: 60,
      interrupted: false,
    });
    expect(capacityJunitCases(outcome)).toEqual([
      { name: 'step 1: 5 players', outcome: 'pass' },
      {
        name: 'step 2: 8 players',
        outcome: 'fail',
        message: 'p95 2,000 ms ≥ 1,500 ms',
        detail: 'p95 2,000 ms ≥ 1,500 ms',
      },
      { name: 'the search found the capacity', outcome: 'pass' },
    ]);
    const xml = junit({ suites: [{ name: 'rocket-sim.capacity', cases: capacityJunitCases(outcome) }] });
    expect(xml).toContain('<testsuite name="rocket-sim.capacity" tests="3" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure message="p95 2,000 ms ≥ 1,500 ms">');
  });
});
