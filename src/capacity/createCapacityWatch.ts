/**
 * @module Follows a capacity run as it goes: the rocket plugin's phase and 10-s stats messages are
 * sorted into steps; a step is judged as soon as its last window has arrived, and the first step
 * that does not pass ends the search (the caller stops the run through the run stopper).
 */
import type { MetricsPeriod } from '../report/artilleryResults.ts';
import type { EnsureConfig } from '../report/ensureConfig.ts';
import type { CapacityStep } from './capacitySteps.ts';
import { judgeCapacityStep, type StepResult } from './judgeCapacityStep.ts';

const WINDOW_MS = 10_000;

export interface CapacityWatch {
  /** takes one IPC message of the rocket plugin; returns the reason to stop once a step did not pass */
  onMessage(message: unknown): string | undefined;
  /**
   * After the run: judges the steps that were still open with every window of the results file
   * (the last windows reach the parent only as the run ends); a step the run did not reach to its
   * end stays unjudged. Returns every judged step, in order.
   */
  finish(all: readonly MetricsPeriod[]): StepResult[];
}

interface PhaseMessage {
  type: 'rocket:phase';
  index?: number;
  at: number;
}
interface StatsMessage {
  type: 'rocket:stats';
  period: number;
  counters?: Record<string, number>;
  summaries?: Record<string, Record<string, number>>;
}

/** Creates the watch over `steps`, judged by `ensure` (the environment's thresholds). */
export function createCapacityWatch(steps: readonly CapacityStep[], ensure: EnsureConfig): CapacityWatch {
  /** epoch ms each step's phase started (from the plugin's phaseStarted) */
  const started = new Map<number, number>();
  const windows: MetricsPeriod[] = [];
  const judged: StepResult[] = [];
  let stopped = false;

  /** judges every step whose judged windows have all arrived, in order; the reason when one did not pass */
  const judgeReady = (final = false): string | undefined => {
    for (;;) {
      const step = steps[judged.length];
      const start = step === undefined ? undefined : started.get(step.index);
      if (step === undefined || start === undefined) return undefined;
      const from = start + step.warmupSeconds * 1000;
      const to = start + step.seconds * 1000;
      const last = windows.at(-1);
      // the windows arrive in order: one that reaches past the step's end means the step is complete
      if (!last || (final ? last.period + WINDOW_MS < to : last.period + WINDOW_MS <= to)) return undefined;
      const inside = windows.filter((w) => w.period >= from && w.period + WINDOW_MS <= to);
      const result = { ...judgeCapacityStep(step, inside, ensure), from, to };
      judged.push(result);
      if (result.verdict !== 'pass')
        return `capacity step ${step.index + 1} (${step.label}) ${result.verdict === 'fail' ? 'failed' : 'inconclusive'}: ${result.reason}`;
    }
  };

  return {
    onMessage(message) {
      if (stopped) return undefined;
      const typed = message as PhaseMessage | StatsMessage | { type?: string };
      if (typed.type === 'rocket:phase') {
        const phase = typed as PhaseMessage;
        if (phase.index !== undefined) started.set(phase.index, phase.at);
        return undefined;
      }
      if (typed.type !== 'rocket:stats') return undefined;
      const stats = typed as StatsMessage;
      windows.push({
        period: Number(stats.period),
        counters: stats.counters ?? {},
        rates: {},
        summaries: stats.summaries ?? {},
      });
      const reason = judgeReady();
      if (reason) stopped = true;
      return reason;
    },
    finish(all) {
      if (!stopped) {
        windows.splice(0, windows.length, ...[...all].sort((a, b) => a.period - b.period));
        judgeReady(true);
      }
      return [...judged];
    },
  };
}
