export {
  artilleryResultsSchema,
  loadResults,
  type ArtilleryResults,
  type MetricSummary,
  type MetricsPeriod,
} from './artilleryResults.ts';
export {
  compareRuns,
  defaultCompareThresholds,
  type CompareThresholds,
  type ComparisonRow,
  type RunComparison,
} from './compareRuns.ts';
export { comparisonRowText, type ComparisonRowText } from './comparisonRowText.ts';
export { ensureConfigSchema, type EnsureConfig } from './ensureConfig.ts';
export { evaluateGates, type GateResult } from './evaluateGates.ts';
export { fmt } from './fmt.ts';
export { generatorVersion } from './generatorVersion.ts';
export { junit } from './junit.ts';
export { renderReport, type ReportInput } from './renderReport.ts';
export { runFactsOf, runVerdict, type RunFacts, type Verdict, type VerdictReason } from './runVerdict.ts';
export { loadRunMeta, reportMetaSchema, runMetaSchema, type ReportMeta, type RunMeta } from './runMeta.ts';
export { summarizeResults, type EndpointRow, type ResultsSummary, type WindowSeries } from './summarizeResults.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';
export { writeRunReport, type RunReportOptions, type RunReportOutcome } from './writeRunReport.ts';
