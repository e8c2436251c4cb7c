/** @module The `ensure` gates of a run as a scenario writes them (`config.plugins.ensure`), validated. */
import { z } from 'zod';

/** `config.plugins.ensure` as written in a scenario; unknown keys are ignored, as Artillery does. */
export const ensureConfigSchema = z.object({
  /** `- <metric>: <max>` entries, each checked as `<metric> < <max>`, always strict */
  thresholds: z.array(z.unknown()).optional(),
  conditions: z.array(z.unknown()).optional(),
  maxErrorRate: z.union([z.number(), z.string()]).optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  median: z.union([z.number(), z.string()]).optional(),
  p95: z.union([z.number(), z.string()]).optional(),
  p99: z.union([z.number(), z.string()]).optional(),
});
export type EnsureConfig = z.infer<typeof ensureConfigSchema>;
