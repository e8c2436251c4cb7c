/**
 * @module What the rocket plugin records inside Artillery's results file (top-level key `rocketSim`),
 * so that a results file copied alone still carries its gates, its run id and how it ended.
 * Artillery itself ignores the key; `rocket-sim report` and `merge` read it.
 */
import { z } from 'zod';
import { ensureConfigSchema } from './ensureConfig.ts';
import { runStopSchema } from './runStop.ts';

/** The results file's top-level key the plugin writes. */
export const RECORDED_RUN_KEY = 'rocketSim';

export const recordedRunSchema = z.object({
  /** scenario name (rocket-sim run) or the script's file name */
  scenario: z.string().optional(),
  /** Artillery's `-e` environment */
  environment: z.string().optional(),
  /** SIM_RUN_ID of the run (the lease owner): merge refuses the same run twice */
  runId: z.string().optional(),
  /** the `ensure` config Artillery resolved for this run (scenario plus environment) */
  ensure: ensureConfigSchema.optional(),
  /** set when the run did not run its course */
  stop: runStopSchema.optional(),
});
export type RecordedRun = z.infer<typeof recordedRunSchema>;
