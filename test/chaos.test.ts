/**
 * @module `rocket-sim run chaos --faults 5xx=0.05,reset=0.02` end to end, for its full two minutes
 * (the gameplay loop under faults): the injected 503s and connection resets show up in the results
 * and the report by kind, the run still ends on time with the gate verdict (never a crash), and the
 * post-run health checks prove no FLUX was lost or created.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthCheckResult } from '../src/health/index.ts';
import { runCli, type CliResult } from './support/runCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

/** the chaos scenario's own length (10 s of arrivals, 110 s of play) */
const DURATION_SECONDS = 120;
const FAULTS = '5xx=0.05,reset=0.02';
/** start-up (stack, pool, Artillery), the last cycles, health checks and report, on a busy 2-core box */
const GRACE_SECONDS = 120;
/** a player's last cycle may end after the last phase (Artillery waits for it) */
const LAST_CYCLE_SECONDS = 60;

let work: TempDir;
let out: string;
let result: CliResult;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(out, file), 'utf8')) as T;

/** The count of one failure kind in the report's "Failures" table. */
function reportedFailures(html: string, kind: string): number | undefined {
  const match = new RegExp(`<td><code>${kind}</code></td><td class="num">(\\d+)</td>`).exec(html);
  return match ? Number(match[1]) : undefined;
}

beforeAll(
  async () => {
    work = tempDir('chaos');
    out = join(work.path, 'out');
    result = await runCli(['run', 'chaos', '--faults', FAULTS, '--out', out], {
      cwd: work.path,
      timeoutMs: (DURATION_SECONDS + GRACE_SECONDS + 60) * 1000,
    });
  },
  (DURATION_SECONDS + GRACE_SECONDS + 90) * 1000,
);

afterAll(() => {
  work?.remove();
});

describe(`rocket-sim run chaos --faults ${FAULTS} (two minutes)`, () => {
  it('ends on time with the gate verdict, never as a crash', () => {
    expect(result.timedOut).toBe(false);
    expect([0, 1], result.stderr.slice(-2000)).toContain(result.code);
    // on time in the run's own clock (Artillery's metric timestamps), not the machine's wall clock
    const { firstMetricAt, lastMetricAt } = readJson<{ aggregate: { firstMetricAt: number; lastMetricAt: number } }>(
      'results.json',
    ).aggregate;
    expect(lastMetricAt - firstMetricAt).toBeLessThan((DURATION_SECONDS + LAST_CYCLE_SECONDS) * 1000);
    for (const file of ['results.json', 'report.html', 'run-meta.json', 'events.jsonl', 'artillery-checks.json']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
  });

  it('counts the injected failures by kind in the results and the report', () => {
    const counters = readJson<{ aggregate: { counters: Record<string, number> } }>('results.json').aggregate.counters;
    expect(counters['rocket.failure.http_5xx']).toBeGreaterThan(0);
    expect((counters['errors.ECONNRESET'] ?? 0) + (counters['rocket.failure.network'] ?? 0)).toBeGreaterThan(0);
    // the players kept playing through the faults
    expect(counters['rocket.cycle_complete']).toBeGreaterThan(0);
    expect(counters['rocket.retry']).toBeGreaterThan(0);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(reportedFailures(html, 'http_5xx')).toBe(counters['rocket.failure.http_5xx']);
    expect(reportedFailures(html, 'network')).toBe(counters['rocket.failure.network']);
  });

  it('passes every post-run health check: no FLUX lost or created', () => {
    const checks = readJson<{ checks?: HealthCheckResult[] }>('run-meta.json').checks ?? [];
    expect(checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(['ledger_reconciliation', 'auction_escrow']),
    );
    expect(checks.filter((check) => check.verdict !== 'pass')).toEqual([]);
  });

  it('exits 0 exactly when every strict gate passed', () => {
    const gates = readJson<{ expression: string; strict: boolean; passed: boolean }[]>('artillery-checks.json');
    expect(gates.length).toBeGreaterThan(0);
    expect(result.code).toBe(gates.every((gate) => gate.passed || !gate.strict) ? 0 : 1);
  });
});
