/**
 * @module One sample of the database: sessions by state and wait event, lock waits with who
 * blocks whom (`pg_blocking_pids`) and the contended row, pg_stat_statements and pg_stat_database
 * deltas since the previous sample. Every statement is tagged with SAMPLER_TAG and runs on the
 * sampler's one read-only connection.
 */
import type pg from 'pg';
import type { DatabaseDelta, DatabaseSample, LockWait, StatementDelta, WaitClass } from './DatabaseWatch.ts';
import { SAMPLER_TAG, type DatabaseCapabilities } from './probeDatabase.ts';
import { statementEndpoint } from './statementEndpoint.ts';

interface StatementTotals {
  calls: number;
  totalMs: number;
  rows: number;
  sharedHit: number;
  sharedRead: number;
}

/** What a sampler carries from one sample to the next. */
export interface SamplerState {
  statements: Map<string, StatementTotals> | undefined;
  database: DatabaseDelta | undefined;
  /** statement texts by key, for database.json */
  texts: Map<string, string>;
  /** primary-key columns per relation (empty: none, or not readable) */
  keys: Map<string, string[]>;
  samplerMs: number;
}

export function newSamplerState(): SamplerState {
  return { statements: undefined, database: undefined, texts: new Map(), keys: new Map(), samplerMs: 0 };
}

const WAIT_CLASSES = new Set<string>(['Lock', 'LWLock', 'IO', 'Client', 'IPC', 'Timeout']);

function waitClass(state: string | null, waitType: string | null): WaitClass | undefined {
  if (state === null) return 'Hidden';
  if (state.startsWith('idle in transaction')) return 'IdleInTransaction';
  if (state !== 'active') return undefined;
  if (waitType === null) return 'CPU';
  return WAIT_CLASSES.has(waitType) ? (waitType as WaitClass) : 'Other';
}

const shorten = (text: string | null, max: number) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

async function activity(
  client: pg.Client,
): Promise<Pick<DatabaseSample, 'waits' | 'active' | 'waiting' | 'connections'>> {
  const { rows } = await client.query<{ state: string | null; wait_type: string | null; n: number; here: boolean }>(
    `${SAMPLER_TAG} select state, wait_event_type as wait_type, datname = current_database() as here, count(*)::int as n
     from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() group by 1, 2, 3`,
  );
  const waits: Partial<Record<WaitClass, number>> = {};
  let active = 0;
  let waiting = 0;
  let connections = 1;
  for (const row of rows) {
    connections += row.n;
    if (!row.here) continue;
    const bucket = waitClass(row.state, row.wait_type);
    if (bucket) waits[bucket] = (waits[bucket] ?? 0) + row.n;
    if (row.state === 'active') active += row.n;
    if (row.wait_type === 'Lock') waiting += row.n;
  }
  return { waits, active, waiting, connections };
}

async function rowKey(client: pg.Client, state: SamplerState, relation: string, ctid: string): Promise<string> {
  if (!/^[\w$."]+$/.test(relation)) return `ctid=${ctid}`;
  let columns = state.keys.get(relation);
  if (columns === undefined) {
    const { rows } = await client
      .query<{ name: string }>(
        `${SAMPLER_TAG} select quote_ident(a.attname) as name from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
         where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
        [relation],
      )
      .catch(() => ({ rows: [] as { name: string }[] }));
    columns = rows.map((row) => row.name);
    state.keys.set(relation, columns);
  }
  if (columns.length === 0) return `ctid=${ctid}`;
  const { rows } = await client
    .query<{ key: string }>(
      `${SAMPLER_TAG} select concat_ws(' ', ${columns.map((column) => `'${column.replace(/"/g, '')}=' || ${column}::text`).join(', ')}) as key
       from ${relation} where ctid = $1::tid`,
      [ctid],
    )
    .catch(() => ({ rows: [] as { key: string }[] }));
  return rows[0]?.key ?? `ctid=${ctid}`;
}

async function lockWaits(
  client: pg.Client,
  capabilities: DatabaseCapabilities,
  state: SamplerState,
): Promise<LockWait[]> {
  const since = capabilities.versionNum >= 140000 ? 'coalesce(l.waitstart, w.query_start)' : 'w.query_start';
  const { rows } = await client.query<{
    pid: number;
    since: Date | null;
    query: string | null;
    locktype: string;
    relation: string | null;
    page: number | null;
    tuple: number | null;
    waited_ms: number;
    blocking: (string | null)[] | null;
  }>(
    `${SAMPLER_TAG} select l.pid, ${since} as since, w.query, l.locktype,
       coalesce(l.relation, t.relation)::regclass::text as relation, coalesce(l.page, t.page) as page,
       coalesce(l.tuple, t.tuple) as tuple,
       greatest(0, extract(epoch from clock_timestamp() - ${since}) * 1000)::float8 as waited_ms,
       (select array_agg(b.query) from pg_stat_activity b where b.pid = any(pg_blocking_pids(l.pid))) as blocking
     from pg_locks l join pg_stat_activity w on w.pid = l.pid
     left join lateral (select t.relation, t.page, t.tuple from pg_locks t
       where t.pid = l.pid and t.granted and t.locktype = 'tuple' limit 1) t on l.locktype <> 'tuple'
     where not l.granted and w.datname = current_database()`,
  );
  const waits: LockWait[] = [];
  for (const row of rows) {
    const ctid = row.page !== null && row.tuple !== null ? `(${row.page},${row.tuple})` : undefined;
    const row_ = row.relation && ctid ? await rowKey(client, state, row.relation, ctid) : null;
    const blocking = (row.blocking ?? []).map((text) => text ?? '<insufficient privilege>');
    waits.push({
      id: `${row.pid}:${row.since?.getTime() ?? 0}`,
      waitingEndpoint: statementEndpoint(row.query ?? ''),
      waitingStatement: shorten(row.query, 200),
      lockType: row.locktype,
      relation: row.relation,
      row: row_,
      waitedMs: Math.round(row.waited_ms),
      blockingEndpoints: blocking.map(statementEndpoint),
      blockingStatements: blocking.map((text) => shorten(text, 200)),
    });
  }
  return waits;
}

async function statements(client: pg.Client, view: string, state: SamplerState): Promise<StatementDelta[]> {
  const { rows } = await client.query<{
    key: string;
    query: string | null;
    calls: string;
    total: number;
    rows: string;
    hit: string;
    read: string;
  }>(
    `${SAMPLER_TAG} select userid::text || ':' || coalesce(queryid::text, '') || ':' || toplevel::text as key, query,
       calls, total_exec_time as total, rows, shared_blks_hit as hit, shared_blks_read as read
     from ${view} where dbid = (select oid from pg_database where datname = current_database())`,
  );
  const previous = state.statements;
  const next = new Map<string, StatementTotals>();
  const deltas: StatementDelta[] = [];
  for (const row of rows) {
    const totals = {
      calls: Number(row.calls),
      totalMs: row.total,
      rows: Number(row.rows),
      sharedHit: Number(row.hit),
      sharedRead: Number(row.read),
    };
    next.set(row.key, totals);
    if (!previous) continue;
    const before = previous.get(row.key);
    // an entry evicted and counted again starts from zero
    const base = before && before.calls <= totals.calls ? before : undefined;
    const calls = totals.calls - (base?.calls ?? 0);
    if (calls <= 0) continue;
    const totalMs = totals.totalMs - (base?.totalMs ?? 0);
    const text = row.query ?? '';
    if (text.startsWith(SAMPLER_TAG)) {
      state.samplerMs += totalMs;
      continue;
    }
    if (!state.texts.has(row.key)) state.texts.set(row.key, shorten(text, 300));
    deltas.push({
      key: row.key,
      endpoint: statementEndpoint(text),
      calls,
      totalMs: Math.round(totalMs * 1000) / 1000,
      rows: totals.rows - (base?.rows ?? 0),
      sharedHit: totals.sharedHit - (base?.sharedHit ?? 0),
      sharedRead: totals.sharedRead - (base?.sharedRead ?? 0),
    });
  }
  state.statements = next;
  return deltas;
}

async function database(client: pg.Client, state: SamplerState): Promise<DatabaseDelta | undefined> {
  const { rows } = await client.query<{
    commits: string;
    rollbacks: string;
    deadlocks: string;
    temp_bytes: string;
    conflicts: string;
  }>(
    `${SAMPLER_TAG} select xact_commit as commits, xact_rollback as rollbacks, deadlocks, temp_bytes, conflicts
     from pg_stat_database where datname = current_database()`,
  );
  const row = rows[0];
  if (!row) return undefined;
  const totals: DatabaseDelta = {
    commits: Number(row.commits),
    rollbacks: Number(row.rollbacks),
    deadlocks: Number(row.deadlocks),
    tempBytes: Number(row.temp_bytes),
    conflicts: Number(row.conflicts),
  };
  const before = state.database;
  state.database = totals;
  if (!before) return undefined;
  return {
    commits: totals.commits - before.commits,
    rollbacks: totals.rollbacks - before.rollbacks,
    deadlocks: totals.deadlocks - before.deadlocks,
    tempBytes: totals.tempBytes - before.tempBytes,
    conflicts: totals.conflicts - before.conflicts,
  };
}

/** Takes one sample; the first one only sets the baselines of the deltas. */
export async function sampleDatabase(
  client: pg.Client,
  capabilities: DatabaseCapabilities,
  state: SamplerState,
): Promise<DatabaseSample> {
  const at = Date.now();
  const sessions = await activity(client);
  const waits = await lockWaits(client, capabilities, state);
  const deltas = capabilities.statementsView ? await statements(client, capabilities.statementsView, state) : [];
  return { at, ...sessions, statements: deltas, database: await database(client, state), lockWaits: waits };
}
