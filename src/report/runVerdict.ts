/**
 * @module The verdict of a run, computed once from its gates, health checks, baseline comparison,
 * the facts of its results and how it ended; report.html, run-meta.json, JUnit, the console line and
 * the exit code all show this one value. Later rules (database gates, capacity aborts, merged runs)
 * add reasons here, never a verdict of their own.
 */
import { z } from 'zod';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import type { MetricsPeriod } from './artilleryResults.ts';
import type { RunComparison } from './compareRuns.ts';
import type { GateResult } from './evaluateGates.ts';
import { fmt } from './fmt.ts';
import { reportMetrics as m } from './reportMetrics.ts';
import type { RunStop } from './runStop.ts';

/** Stable names of the reasons a run fails (JUnit case names, run-meta.json, tests). */
export type VerdictReasonKind =
  | 'gates'
  | 'checks'
  | 'baseline'
  | 'no_gates'
  | 'no_requests'
  | 'every_virtual_user_failed'
  | 'virtual_users_failed'
  | 'ended_early'
  | 'aborted'
  | 'capacity';

export interface VerdictReason {
  kind: VerdictReasonKind;
  /** one line for people: `2 strict gates failed: vusers.failed == 0, ...` */
  message: string;
}

export const verdictSchema = z.object({
  passed: z.boolean(),
  label: z.string(),
  reasons: z.array(z.object({ kind: z.string(), message: z.string() })),
  notes: z.array(z.string()),
});

export interface Verdict {
  passed: boolean;
  /** `passed`, `failed: gates, health checks`, `passed · interrupted at 2026-12-04 10:00:00 UTC` */
  label: string;
  /** every reason the run failed, in a fixed order; empty when it passed */
  reasons: VerdictReason[];
  /** facts that qualify the verdict without failing it (an interrupt) */
  notes: string[];
}

/** What the results say about the run as a whole, whatever the gates are. */
export interface RunFacts {
  requests: number;
  vusersCreated: number;
  vusersCompleted: number;
  vusersFailed: number;
}

/** The facts of a results file's aggregate. */
export function runFactsOf(aggregate: MetricsPeriod): RunFacts {
  const counter = (name: string) => aggregate.counters[name] ?? 0;
  return {
    requests: counter(m.requests),
    vusersCreated: counter(m.vusersCreated),
    vusersCompleted: counter(m.vusersCompleted),
    vusersFailed: counter(m.vusersFailed),
  };
}

export interface VerdictInput {
  facts: RunFacts;
  /** evaluated gates; undefined or empty when no gate was found */
  gates?: readonly GateResult[] | undefined;
  checks?: readonly HealthCheckResult[] | undefined;
  comparison?: RunComparison | undefined;
  stop?: RunStop | undefined;
  /** `--allow-no-gates`: a run without gates may pass (then any failed virtual user fails it) */
  allowNoGates?: boolean | undefined;
  /**
   * a capacity run's answer (capacity.json): its steps are judged one by one, so the whole run's
   * gates (which the breaking step fails by design) give way to whether the search found a figure
   */
  capacity?: { concluded: boolean; summary: string } | undefined;
}

const SHORT: Record<VerdictReasonKind, string> = {
  gates: 'gates',
  checks: 'health checks',
  baseline: 'baseline comparison',
  no_gates: 'no gates found',
  no_requests: 'no requests',
  every_virtual_user_failed: 'every virtual user failed',
  virtual_users_failed: 'virtual users failed',
  ended_early: 'ended early',
  aborted: 'aborted',
  capacity: 'capacity search without an answer',
};

/**
 * The run's verdict. It fails on a failed strict gate, a failed health check (skipped ones do not
 * count), a baseline regression, and, whatever the gates say, when the run sent no request, when
 * every virtual user failed, when no gate was found (unless `allowNoGates`; then any failed virtual
 * user fails it), and when it ended early or was aborted. An interrupt only adds a note: the gates
 * decide over the time that ran.
 */
export function runVerdict(input: VerdictInput): Verdict {
  const { facts, stop } = input;
  const reasons: VerdictReason[] = [];
  const add = (kind: VerdictReasonKind, message: string) => reasons.push({ kind, message });

  if (stop?.kind === 'ended_early' && !stop.planned) add('ended_early', `ended early: ${stop.reason}`);
  if (stop?.kind === 'aborted') add('aborted', `aborted: ${stop.reason}`);
  if (facts.requests === 0) add('no_requests', 'the run sent no request');
  if (facts.vusersCreated > 0 && facts.vusersCompleted === 0 && facts.vusersFailed > 0) {
    add(
      'every_virtual_user_failed',
      `every virtual user failed (${fmt.count(facts.vusersFailed)} of ${fmt.count(facts.vusersCreated)})`,
    );
  }
  const gates = input.gates ?? [];
  if (gates.length === 0) {
    if (!input.allowNoGates)
      add('no_gates', 'no gates found: give --scenario NAME or --config FILE (or --allow-no-gates)');
    else if (facts.vusersFailed > 0 && !reasons.some((reason) => reason.kind === 'every_virtual_user_failed')) {
      add('virtual_users_failed', `${fmt.count(facts.vusersFailed)} virtual users failed and no gate allows it`);
    }
  }
  const failedGates = input.capacity ? [] : gates.filter((gate) => gate.strict && !gate.passed);
  if (input.capacity && !input.capacity.concluded) add('capacity', input.capacity.summary);
  if (failedGates.length > 0) {
    add(
      'gates',
      `${failedGates.length} strict gate${failedGates.length === 1 ? '' : 's'} failed: ${failedGates.map((gate) => gate.name).join(', ')}`,
    );
  }
  const failedChecks = (input.checks ?? []).filter((check) => check.verdict === 'fail');
  if (failedChecks.length > 0)
    add('checks', `health checks failed: ${failedChecks.map((check) => check.name).join(', ')}`);
  if (input.comparison?.verdict === 'regression') add('baseline', 'regression against the baseline');

  const notes = [
    ...(stop?.kind === 'interrupted' ? [`interrupted at ${fmt.time(stop.at)} (${stop.reason})`] : []),
    ...(stop?.planned ? [`stopped as planned: ${stop.reason}`] : []),
    ...(input.capacity?.concluded ? [input.capacity.summary] : []),
  ];
  const passed = reasons.length === 0;
  const head = passed ? 'passed' : `failed: ${[...new Set(reasons.map((reason) => labelOf(reason)))].join(', ')}`;
  return { passed, label: [head, ...notes].join(' · '), reasons, notes };
}

function labelOf(reason: VerdictReason): string {
  // the stop reasons carry their own text: "ended early: every sign-in failed ..."
  return reason.kind === 'ended_early' || reason.kind === 'aborted' ? reason.message : SHORT[reason.kind];
}
