import { describe, expect, it } from 'vitest';
import { planPhases } from './planPhases.ts';
import type { ScenarioFile } from './scenarioFiles.ts';

const scenario = (phases: ScenarioFile['phases'], variables: Record<string, unknown> = {}): ScenarioFile => ({
  name: 'x',
  path: '/x.yml',
  phases,
  variables,
  description: '',
});

const gameplay = scenario(
  [
    { name: 'players join', duration: 30, arrivalRate: 1, maxVusers: 20 },
    { name: 'play', duration: 270, arrivalRate: 1, maxVusers: 20 },
  ],
  { runSeconds: 300 },
);

describe('planPhases', () => {
  it('keeps the scenario phases when nothing asks for a change', () => {
    const plan = planPhases(gameplay, {});
    expect(plan.phases).toEqual(gameplay.phases);
    expect(plan).toMatchObject({ totalSeconds: 300, capped: false, players: 20, variables: {} });
  });

  it('stretches the phases to --duration keeping their shape, and passes runSeconds', () => {
    const plan = planPhases(gameplay, { durationSeconds: 60 });
    expect(plan.phases.map((phase) => phase.duration)).toEqual([6, 54]);
    expect(plan.totalSeconds).toBe(60);
    expect(plan.variables).toEqual({ runSeconds: 60 });
  });

  it('limits players to --players and to the wallets available', () => {
    expect(planPhases(gameplay, { players: 5 }).phases.every((phase) => phase.maxVusers === 5)).toBe(true);
    expect(planPhases(gameplay, { walletCapacity: 3 }).players).toBe(3);
    expect(planPhases(gameplay, { players: 50, walletCapacity: 8 }).phases[1]?.maxVusers).toBe(8);
  });

  it('scales arrival rates so the peak equals --rate', () => {
    const storm = scenario([
      { duration: 10, arrivalRate: 5 },
      { duration: 20, arrivalRate: 5, rampTo: 30 },
    ]);
    const plan = planPhases(storm, { rate: 60 });
    expect(plan.phases).toEqual([
      { duration: 10, arrivalRate: 10 },
      { duration: 20, arrivalRate: 10, rampTo: 60 },
    ]);
  });

  it('caps every arrival rate and ramp at the production limit', () => {
    const storm = scenario([{ duration: 20, arrivalRate: 5, rampTo: 30 }]);
    const plan = planPhases(storm, { maxRate: 5 });
    expect(plan.capped).toBe(true);
    expect(plan.phases).toEqual([{ duration: 20, arrivalRate: 5, rampTo: 5 }]);
    expect(planPhases(storm, { maxRate: 50 }).capped).toBe(false);
  });

  it('gives a once-per-wallet scenario one arrival per wallet', () => {
    const once = scenario([{ name: 'every wallet once', duration: 10, arrivalRate: 5, maxVusers: 50 }], {
      oncePerWallet: true,
    });
    expect(planPhases(once, { walletCapacity: 12 }).phases).toEqual([
      { name: 'every wallet once', duration: 3, arrivalRate: 5, maxVusers: 12 },
    ]);
  });
});
