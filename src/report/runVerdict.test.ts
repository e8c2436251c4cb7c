import { describe, expect, it } from 'vitest';
import type { GateResult } from './evaluateGates.ts';
import { runVerdict } from './runVerdict.ts';

const facts = { requests: 120, vusersCreated: 10, vusersCompleted: 10, vusersFailed: 0 };
const failedGate: GateResult = {
  name: 'p95 < 1500',
  expression: 'p95 < 1500',
  value: 3000,
  passed: false,
  strict: true,
};
const at = '2026-12-04T19:00:00.000Z';
const capacityStop = { kind: 'ended_early' as const, reason: 'capacity step 4 (27 players) failed', at, planned: true };

describe('runVerdict: a capacity run is judged by its search, not by the whole run', () => {
  it('a search with a figure passes although its breaking step failed the gates and ended the run', () => {
    const verdict = runVerdict({
      facts,
      gates: [failedGate],
      stop: capacityStop,
      capacity: { concluded: true, summary: 'holds 18 players: 12 req/s, p95 420 ms (step 3)' },
    });
    expect(verdict).toMatchObject({ passed: true, reasons: [] });
    expect(verdict.label).toBe(
      'passed · stopped as planned: capacity step 4 (27 players) failed · holds 18 players: 12 req/s, p95 420 ms (step 3)',
    );
  });

  it('a search without a figure fails with its answer as the reason', () => {
    const summary = 'holds nothing: the first step (2 players) did not pass';
    const verdict = runVerdict({
      facts,
      gates: [failedGate],
      stop: capacityStop,
      capacity: { concluded: false, summary },
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([{ kind: 'capacity', message: summary }]);
    expect(verdict.label).toMatch(/^failed: capacity search without an answer · stopped as planned: /);
  });

  it('a health check still fails a capacity run that found its figure', () => {
    const verdict = runVerdict({
      facts,
      gates: [failedGate],
      checks: [{ name: 'flux_conservation', verdict: 'fail', summary: '3 FLUX created' }],
      capacity: { concluded: true, summary: 'holds 18 players' },
    });
    expect(verdict.reasons.map((reason) => reason.kind)).toEqual(['checks']);
  });

  it('an unplanned early end (every sign-in failed) still fails any run', () => {
    const verdict = runVerdict({
      facts,
      gates: [{ ...failedGate, passed: true }],
      stop: { kind: 'ended_early', reason: 'every sign-in failed', at },
    });
    expect(verdict.reasons.map((reason) => reason.kind)).toEqual(['ended_early']);
  });
});
