/** @module `row_counts`: how much the watched tables grew during the run; only a table that shrank fails. */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { countTables, type CountedTable, type RowCounts } from '../countRows.ts';
import type { CheckContext } from './CheckContext.ts';

const NAME = 'row_counts';

export interface RowCountChange {
  table: CountedTable;
  current: number;
  baseline: number | undefined;
  delta: number | undefined;
}

/** Each counted table with its baseline and delta (undefined without a baseline for it). */
function rowCountChanges(current: RowCounts, baseline: RowCounts | undefined): RowCountChange[] {
  return (Object.entries(current) as [CountedTable, number][]).map(([table, count]) => {
    const before = baseline?.[table];
    return { table, current: count, baseline: before, delta: before === undefined ? undefined : count - before };
  });
}

const signed = (value: number) => (value >= 0 ? `+${value}` : String(value));

/** Informational unless a count went down against the baseline (rows that a run never deletes). */
export async function rowCounts(ctx: CheckContext, baseline: RowCounts | undefined): Promise<HealthCheckResult> {
  const { counts, missing } = await countTables(ctx.rest);
  const changes = rowCountChanges(counts, baseline);
  if (changes.length === 0)
    return {
      name: NAME,
      verdict: 'skip',
      summary: `none of the counted tables is on the target (${missing.join(', ')})`,
    };
  const parts = changes.map(
    (change) => `${change.table} ${change.current}${change.delta === undefined ? '' : ` (${signed(change.delta)})`}`,
  );
  if (missing.length > 0) parts.push(`not on target: ${missing.join(', ')}`);
  if (!baseline) parts.push('no baseline');
  const shrunk = changes.filter((change) => change.delta !== undefined && change.delta < 0);
  if (shrunk.length === 0) return { name: NAME, verdict: 'pass', summary: parts.join(', ') };
  return {
    name: NAME,
    verdict: 'fail',
    summary: `${shrunk.map((change) => change.table).join(', ')} lost rows during the run; ${parts.join(', ')}`,
    offendingRows: shrunk.slice(0, ctx.maxRows).map((change) => ({ ...change })),
  };
}
