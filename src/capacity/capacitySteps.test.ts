import { describe, expect, it } from 'vitest';
import { capacityLevels, capacitySteps } from './capacitySteps.ts';

describe('capacityLevels', () => {
  it('grows x1.5 (rounded, at least +1) from --from and ends at --to', () => {
    expect(capacityLevels(5, 400)).toEqual([5, 8, 12, 18, 27, 41, 62, 93, 140, 210, 315, 400]);
    expect(capacityLevels(1, 4)).toEqual([1, 2, 3, 4]);
    expect(capacityLevels(7, 7)).toEqual([7]);
  });
});

describe('capacitySteps', () => {
  it('players: one phase per step, maxVusers the step, the new players arriving within the warm-up', () => {
    const steps = capacitySteps({ from: 5, to: 12, stepSeconds: 30, model: 'players' });
    expect(steps.map((step) => step.phase)).toEqual([
      { name: 'step 1: 5 players', duration: 30, arrivalRate: 1, maxVusers: 5 },
      { name: 'step 2: 8 players', duration: 30, arrivalRate: 1, maxVusers: 8 },
      { name: 'step 3: 12 players', duration: 30, arrivalRate: 1, maxVusers: 12 },
    ]);
    expect(steps.map((step) => [step.startSeconds, step.warmupSeconds])).toEqual([
      [0, 10],
      [30, 10],
      [60, 10],
    ]);
    expect(capacitySteps({ from: 100, to: 150, stepSeconds: 60, model: 'players' })[1]!.phase.arrivalRate).toBe(3);
  });

  it('arrivals: the step is the arrival rate, no player cap', () => {
    expect(capacitySteps({ from: 2, to: 3, stepSeconds: 60, model: 'arrivals' })[1]!.phase).toEqual({
      name: 'step 2: 3 arrivals/s',
      duration: 60,
      arrivalRate: 3,
    });
  });
});
