/** @module The result of one post-run health check, as checks produce it and reports and run-meta files store it. */
import { z } from 'zod';

/** A post-run health check (ledger reconciliation, invariants): its verdict, a summary, sample rows. */
export const healthCheckResultSchema = z.object({
  name: z.string(),
  verdict: z.enum(['pass', 'fail', 'skip']),
  summary: z.string(),
  /** a sample of rows that break the invariant; the producer caps it */
  offendingRows: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type HealthCheckResult = z.infer<typeof healthCheckResultSchema>;
