/**
 * @module `scheduler_health`: the auction tick kept up. Reads `auction_scheduler_health` and adds what
 * the view misses: rounds left accepting submissions, or bidding, more than one tick after their deadline.
 */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { capRows, unlessMissing, type CheckContext } from './CheckContext.ts';

const NAME = 'scheduler_health';
const VIEW = 'auction_scheduler_health';
const ROUNDS = 'auction_rounds';
/** Slack on top of one tick interval: the tick's own duration under load plus clock skew to the database. */
const SCHEDULER_GRACE_MS = 5_000;

export interface RoundTimes {
  id: number;
  status: string;
  submission_ends_at: string;
  ends_at: string;
  updated_at: string;
}

interface SchedulerView {
  active_rounds: number;
  overdue_rounds: number;
  stuck_finalizing: number;
}

/** One round the scheduler left behind. */
export interface SchedulerFinding extends Record<string, unknown> {
  round_id: number | null;
  status: string | null;
  /** `late_transition` | `late_finalize` | `stuck_finalizing` | `no_active_round` | `no_rounds` */
  problem: string;
  /** the deadline the tick missed (or the round's last change, for `no_active_round`) */
  since: string | null;
  late_by_s: number | null;
}

const lateBy = (nowMs: number, at: string) => Math.round((nowMs - Date.parse(at)) / 1000);

/**
 * Rounds the tick should have moved by now, given that it runs every `toleranceMs` at the latest:
 * an accepting round past `submission_ends_at`, an accepting or bidding round past `ends_at`, any
 * `finalizing` round (set and cleared in one transaction, so never visible when healthy), and no
 * open round at all although the latest round stopped being open more than a tolerance ago.
 * `openRounds` are the rounds in accepting_submissions, bidding or finalizing; `latest` the newest round.
 */
export function schedulerFindings(
  openRounds: readonly RoundTimes[],
  latest: RoundTimes | undefined,
  nowMs: number,
  toleranceMs: number,
): SchedulerFinding[] {
  const findings: SchedulerFinding[] = [];
  const overdue = (at: string) => nowMs - Date.parse(at) > toleranceMs;
  for (const round of openRounds) {
    const base = { round_id: round.id, status: round.status };
    if (round.status === 'finalizing') {
      findings.push({
        ...base,
        problem: 'stuck_finalizing',
        since: round.updated_at,
        late_by_s: lateBy(nowMs, round.updated_at),
      });
    } else if (round.status === 'accepting_submissions' && overdue(round.submission_ends_at)) {
      findings.push({
        ...base,
        problem: 'late_transition',
        since: round.submission_ends_at,
        late_by_s: lateBy(nowMs, round.submission_ends_at),
      });
    } else if (overdue(round.ends_at)) {
      findings.push({
        ...base,
        problem: 'late_finalize',
        since: round.ends_at,
        late_by_s: lateBy(nowMs, round.ends_at),
      });
    }
  }
  const open = openRounds.some((round) => round.status === 'accepting_submissions' || round.status === 'bidding');
  if (!latest) {
    findings.push({ round_id: null, status: null, problem: 'no_rounds', since: null, late_by_s: null });
  } else if (!open && overdue(latest.updated_at)) {
    findings.push({
      round_id: latest.id,
      status: latest.status,
      problem: 'no_active_round',
      since: latest.updated_at,
      late_by_s: lateBy(nowMs, latest.updated_at),
    });
  }
  return findings;
}

const EXPLAIN: Record<string, string> = {
  late_transition: 'still accepting submissions',
  late_finalize: 'not finalized',
  stuck_finalizing: 'stuck in finalizing',
  no_active_round: 'no round started after it',
};

function describe(finding: SchedulerFinding): string {
  if (finding.problem === 'no_rounds') return 'no auction round exists: is the auction tick running?';
  return `round ${finding.round_id} ${EXPLAIN[finding.problem] ?? finding.problem} ${finding.late_by_s} s after ${finding.since}`;
}

/** Reads the view (when present) and the open rounds, and fails on anything the tick left behind. */
export async function schedulerHealth(ctx: CheckContext): Promise<HealthCheckResult> {
  const { client } = ctx.rest;
  const columns = 'id,status,submission_ends_at,ends_at,updated_at';
  const view = await unlessMissing(
    ctx.rest.read<SchedulerView>(
      VIEW,
      client.from(VIEW).select('active_rounds,overdue_rounds,stuck_finalizing').limit(1),
    ),
  );
  const open = await ctx.rest.pages<RoundTimes>(
    ROUNDS,
    (after, limit) => {
      const query = client
        .from(ROUNDS)
        .select(columns)
        .in('status', ['accepting_submissions', 'bidding', 'finalizing']);
      return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
    },
    ctx.maxPages,
  );
  const { rows: latestRows } = await ctx.rest.read<RoundTimes>(
    ROUNDS,
    client.from(ROUNDS).select(columns).order('id', { ascending: false }).limit(1),
  );
  const nowMs = ctx.now();
  const toleranceMs = ctx.tickIntervalMs + SCHEDULER_GRACE_MS;
  const findings = schedulerFindings(open.rows, latestRows[0], nowMs, toleranceMs);

  const notes: string[] = [];
  let stuck = 0;
  if ('value' in view) {
    const row = view.value.rows[0];
    if (row) {
      stuck = Number(row.stuck_finalizing);
      notes.push(
        `${VIEW}: active_rounds ${row.active_rounds}, overdue_rounds ${row.overdue_rounds}, stuck_finalizing ${row.stuck_finalizing}`,
      );
      const late = findings.some(
        (finding) => finding.problem === 'late_finalize' || finding.problem === 'late_transition',
      );
      if (Number(row.overdue_rounds) > 0 && !late)
        notes.push('the overdue round(s) are within one tick of their deadline');
    }
  } else {
    notes.push(`${VIEW} not on target (${view.missing.pgrstCode})`);
  }
  notes.push(
    `tolerance ${toleranceMs / 1000} s = tick ${ctx.tickIntervalMs / 1000} s + ${SCHEDULER_GRACE_MS / 1000} s grace`,
  );
  if (!open.complete) notes.push(`sampled: first ${open.rows.length} open rounds`);

  if (findings.length > 0 || stuck > 0) {
    const first = findings[0];
    const headline = first
      ? `${describe(first)}${findings.length > 1 ? ` (+${findings.length - 1} more)` : ''}`
      : `stuck_finalizing ${stuck}`;
    const shown = capRows(findings, ctx.maxRows);
    return {
      name: NAME,
      verdict: 'fail',
      summary: `${headline}; ${notes.join('; ')}${shown.note}`,
      ...(shown.rows.length > 0 ? { offendingRows: shown.rows } : {}),
    };
  }
  const current = open.rows.find((round) => round.status === 'accepting_submissions' || round.status === 'bidding');
  const latest = latestRows[0];
  const state = current
    ? `round ${current.id} ${current.status}`
    : `round ${latest?.id} ${latest?.status}, next round due`;
  return { name: NAME, verdict: 'pass', summary: `${state}; ${notes.join('; ')}` };
}
