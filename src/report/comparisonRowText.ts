/** @module One comparison row as display text, shared by the HTML report, the CLI table and JUnit messages. */
import type { ComparisonRow } from './compareRuns.ts';
import { fmt } from './fmt.ts';

export interface ComparisonRowText {
  metric: string;
  baseline: string;
  current: string;
  /** `+20 %` for p95 rows, `+0.5 pp` for the error-rate row, `new` when the baseline p95 was 0 */
  change: string;
  /** the threshold, and the run-to-run noise the change must also exceed: `10 %, noise ±1.8 ms` */
  limit: string;
}

function noiseText(row: ComparisonRow): string {
  if (row.noise === undefined) return '';
  return `, noise ±${row.unit === 'ms' ? fmt.ms(row.noise) : `${fmt.number(row.noise)} pp`}`;
}

/** Formats a comparison row's values with their units. */
export function comparisonRowText(row: ComparisonRow): ComparisonRowText {
  const value = (v: number | null) => (row.unit === 'ms' ? fmt.ms(v) : fmt.pct(v));
  const errorRate = row.kind === 'errorRate';
  return {
    metric: row.kind === 'endpointP95' ? `${row.name} p95` : row.name,
    baseline: value(row.baseline),
    current: value(row.current),
    change: errorRate
      ? fmt.signedPp(row.delta)
      : row.delta === null && row.baseline !== null && row.current !== null
        ? 'new'
        : fmt.signedPct(row.delta),
    limit: `${errorRate ? `${fmt.number(row.limit)} pp` : `${fmt.number(row.limit)} %`}${noiseText(row)}`,
  };
}
