/**
 * @module The plan of a capacity run: load levels growing geometrically (×1.5) from `--from` to
 * `--to`, each held for `--step-duration`, as Artillery phases of one run. With `--model players`
 * a step is a number of concurrent players (`maxVusers`; the players of the previous step carry
 * over and the new ones arrive during the step's warm-up); with `--model arrivals` it is new
 * players per second, each playing one cycle.
 */
/** An Artillery phase of one step (the shape of a scenario's `config.phases` entries). */
export interface StepPhase {
  name: string;
  duration: number;
  arrivalRate: number;
  maxVusers?: number;
}

export type CapacityModel = 'players' | 'arrivals';

/** Each step's load is the previous one times this (rounded, at least one more). */
const STEP_FACTOR = 1.5;

export interface CapacityStep {
  /** 0-based */
  index: number;
  /** concurrent players (`players`) or arrivals per second (`arrivals`) */
  load: number;
  /** `41 players`, `12 arrivals/s` */
  label: string;
  /** seconds from the start of the run's load to the start of this step */
  startSeconds: number;
  seconds: number;
  /** the first seconds of the step are warm-up and not judged */
  warmupSeconds: number;
  phase: StepPhase;
}

/** The warm-up of a step: its first third (10 s of 30, 20 s of 60). */
function warmupSeconds(stepSeconds: number): number {
  return Math.round(stepSeconds / 3);
}

/** The levels from `from` to `to` (both included): ×1.5 each, rounded, at least +1. */
export function capacityLevels(from: number, to: number): number[] {
  const levels = [from];
  while (levels.at(-1)! < to)
    levels.push(Math.min(to, Math.max(levels.at(-1)! + 1, Math.round(levels.at(-1)! * STEP_FACTOR))));
  return levels;
}

/** The steps of a capacity run, with their phases. */
export function capacitySteps(input: {
  from: number;
  to: number;
  stepSeconds: number;
  model: CapacityModel;
}): CapacityStep[] {
  const warmup = warmupSeconds(input.stepSeconds);
  let previous = 0;
  return capacityLevels(input.from, input.to).map((load, index) => {
    const phase: StepPhase =
      input.model === 'players'
        ? {
            name: `step ${index + 1}: ${load} players`,
            duration: input.stepSeconds,
            // the new players arrive within the warm-up; later arrivals refill seats of players that left
            arrivalRate: Math.max(1, Math.ceil((load - previous) / warmup)),
            maxVusers: load,
          }
        : { name: `step ${index + 1}: ${load} arrivals/s`, duration: input.stepSeconds, arrivalRate: load };
    previous = load;
    return {
      index,
      load,
      label: `${load} ${input.model === 'players' ? 'players' : 'arrivals/s'}`,
      startSeconds: index * input.stepSeconds,
      seconds: input.stepSeconds,
      warmupSeconds: warmup,
      phase,
    };
  });
}
