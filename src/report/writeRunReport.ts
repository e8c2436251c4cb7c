/** @module From a results file (and its run-meta) to report.html and JUnit XML on disk, with the run's one verdict. */
import { dirname, join } from 'node:path';
import { withDatabaseMetrics } from '../dbwatch/databaseGates.ts';
import { loadCapacityFile } from '../capacity/loadCapacityFile.ts';
import { loadDatabaseWatch } from '../dbwatch/loadDatabaseWatch.ts';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { compareRuns, type CompareThresholds, type RunComparison } from './compareRuns.ts';
import type { EnsureConfig } from './ensureConfig.ts';
import { evaluateGates, type GateResult } from './evaluateGates.ts';
import { junit } from './junit.ts';
import { renderReport } from './renderReport.ts';
import { loadRunMeta, type RunMeta } from './runMeta.ts';
import type { RunStop } from './runStop.ts';
import { runFactsOf, runVerdict, type Verdict } from './runVerdict.ts';
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

/** Gates and where they were found, for the report's Gates section. */
export interface GateSource {
  ensure: EnsureConfig;
  /** `run-meta.json`, `the results file`, `scenario once (-e local)`, `--config my.yml` */
  from: string;
}

export interface RunReportOptions {
  resultsPath: string;
  /** run-meta.json; without it the run's identity shows as unknown */
  metaPath?: string | undefined;
  /** gates given on the command line (`--scenario`, `--config`): they win over the run-meta's and the results file's */
  gates?: GateSource | undefined;
  /** `--allow-no-gates`: a run without any gate may pass */
  allowNoGates?: boolean | undefined;
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
  /** the one verdict: the report, JUnit, run-meta.json, the console and the exit code show it */
  verdict: Verdict;
  gates: GateResult[] | undefined;
  /** where the gates came from; undefined when none were found */
  gatesFrom: string | undefined;
  checks: HealthCheckResult[] | undefined;
  comparison: RunComparison | undefined;
  stop: RunStop | undefined;
}

/** The gates that judge a run: given ones, else the run-meta's, else those the plugin recorded in the results. */
function gateSource(options: RunReportOptions, meta: RunMeta, results: ArtilleryResults): GateSource | undefined {
  if (options.gates) return options.gates;
  if (meta.ensure) return { ensure: meta.ensure, from: 'run-meta.json' };
  const recorded = results.rocketSim?.ensure;
  return recorded ? { ensure: recorded, from: 'the results file (recorded by the rocket plugin)' } : undefined;
}

/**
 * Loads the results (and meta and baseline), evaluates the gates, decides the verdict, renders the
 * HTML report and the JUnit XML, and writes both atomically. Bad input files throw ConfigError (exit
 * code 2) before anything is written.
 */
export async function writeRunReport(options: RunReportOptions): Promise<RunReportOutcome> {
  const results = await loadResults(options.resultsPath);
  const runMeta = options.metaPath ? await loadRunMeta(options.metaPath) : UNKNOWN_META;
  const baseline = options.baselinePath ? await loadResults(options.baselinePath) : undefined;
  const { ensure: _ensure, checks, stop: metaStop, verdict: _verdict, ...meta } = runMeta;
  const source = gateSource(options, runMeta, results);
  // database.json beside the results: the rocket.db.* metrics of the gates and the Database section
  const database = loadDatabaseWatch(dirname(options.resultsPath));
  const evaluated = source ? evaluateGates(source.ensure, withDatabaseMetrics(results.aggregate, database)) : [];
  const gates = evaluated.length > 0 ? evaluated : undefined;
  const comparison = baseline ? compareRuns(baseline, results, options.thresholds) : undefined;
  const stop = metaStop ?? results.rocketSim?.stop;
  // capacity.json beside the results: a capacity run's answer and steps (they judge it, not the gates)
  const capacity = loadCapacityFile(dirname(options.resultsPath));
  const verdict = runVerdict({
    facts: runFactsOf(results.aggregate),
    gates,
    checks,
    comparison,
    stop,
    allowNoGates: options.allowNoGates,
    capacity,
  });
  const gatesFrom = gates ? source?.from : undefined;
  const html = renderReport({ results, meta, gates, gatesFrom, checks, comparison, verdict, stop, database, capacity });
  const reportPath = options.outputPath ?? join(dirname(options.resultsPath), 'report.html');
  await writeFileAtomic(reportPath, html);
  if (options.junitPath) await writeFileAtomic(options.junitPath, junit({ gates, checks, comparison, verdict }));

  return {
    reportPath,
    reportBytes: Buffer.byteLength(html),
    junitPath: options.junitPath,
    verdict,
    gates,
    gatesFrom,
    checks,
    comparison,
    stop,
  };
}
