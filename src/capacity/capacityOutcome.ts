/**
 * @module The answer of a capacity run, as capacity.json and the console give it: the highest
 * step that held ("holds 120 players: 54 req/s, p95 210 ms"), the first that did not and why
 * ("breaks at 180 players: p95 of rpc_place_auction_bid 1,900 ms ≥ 1,500 ms"), or why there is no
 * figure (the generator was the limit), and every step judged.
 */
import type { CapacityModel, CapacityStep } from './capacitySteps.ts';
import type { StepResult } from './judgeCapacityStep.ts';

export interface CapacityOutcome {
  model: CapacityModel;
  /** `players` or `arrivals/s`: the unit of `load` */
  unit: string;
  from: number;
  to: number;
  stepSeconds: number;
  warmupSeconds: number;
  /** the highest passing step (null: not even the first held, or the first was inconclusive) */
  holds: StepSummary | null;
  /** the first failing step with its reason (null: every step held, or the search was inconclusive) */
  breaksAt: (StepSummary & { reason: string }) | null;
  /** the step that could not be judged and why: the search has no figure beyond `holds` */
  inconclusive: (StepSummary & { reason: string }) | null;
  /** the search found an answer: a breaking step after a holding one, or every step up to --to held */
  concluded: boolean;
  /** seconds of load the run took, and the full plan's */
  ranSeconds: number;
  plannedSeconds: number;
  steps: StepResult[];
  /** one line for people */
  summary: string;
  /** the console lines */
  lines: string[];
}

interface StepSummary {
  step: number;
  load: number;
  requestsPerSecond: number;
  p95: number | null;
}

const summaryOf = (result: StepResult): StepSummary => ({
  step: result.index + 1,
  load: result.load,
  requestsPerSecond: result.requestsPerSecond,
  p95: result.p95 === null ? null : Math.round(result.p95),
});

/** Builds the outcome from the plan and the steps judged. */
export function capacityOutcome(input: {
  model: CapacityModel;
  from: number;
  to: number;
  stepSeconds: number;
  steps: readonly CapacityStep[];
  judged: readonly StepResult[];
  ranSeconds: number;
  interrupted: boolean;
}): CapacityOutcome {
  const unit = input.model === 'players' ? 'players' : 'arrivals/s';
  const passed = input.judged.filter((step) => step.verdict === 'pass');
  const last = passed.at(-1);
  const failed = input.judged.find((step) => step.verdict === 'fail');
  const open = input.judged.find((step) => step.verdict === 'inconclusive');
  const allHeld = passed.length === input.steps.length;
  const holds = last ? summaryOf(last) : null;
  const breaksAt = failed ? { ...summaryOf(failed), reason: failed.reason ?? '' } : null;
  const inconclusive = open ? { ...summaryOf(open), reason: open.reason ?? '' } : null;
  const p95 = (s: StepSummary) => (s.p95 === null ? 'p95 -' : `p95 ${s.p95.toLocaleString('en-US')} ms`);
  const lines: string[] = [];
  if (holds)
    lines.push(`holds ${holds.load} ${unit}: ${holds.requestsPerSecond} req/s, ${p95(holds)} (step ${holds.step})`);
  else lines.push(`holds nothing: the first step (${input.from} ${unit}) did not pass`);
  if (breaksAt) lines.push(`breaks at ${breaksAt.load} ${unit}: ${breaksAt.reason} (step ${breaksAt.step})`);
  if (inconclusive) lines.push(`inconclusive at ${inconclusive.load} ${unit}: ${inconclusive.reason}`);
  if (allHeld) lines.push(`every step up to --to ${input.to} ${unit} held: the breaking point is above it`);
  else if (!breaksAt && !inconclusive)
    lines.push(`the run ended before a step failed${input.interrupted ? ' (interrupted)' : ''}`);
  const plannedSeconds = input.steps.reduce((sum, step) => sum + step.seconds, 0);
  lines.push(
    `${input.judged.length} of ${input.steps.length} steps judged, ${Math.round(input.ranSeconds)} s of a ${plannedSeconds} s plan`,
  );
  return {
    model: input.model,
    unit,
    from: input.from,
    to: input.to,
    stepSeconds: input.stepSeconds,
    warmupSeconds: input.steps[0]?.warmupSeconds ?? 0,
    holds,
    breaksAt,
    inconclusive,
    concluded: !inconclusive && ((holds !== null && breaksAt !== null) || allHeld),
    ranSeconds: Math.round(input.ranSeconds),
    plannedSeconds,
    steps: [...input.judged],
    summary: lines.slice(0, -1).join('; '),
    lines,
  };
}
