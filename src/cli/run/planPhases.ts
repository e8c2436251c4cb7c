/**
 * @module Sizes a scenario's arrival phases for one run: `--duration`, `--rate`, `--players`, the
 * number of wallets available, and the production arrival-rate cap.
 */
import type { Phase, ScenarioFile } from './scenarioFiles.ts';
import { plannedSeconds } from './scenarioFiles.ts';

export interface PhasePlanInput {
  /** total seconds (`--duration`) */
  durationSeconds?: number | undefined;
  /** peak arrivals per second (`--rate`) */
  rate?: number | undefined;
  /** concurrent players (`--players`) */
  players?: number | undefined;
  /** wallets the source can hand out; undefined when unbounded */
  walletCapacity?: number | undefined;
  /** arrival-rate cap (production: 5/s unless `--max-rate`) */
  maxRate?: number | undefined;
}

export interface PhasePlan {
  phases: Phase[];
  /** variables to pass with `--variables` (runSeconds when the duration changed) */
  variables: Record<string, number>;
  totalSeconds: number;
  /** arrival rates lowered by the cap, for the notice printed before the run */
  capped: boolean;
  /** concurrent players the phases allow (undefined when unlimited) */
  players: number | undefined;
}

const num = (value: number | string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);

/** The peak arrival rate of the phases. */
function peakRate(phases: readonly Phase[]): number {
  return Math.max(0, ...phases.flatMap((phase) => [num(phase.arrivalRate) ?? 0, num(phase.rampTo) ?? 0]));
}

/** Computes the phases of a run; the scenario's own phases unless an input changes them. */
export function planPhases(scenario: ScenarioFile, input: PhasePlanInput): PhasePlan {
  let phases: Phase[] = scenario.phases.map((phase) => ({ ...phase }));
  const variables: Record<string, number> = {};
  const yamlSeconds = plannedSeconds(phases);

  if (input.durationSeconds !== undefined && yamlSeconds > 0) {
    // keep the shape (join, play, ...) and stretch or shrink it to the requested total
    const factor = input.durationSeconds / yamlSeconds;
    let assigned = 0;
    phases = phases.map((phase, index) => {
      const key = phase.duration !== undefined ? 'duration' : 'pause';
      const seconds =
        index === phases.length - 1
          ? input.durationSeconds! - assigned
          : Math.max(1, Math.round(Number(phase[key] ?? 0) * factor));
      assigned += seconds;
      return { ...phase, [key]: Math.max(1, seconds) };
    });
    if (scenario.variables.runSeconds !== undefined) variables.runSeconds = input.durationSeconds;
  }

  if (input.rate !== undefined) {
    const peak = peakRate(phases) || 1;
    phases = phases.map((phase) => scaleRates(phase, input.rate! / peak));
  }

  const yamlPlayers = Math.max(0, ...phases.map((phase) => num(phase.maxVusers) ?? 0)) || undefined;
  let players = input.players ?? yamlPlayers;
  if (players !== undefined && input.walletCapacity !== undefined) players = Math.min(players, input.walletCapacity);
  if (scenario.variables.oncePerWallet === true && input.walletCapacity !== undefined) {
    // every wallet once: enough arrivals for all of them
    players = input.walletCapacity;
    const rate = Math.max(1, peakRate(phases));
    phases = [
      {
        name: phases[0]?.name ?? 'every wallet once',
        duration: Math.max(1, Math.ceil(players / rate)),
        arrivalRate: rate,
        maxVusers: players,
      },
    ];
  }
  if (players !== undefined)
    phases = phases.map((phase) =>
      phase.maxVusers !== undefined ? { ...phase, maxVusers: Math.max(1, players!) } : phase,
    );

  let capped = false;
  if (input.maxRate !== undefined && peakRate(phases) > input.maxRate) {
    capped = true;
    phases = phases.map((phase) => ({
      ...phase,
      ...(phase.arrivalRate !== undefined ? { arrivalRate: Math.min(Number(phase.arrivalRate), input.maxRate!) } : {}),
      ...(phase.rampTo !== undefined ? { rampTo: Math.min(Number(phase.rampTo), input.maxRate!) } : {}),
    }));
  }
  return { phases, variables, totalSeconds: plannedSeconds(phases), capped, players };
}

function scaleRates(phase: Phase, factor: number): Phase {
  const scale = (value: number | string | undefined) =>
    value === undefined ? undefined : Math.max(1, Math.round(Number(value) * factor));
  const out: Phase = { ...phase };
  if (phase.arrivalRate !== undefined) out.arrivalRate = scale(phase.arrivalRate)!;
  if (phase.rampTo !== undefined) out.rampTo = scale(phase.rampTo)!;
  return out;
}
