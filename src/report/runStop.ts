/** @module How a run that did not run its course ended, as run-meta.json and the results file record it. */
import { z } from 'zod';
import { timestampSchema as timestamp } from './timestampSchema.ts';

/**
 * How a run that did not run its course ended. `interrupted`: SIGINT/SIGTERM (a person, `docker
 * stop`); the results cover the time that ran and the gates decide. `ended_early`: a rule of the run
 * stopped it (every sign-in failed with one message, the deadline passed); the run fails.
 * `aborted`: a gate failed while the run went on (`--abort-on-fail`); the run fails. `planned`: the
 * run's own plan ended it there (a capacity search stops at its breaking step), not a failure by itself.
 */
export const runStopSchema = z.object({
  kind: z.enum(['interrupted', 'ended_early', 'aborted']),
  /** `SIGINT`, `every sign-in failed: "..."`, ... */
  reason: z.string(),
  at: timestamp,
  planned: z.boolean().optional(),
});
export type RunStop = z.infer<typeof runStopSchema>;
