/**
 * @module `rocket-sim run capacity`: the capacity plan as the phases of one run (not one run per
 * step: the players of a step carry over into the next, sessions and all, as they would in a
 * launch, and the embedded stack, the pool and Artillery start once), each step judged as its
 * windows arrive, the run stopped through the run stopper at the first step that does not pass;
 * then capacity.json, the report again with its Capacity section, the console lines, and JUnit.
 */
import { join } from 'node:path';
import type { SimConfig } from '../../config/index.ts';
import { capacitySteps, type CapacityModel } from '../../capacity/capacitySteps.ts';
import { capacityOutcome, type CapacityOutcome } from '../../capacity/capacityOutcome.ts';
import { createCapacityWatch } from '../../capacity/createCapacityWatch.ts';
import { databaseReason } from '../../capacity/databaseReason.ts';
import { loadDatabaseWatch } from '../../dbwatch/loadDatabaseWatch.ts';
import type { Logger } from '../../log/index.ts';
import type { StepResult } from '../../capacity/judgeCapacityStep.ts';
import { capacityJunitCases } from '../../capacity/capacityJunitCases.ts';
import { loadResults } from '../../report/artilleryResults.ts';
import { junit } from '../../report/junit.ts';
import { loadRunMeta } from '../../report/runMeta.ts';
import type { RunStop } from '../../report/runStop.ts';
import { writeFileAtomic } from '../../report/writeFileAtomic.ts';
import type { RunStopper } from './createRunStopper.ts';
import { runScenario, type RunOptions, type RunResult } from './runScenario.ts';
import { readScenario } from './scenarioFiles.ts';
import { scenarioGates } from './scenarioGates.ts';

export interface CapacityOptions {
  from: number;
  to: number;
  stepSeconds: number;
  model: CapacityModel;
}

/** The failing step's reason with the database's, when it was sampled and mostly waited for locks. */
function withDatabaseReason(judged: StepResult[], watch: ReturnType<typeof loadDatabaseWatch>): StepResult[] {
  return judged.map((step) => {
    if (step.verdict !== 'fail' || step.from === undefined || step.to === undefined) return step;
    const database = databaseReason(watch, step.from, step.to);
    return database ? { ...step, reason: `${step.reason}; ${database}` } : step;
  });
}

/** Runs the capacity plan; the verdict (and exit code) is the search's: passed with a figure, failed without one or when a health check failed. */
export async function runCapacity(
  config: SimConfig,
  options: RunOptions,
  capacity: CapacityOptions,
  log: Logger,
  stopper: RunStopper,
  onAbortable: (abort: (() => void) | undefined) => void,
): Promise<RunResult & { capacity?: CapacityOutcome }> {
  const steps = capacitySteps(capacity);
  const ensure = scenarioGates(readScenario(options.scenario).path, options.environment);
  const watch = createCapacityWatch(steps, ensure);
  const plannedSeconds = steps.reduce((sum, step) => sum + step.seconds, 0);
  let outcome: CapacityOutcome | undefined;
  // capacity.json is written before the report: the run's one verdict reads the search's answer
  const writeCapacity = async (run: { outDir: string; resultsPath: string; stop: RunStop | undefined }) => {
    const results = await loadResults(run.resultsPath);
    const periods = results.intermediate.map((window) => window.period);
    outcome = capacityOutcome({
      ...capacity,
      steps,
      judged: withDatabaseReason(watch.finish(results.intermediate), loadDatabaseWatch(run.outDir)),
      ranSeconds: periods.length === 0 ? 0 : (Math.max(...periods) - Math.min(...periods)) / 1000 + 10,
      interrupted: run.stop?.kind === 'interrupted',
    });
    const { lines: _lines, ...file } = outcome;
    await writeFileAtomic(join(run.outDir, 'capacity.json'), `${JSON.stringify(file, null, 2)}\n`);
  };
  const result = await runScenario(
    config,
    {
      ...options,
      phases: steps.map((step) => step.phase),
      durationSeconds: plannedSeconds,
      // one cycle per arrival: an arrival-rate step is new players per second, not a growing crowd
      variables: capacity.model === 'arrivals' ? { cyclesPerPlayer: 1 } : undefined,
      watch: watch.onMessage,
      beforeReport: writeCapacity,
      // the capacity run's JUnit has its steps instead of the whole run's gates (written below)
      junit: undefined,
    },
    log,
    stopper,
    onAbortable,
  );
  if (result.verdict === undefined || outcome === undefined) return result;
  if (options.junit !== undefined) {
    const meta = await loadRunMeta(join(result.outDir, 'run-meta.json'));
    const cases = capacityJunitCases(outcome);
    await writeFileAtomic(
      options.junit,
      junit({ checks: meta.checks, suites: [{ name: 'rocket-sim.capacity', cases }] }),
    );
  }
  for (const line of outcome.lines) console.log(`capacity: ${line}`);
  log.info({ event: 'capacity_complete', summary: outcome.summary, file: join(result.outDir, 'capacity.json') });
  // the run's one verdict already holds the search's answer (runVerdict's `capacity`)
  return { ...result, capacity: outcome };
}
