/**
 * @module What the report and the gates read from `database.json`: per-sample series on the load's
 * time axis, each lock wait once (with the longest wait it was seen with), the contention per
 * relation and row, the top statements per phase, and the deadlocks with the statements that waited
 * just before them.
 */
import type { DatabaseWatch, LockWait, WaitClass } from './DatabaseWatch.ts';

const WAIT_CLASS_ORDER: readonly WaitClass[] = [
  'CPU',
  'Lock',
  'LWLock',
  'IO',
  'Client',
  'IPC',
  'Timeout',
  'Other',
  'IdleInTransaction',
  'Hidden',
];

export interface ContentionRow {
  relation: string;
  /** `id=12`, or undefined for waits on a whole relation or a transaction */
  row: string | undefined;
  lockType: string;
  waits: number;
  totalMs: number;
  maxMs: number;
  waitingEndpoints: string[];
  blockingEndpoints: string[];
  blockingStatement: string;
}

export interface StatementRow {
  endpoint: string;
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
}

export interface PhaseDatabase {
  name: string;
  from: number;
  to: number;
  byTotal: StatementRow[];
  byMean: StatementRow[];
  /** database time per endpoint in the phase (pg_stat_statements) */
  endpointMs: Record<string, number>;
  /** lock wait time per waiting endpoint in the phase, and what it waited on most */
  lockMsByEndpoint: Record<string, { ms: number; relation: string; row: string | undefined; blocking: string }>;
}

export interface DeadlockRow {
  /** epoch milliseconds of the sample that counted it */
  at: number;
  count: number;
  /** the waiting and blocking statements of the lock waits seen in the samples just before */
  statements: string[];
}

export interface DatabaseSummary {
  waitSeries: { t: number[]; classes: Partial<Record<WaitClass, number[]>> };
  active: number[];
  waiting: number[];
  lockWaitsPerSample: number[];
  connections: number[];
  maxConnections: number | undefined;
  waits: LockWait[];
  contention: ContentionRow[];
  phases: PhaseDatabase[];
  deadlocks: DeadlockRow[];
  totals: { deadlocks: number; rollbacks: number; commits: number; tempBytes: number; conflicts: number; dbMs: number };
}

const TOP = 8;

/** Each wait once, with the longest duration a sample saw (a lower bound of the wait). */
function uniqueWaits(watch: DatabaseWatch): { wait: LockWait; at: number }[] {
  const byId = new Map<string, { wait: LockWait; at: number }>();
  for (const sample of watch.samples) {
    for (const wait of sample.lockWaits) {
      const seen = byId.get(wait.id);
      if (!seen || seen.wait.waitedMs < wait.waitedMs) byId.set(wait.id, { wait, at: sample.at });
    }
  }
  return [...byId.values()];
}

function contentionOf(waits: readonly LockWait[]): ContentionRow[] {
  const rows = new Map<string, ContentionRow>();
  for (const wait of waits) {
    const relation = wait.relation ?? `(${wait.lockType})`;
    const key = `${relation}\0${wait.row ?? ''}`;
    const row: ContentionRow = rows.get(key) ?? {
      relation,
      row: wait.row ?? undefined,
      lockType: wait.lockType,
      waits: 0,
      totalMs: 0,
      maxMs: 0,
      waitingEndpoints: [],
      blockingEndpoints: [],
      blockingStatement: wait.blockingStatements[0] ?? '',
    };
    row.waits += 1;
    row.totalMs += wait.waitedMs;
    row.maxMs = Math.max(row.maxMs, wait.waitedMs);
    if (!row.waitingEndpoints.includes(wait.waitingEndpoint)) row.waitingEndpoints.push(wait.waitingEndpoint);
    for (const blocking of wait.blockingEndpoints) {
      if (!row.blockingEndpoints.includes(blocking)) row.blockingEndpoints.push(blocking);
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.totalMs - a.totalMs || b.waits - a.waits);
}

function phasesOf(watch: DatabaseWatch, waits: readonly { wait: LockWait; at: number }[]): PhaseDatabase[] {
  const marks = watch.phases.length > 0 ? watch.phases : [{ name: 'run', at: watch.startedAt }];
  return marks.map((mark, index) => {
    // the first phase also holds what happened before it started
    const from = index === 0 ? Math.min(mark.at, watch.startedAt) : mark.at;
    const to = marks[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    const inPhase = (at: number) => at >= from && at < to;
    const statements = new Map<string, StatementRow>();
    const endpointMs: Record<string, number> = {};
    for (const sample of watch.samples) {
      if (!inPhase(sample.at)) continue;
      for (const delta of sample.statements) {
        const row = statements.get(delta.key) ?? {
          endpoint: delta.endpoint,
          statement: watch.statements[delta.key] ?? '',
          calls: 0,
          totalMs: 0,
          meanMs: 0,
        };
        row.calls += delta.calls;
        row.totalMs += delta.totalMs;
        statements.set(delta.key, row);
        endpointMs[delta.endpoint] = (endpointMs[delta.endpoint] ?? 0) + delta.totalMs;
      }
    }
    const rows = [...statements.values()].map((row) => ({
      ...row,
      meanMs: row.calls > 0 ? row.totalMs / row.calls : 0,
    }));
    const lockMsByEndpoint: PhaseDatabase['lockMsByEndpoint'] = {};
    const perTarget = new Map<string, Map<string, number>>();
    for (const { wait, at } of waits) {
      if (!inPhase(at)) continue;
      const target = `${wait.relation ?? `(${wait.lockType})`}\0${wait.row ?? ''}\0${wait.blockingEndpoints[0] ?? '(unknown)'}`;
      const byTarget = perTarget.get(wait.waitingEndpoint) ?? new Map<string, number>();
      byTarget.set(target, (byTarget.get(target) ?? 0) + wait.waitedMs);
      perTarget.set(wait.waitingEndpoint, byTarget);
    }
    for (const [endpoint, byTarget] of perTarget) {
      const [top] = [...byTarget].sort((a, b) => b[1] - a[1]);
      const [relation, row, blocking] = top![0].split('\0') as [string, string, string];
      lockMsByEndpoint[endpoint] = {
        ms: [...byTarget.values()].reduce((sum, ms) => sum + ms, 0),
        relation,
        row: row === '' ? undefined : row,
        blocking,
      };
    }
    return {
      name: mark.name,
      from,
      to: Number.isFinite(to) ? to : watch.endedAt,
      byTotal: [...rows].sort((a, b) => b.totalMs - a.totalMs).slice(0, TOP),
      byMean: [...rows].sort((a, b) => b.meanMs - a.meanMs).slice(0, TOP),
      endpointMs,
      lockMsByEndpoint,
    };
  });
}

/** Summarises a sampled `database.json`. */
export function summarizeDatabase(watch: DatabaseWatch): DatabaseSummary {
  const samples = watch.samples;
  const classes: Partial<Record<WaitClass, number[]>> = {};
  for (const waitClass of WAIT_CLASS_ORDER) {
    if (samples.some((sample) => (sample.waits[waitClass] ?? 0) > 0))
      classes[waitClass] = samples.map((sample) => sample.waits[waitClass] ?? 0);
  }
  const waits = uniqueWaits(watch);
  const deadlocks: DeadlockRow[] = [];
  samples.forEach((sample, index) => {
    const count = sample.database?.deadlocks ?? 0;
    if (count <= 0) return;
    const statements = new Set<string>();
    // the waits of this sample and the three before it (a deadlock is detected after deadlock_timeout, 1 s by default)
    for (const before of samples.slice(Math.max(0, index - 3), index + 1)) {
      for (const wait of before.lockWaits) {
        if (wait.lockType === 'relation' && wait.relation === null) continue;
        statements.add(wait.waitingStatement);
        for (const blocking of wait.blockingStatements) statements.add(blocking);
      }
    }
    deadlocks.push({ at: sample.at, count, statements: [...statements].slice(0, 6) });
  });
  const sum = (pick: (delta: NonNullable<(typeof samples)[number]['database']>) => number) =>
    samples.reduce((total, sample) => total + (sample.database ? pick(sample.database) : 0), 0);
  return {
    waitSeries: { t: samples.map((sample) => sample.at), classes },
    active: samples.map((sample) => sample.active),
    waiting: samples.map((sample) => sample.waiting),
    lockWaitsPerSample: samples.map((sample) => sample.lockWaits.length),
    connections: samples.map((sample) => sample.connections),
    maxConnections: watch.server?.maxConnections,
    waits: waits.map(({ wait }) => wait),
    contention: contentionOf(waits.map(({ wait }) => wait)),
    phases: phasesOf(watch, waits),
    deadlocks,
    totals: {
      deadlocks: sum((delta) => delta.deadlocks),
      rollbacks: sum((delta) => delta.rollbacks),
      commits: sum((delta) => delta.commits),
      tempBytes: sum((delta) => delta.tempBytes),
      conflicts: sum((delta) => delta.conflicts),
      dbMs: samples.reduce(
        (total, sample) => total + sample.statements.reduce((inner, delta) => inner + delta.totalMs, 0),
        0,
      ),
    },
  };
}
