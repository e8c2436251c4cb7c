/**
 * @module Stop early on any run (issue 16, scope 2), end to end: a real `rocket-sim run` on the
 * embedded stack with every request 3 s late, `--abort-on-fail --grace 20s`: the p95 threshold
 * fails window after window and the run ends within the grace plus one window after it first
 * failed (read from the windows in results.json, not from a clock), with its results, health
 * checks, report and exit 1 "aborted: …".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

let work: TempDir;
beforeAll(() => {
  work = tempDir('abort-on-fail');
});
afterAll(() => work?.remove());

interface Window {
  period: string;
  summaries: Record<string, { p95?: number }>;
}

describe('--abort-on-fail', () => {
  it('a threshold failed in every window of the grace: the run ends within grace + one window, report, exit 1', async () => {
    const out = join(work.path, 'latency');
    const run = await runCli(
      [
        'run',
        'gameplay',
        '--faults',
        'latency=3s',
        '--abort-on-fail',
        '--grace',
        '20s',
        '--players',
        '3',
        '--duration',
        '120',
        '--seed',
        '16',
        '--out',
        out,
      ],
      { timeoutMs: 240_000 },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /gameplay: http\.response_time\.p95 < 1500 failed in every window of the last 20 s \(2 windows, last [\d,.]+\); aborting the run/,
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      intermediate: Window[];
      rocketSim?: { stop?: { kind: string } };
    };
    const periods = results.intermediate.map((window) => Number(window.period)).sort((a, b) => a - b);
    const firstFailed = results.intermediate
      .filter((window) => (window.summaries['http.response_time']?.p95 ?? 0) >= 1500)
      .map((window) => Number(window.period))
      .sort((a, b) => a - b)[0];
    expect(firstFailed).toBeDefined();
    // the end of the last window the run reached, measured from the start of the first failed one
    expect(periods.at(-1)! + 10_000 - firstFailed!).toBeLessThanOrEqual(20_000 + 10_000);
    expect(results.rocketSim?.stop?.kind).toBe('aborted');
    const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as {
      stop?: { kind: string };
      checks?: unknown[];
      verdict: { passed: boolean; label: string; reasons: { kind: string }[] };
    };
    expect(meta.stop?.kind).toBe('aborted');
    expect(meta.checks?.length).toBeGreaterThan(0);
    expect(meta.verdict.passed).toBe(false);
    expect(meta.verdict.reasons.map((reason) => reason.kind)).toContain('aborted');
    expect(meta.verdict.label).toMatch(/^failed: aborted: http\.response_time\.p95 < 1500 failed/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('aborted: http.response_time.p95 &lt; 1500');
  }, 300_000);

  it('a --grace that is not a duration is named before anything starts (exit 2)', async () => {
    const run = await runCli(['run', 'gameplay', '--abort-on-fail', '--grace', 'soon'], { timeoutMs: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--grace must be whole seconds (or 30s, 2m) up to one hour (got "soon")');
  });
});
