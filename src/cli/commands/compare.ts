/** @module `rocket-sim compare`: a CI gate on p95 and failed-request regressions against a baseline results file. */
import { ExitCode, UsageError } from '../../errors/index.ts';
import { loadResults } from '../../report/artilleryResults.ts';
import { compareRuns, type CompareThresholds, type RunComparison } from '../../report/compareRuns.ts';
import { comparisonRowText } from '../../report/comparisonRowText.ts';
import { stringFlag, type Command, type ParsedArgs } from '../command.ts';

/** Reads `--max-p95-regression 10%` and `--max-error-rate-increase 1pp` (units optional); errors name the flag. */
export function compareThresholdFlags(args: ParsedArgs): Partial<CompareThresholds> {
  const limit = (flag: string, unit: RegExp): number | undefined => {
    const raw = stringFlag(args, flag);
    if (raw === undefined) return undefined;
    const match = /^(\d+(?:\.\d+)?)\s*([a-z%]*)$/i.exec(raw.trim());
    if (!match || (match[2] !== '' && !unit.test(match[2] ?? ''))) {
      throw new UsageError(
        `--${flag} must be a non-negative number such as ${flag.includes('p95') ? '10%' : '1pp'} (got "${raw}")`,
      );
    }
    return Number(match[1]);
  };
  const maxP95RegressionPct = limit('max-p95-regression', /^%$/);
  const maxErrorRateIncreasePp = limit('max-error-rate-increase', /^pp$/i);
  return {
    ...(maxP95RegressionPct === undefined ? {} : { maxP95RegressionPct }),
    ...(maxErrorRateIncreasePp === undefined ? {} : { maxErrorRateIncreasePp }),
  };
}

export const compareThresholdOptions = {
  'max-p95-regression': { type: 'string' },
  'max-error-rate-increase': { type: 'string' },
} as const;

/** The comparison as a fixed-width text table for the terminal and CI logs. */
function comparisonTable(comparison: RunComparison): string {
  const rows = comparison.rows.map((row) => {
    const text = comparisonRowText(row);
    return [text.metric, text.baseline, text.current, text.change, text.limit, row.status.toUpperCase()];
  });
  const head = ['metric', 'baseline', 'current', 'change', 'limit', 'result'];
  const widths = head.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 || column === 5 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare a run with a baseline run: exit 1 when p95 or the failed-request rate regressed',
  usage: [
    'compare <baseline.json> <current.json> [--max-p95-regression 10%] [--max-error-rate-increase 1pp]',
    '',
    'Both files are Artillery results (artillery run -o). The overall p95 fails when it grows by more than',
    '--max-p95-regression percent (default 10), by more than 1 ms and beyond the run-to-run noise (two',
    "standard errors of the difference, from the runs' window spread and sample sizes); the unexpected-",
    'failure rate (non-2xx responses that were not benign game answers, plus errors) fails when it grows',
    'by more than --max-error-rate-increase percentage points (default 1) and beyond its noise. Endpoint',
    'p95 rows are shown and only warn. Exit codes: 0 no regression, 1 regression, 2 bad input.',
  ].join('\n'),
  options: compareThresholdOptions,
  positionals: true,
  async run(args) {
    if (args.positionals.length !== 2) {
      throw new UsageError(`compare needs two results files, baseline then current (got ${args.positionals.length})`);
    }
    const [baselinePath = '', currentPath = ''] = args.positionals;
    const thresholds = compareThresholdFlags(args);
    const comparison = compareRuns(await loadResults(baselinePath), await loadResults(currentPath), thresholds);
    console.log(comparisonTable(comparison));
    console.log(
      `\ncompare: ${comparison.verdict === 'pass' ? 'no regression' : 'REGRESSION'} (${currentPath} against ${baselinePath})`,
    );
    return comparison.verdict === 'pass' ? ExitCode.ok : ExitCode.gateFailed;
  },
};
