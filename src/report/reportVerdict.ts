/** @module The run verdict a report and its exit code share: strict gates, health checks and the baseline comparison. */
import type { RunComparison } from './compareRuns.ts';
import type { GateResult } from './evaluateGates.ts';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';

export interface ReportVerdict {
  passed: boolean;
  /** `passed`, `failed gates`, `failed gates, checks`, `failed baseline comparison`, ... */
  label: string;
  failed: ('gates' | 'checks' | 'baseline comparison')[];
}

/**
 * A run passes when every strict gate passed, no health check failed (skipped ones do not count)
 * and, with a baseline, the comparison found no regression. Optional (`strict: false`) gates never fail it.
 */
export function reportVerdict(parts: {
  gates?: readonly GateResult[] | undefined;
  checks?: readonly HealthCheckResult[] | undefined;
  comparison?: RunComparison | undefined;
}): ReportVerdict {
  const failed: ReportVerdict['failed'] = [];
  if (parts.gates?.some((gate) => gate.strict && !gate.passed)) failed.push('gates');
  if (parts.checks?.some((check) => check.verdict === 'fail')) failed.push('checks');
  if (parts.comparison?.verdict === 'regression') failed.push('baseline comparison');
  return { passed: failed.length === 0, label: failed.length === 0 ? 'passed' : `failed ${failed.join(', ')}`, failed };
}
