/** @module `run-meta.json`: what a run records beside its results so a report can be rebuilt from the two files. */
import { z } from 'zod';
import { timestampSchema as timestamp } from './timestampSchema.ts';
import { loadJsonFile } from './loadJsonFile.ts';
import { platformLimitsSchema } from './platformLimits.ts';
import { healthCheckResultSchema } from '../health/healthCheckResult.ts';
import { ensureConfigSchema } from './ensureConfig.ts';
import { runStopSchema } from './runStop.ts';
import { verdictSchema } from './runVerdict.ts';
import { MERGED_PERCENTILES } from './mergeResults.ts';

/** Identity of a run, shown in the report's summary. */
export const reportMetaSchema = z.object({
  scenario: z.string(),
  environment: z.string(),
  /** host (and port) the load went to, never a URL with credentials */
  targetHost: z.string(),
  seed: z.union([z.string(), z.number()]),
  gitCommit: z.string(),
  generatorVersion: z.string(),
  /** epoch ms or ISO 8601; the counters' span is shown when absent */
  startedAt: timestamp.optional(),
  endedAt: timestamp.optional(),
  /** a merged run (`rocket-sim merge`): how its percentiles were obtained */
  mergedPercentiles: z.enum(MERGED_PERCENTILES).optional(),
  /** the Auth limits the stack enforced or the pre-flight assumed */
  platformLimits: platformLimitsSchema.optional(),
});
export type ReportMeta = z.infer<typeof reportMetaSchema>;

/** `run-meta.json`: the meta fields plus, optionally, the run's `ensure` config and health-check results. */
export const runMetaSchema = reportMetaSchema.extend({
  /** SIM_RUN_ID (the lease owner); merge refuses the same run twice */
  runId: z.string().optional(),
  /** `config.plugins.ensure` of the scenario, so the report can show each gate with its value */
  ensure: ensureConfigSchema.optional(),
  checks: z.array(healthCheckResultSchema).optional(),
  /** set when the run did not run its course (interrupt, early stop, abort) */
  stop: runStopSchema.optional(),
  /** the verdict the run ended with, as its report and exit code show it */
  verdict: verdictSchema.optional(),
});
export type RunMeta = z.infer<typeof runMetaSchema>;

/** Reads and validates a run-meta file; ConfigError (exit code 2) naming the path and the field at fault. */
export async function loadRunMeta(path: string): Promise<RunMeta> {
  return loadJsonFile(path, runMetaSchema, 'a run-meta file');
}
