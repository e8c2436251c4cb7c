import { describe, expect, it } from 'vitest';
import { capacityOutcome } from './capacityOutcome.ts';
import { capacitySteps } from './capacitySteps.ts';
import type { StepResult } from './judgeCapacityStep.ts';

const steps = capacitySteps({ from: 5, to: 18, stepSeconds: 30, model: 'players' });
const step = (index: number, verdict: StepResult['verdict'], reason?: string): StepResult => ({
  index,
  load: steps[index]!.load,
  verdict,
  ...(reason ? { reason } : {}),
  windows: 2,
  requests: 100 * (index + 1),
  requestsPerSecond: 5 * (index + 1),
  p50: 20,
  p95: 210.4,
  p99: 300,
  failureRate: 0,
});
const base = { model: 'players' as const, from: 5, to: 18, stepSeconds: 30, steps, interrupted: false };

describe('capacityOutcome', () => {
  it('holds the last passing step, breaks at the first failing one, with the reason', () => {
    const outcome = capacityOutcome({
      ...base,
      judged: [step(0, 'pass'), step(1, 'pass'), step(2, 'fail', 'p95 1,900 ms ≥ 1,500 ms')],
      ranSeconds: 90,
    });
    expect(outcome).toMatchObject({
      holds: { step: 2, load: 8, requestsPerSecond: 10, p95: 210 },
      breaksAt: { step: 3, load: 12, reason: 'p95 1,900 ms ≥ 1,500 ms' },
      inconclusive: null,
      concluded: true,
      plannedSeconds: 120,
    });
    expect(outcome.lines).toEqual([
      'holds 8 players: 10 req/s, p95 210 ms (step 2)',
      'breaks at 12 players: p95 1,900 ms ≥ 1,500 ms (step 3)',
      '3 of 4 steps judged, 90 s of a 120 s plan',
    ]);
  });

  it('the generator as the limit gives no figure beyond the last step that held', () => {
    const outcome = capacityOutcome({
      ...base,
      judged: [step(0, 'inconclusive', 'the generator was the limit (event-loop p99 700 ms > 200 ms)')],
      ranSeconds: 30,
    });
    expect(outcome).toMatchObject({ holds: null, breaksAt: null, concluded: false });
    expect(outcome.lines.slice(0, 2)).toEqual([
      'holds nothing: the first step (5 players) did not pass',
      'inconclusive at 5 players: the generator was the limit (event-loop p99 700 ms > 200 ms)',
    ]);
  });

  it('every step held: concluded, the breaking point is above --to', () => {
    const outcome = capacityOutcome({ ...base, judged: [0, 1, 2, 3].map((i) => step(i, 'pass')), ranSeconds: 120 });
    expect(outcome).toMatchObject({ holds: { load: 18 }, breaksAt: null, concluded: true });
  });
});
