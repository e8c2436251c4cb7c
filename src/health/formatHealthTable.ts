/** @module The health checks as a plain-text table for a terminal, offending rows indented under their check. */
import { redactString } from '../log/index.ts';
import type { HealthCheckResult } from './healthCheckResult.ts';

const LABEL: Record<HealthCheckResult['verdict'], string> = { pass: 'pass', fail: 'FAIL', skip: 'skip' };

function rowText(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/**
 * One line per check (verdict, name, summary), then each offending row as `key=value` pairs, then a
 * verdict line. Redacted, so a key that reached a summary through an error text is never printed.
 */
export function formatHealthTable(results: readonly HealthCheckResult[], target: string): string {
  const width = Math.max('check'.length, ...results.map((result) => result.name.length));
  const lines = [`health checks of ${target}`, '', `  ${'verdict'.padEnd(8)} ${'check'.padEnd(width)}  summary`];
  for (const result of results) {
    lines.push(`  ${LABEL[result.verdict].padEnd(8)} ${result.name.padEnd(width)}  ${result.summary}`);
    for (const row of result.offendingRows ?? [])
      lines.push(`  ${''.padEnd(8)} ${''.padEnd(width)}    - ${rowText(row)}`);
  }
  const failed = results.filter((result) => result.verdict === 'fail').length;
  const skipped = results.filter((result) => result.verdict === 'skip').length;
  lines.push(
    '',
    `verdict: ${failed > 0 ? 'failed' : 'passed'} (${results.length} checks: ${failed} failed, ${skipped} skipped)`,
    '',
  );
  return redactString(lines.join('\n'));
}
