/** @module From a results file (and its run-meta) to report.html and JUnit XML on disk, with the run's verdict. */
import { dirname, join } from 'node:path';
import { loadResults } from './artilleryResults.ts';
import { compareRuns, type CompareThresholds, type RunComparison } from './compareRuns.ts';
import { evaluateGates, type GateResult } from './evaluateGates.ts';
import { junit } from './junit.ts';
import { renderReport } from './renderReport.ts';
import { reportVerdict } from './reportVerdict.ts';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import { loadRunMeta, type RunMeta } from './runMeta.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';

/** Shown when a results file comes without any run-meta. */
const UNKNOWN_META: RunMeta = {
  scenario: 'unknown',
  environment: 'unknown',
  targetHost: 'unknown',
  seed: 'unknown',
  gitCommit: 'unknown',
  generatorVersion: 'unknown',
};

export interface RunReportOptions {
  resultsPath: string;
  /** run-meta.json; without it the run's identity shows as unknown and there are no gates or checks */
  metaPath?: string | undefined;
  /** default: report.html next to the results */
  outputPath?: string | undefined;
  junitPath?: string | undefined;
  /** an earlier run's results to compare with */
  baselinePath?: string | undefined;
  thresholds?: Partial<CompareThresholds> | undefined;
}

export interface RunReportOutcome {
  reportPath: string;
  reportBytes: number;
  junitPath: string | undefined;
  /** `passed`, `failed gates`, `failed gates, checks`, ... */
  verdict: string;
  passed: boolean;
  gates: GateResult[] | undefined;
  checks: HealthCheckResult[] | undefined;
  comparison: RunComparison | undefined;
}

/**
 * Loads the results (and meta and baseline), evaluates the run-meta's `ensure` gates, renders the HTML
 * report and the JUnit XML, and writes both atomically. Bad input files throw ConfigError (exit code 2)
 * before anything is written.
 */
export async function writeRunReport(options: RunReportOptions): Promise<RunReportOutcome> {
  const results = await loadResults(options.resultsPath);
  const { ensure, checks, ...meta } = options.metaPath ? await loadRunMeta(options.metaPath) : UNKNOWN_META;
  const baseline = options.baselinePath ? await loadResults(options.baselinePath) : undefined;
  const gates = ensure ? evaluateGates(ensure, results.aggregate) : undefined;
  const comparison = baseline ? compareRuns(baseline, results, options.thresholds) : undefined;

  const html = renderReport({ results, meta, gates, checks, comparison });
  const reportPath = options.outputPath ?? join(dirname(options.resultsPath), 'report.html');
  await writeFileAtomic(reportPath, html);
  if (options.junitPath) await writeFileAtomic(options.junitPath, junit({ gates, checks, comparison }));

  const verdict = reportVerdict({ gates, checks, comparison });
  return {
    reportPath,
    reportBytes: Buffer.byteLength(html),
    junitPath: options.junitPath,
    verdict: verdict.label,
    passed: verdict.passed,
    gates,
    checks,
    comparison,
  };
}
