/**
 * @module The shape of `database.json`: what the database sampler saw while a run's load ran, one
 * sample every interval, on the load's time axis (epoch milliseconds like Artillery's windows).
 */

/** Where a session's time went at one sample: the wait event type, CPU (active, no wait) or idle in transaction. */
export type WaitClass =
  | 'CPU'
  | 'Lock'
  | 'LWLock'
  | 'IO'
  | 'Client'
  | 'IPC'
  | 'Timeout'
  | 'Other'
  | 'IdleInTransaction'
  | 'Hidden';

/** pg_stat_statements deltas of one normalised statement between two samples. */
export interface StatementDelta {
  /** `userid:queryid:toplevel`, stable across samples */
  key: string;
  /** the RPC or table endpoint the statement serves: `rpc_place_auction_bid`, `rest_box_tiers`, `(other)` */
  endpoint: string;
  calls: number;
  totalMs: number;
  rows: number;
  sharedHit: number;
  sharedRead: number;
}

/** One session waiting for a lock at one sample. */
export interface LockWait {
  /** identity of this wait across samples: `pid:waitstart` */
  id: string;
  waitingEndpoint: string;
  /** the waiting statement, normalised and cut at 200 characters */
  waitingStatement: string;
  /** `relation`, `tuple`, `transactionid`, `advisory`, ... */
  lockType: string;
  relation: string | null;
  /** `id=12` (the primary key of the row) or `ctid=(0,12)` when the row could not be read */
  row: string | null;
  /** how long the session had waited when sampled */
  waitedMs: number;
  blockingEndpoints: string[];
  blockingStatements: string[];
}

/** pg_stat_database deltas of the target database between two samples. */
export interface DatabaseDelta {
  commits: number;
  rollbacks: number;
  deadlocks: number;
  tempBytes: number;
  conflicts: number;
}

export interface DatabaseSample {
  /** epoch milliseconds */
  at: number;
  /** sessions of the target database per wait class (the sampler's own excluded) */
  waits: Partial<Record<WaitClass, number>>;
  active: number;
  /** sessions waiting for a heavyweight lock */
  waiting: number;
  /** client connections of the whole server */
  connections: number;
  statements: StatementDelta[];
  database: DatabaseDelta | undefined;
  lockWaits: LockWait[];
}

/** A load phase as the rocket plugin announced it. */
export interface PhaseMark {
  name: string;
  /** epoch milliseconds */
  at: number;
}

export interface DatabaseWatch {
  version: 1;
  /** false: nothing was sampled and `reason` says why */
  sampled: boolean;
  reason?: string;
  /** what was watched, without credentials: `embedded stack PostgreSQL`, `127.0.0.1:5432/postgres` */
  source: string;
  intervalMs: number;
  startedAt: number;
  endedAt: number;
  server: { version: string; maxConnections: number; statementsTrack: string | null } | undefined;
  /** the views and privileges that were missing, as sentences, listed once */
  missing: string[];
  phases: PhaseMark[];
  samples: DatabaseSample[];
  /** statement text per key (normalised, cut at 300 characters), for the tables */
  statements: Record<string, string>;
  /** database time of the sampler's own statements (pg_stat_statements), its cost */
  samplerMs: number;
  /** samples that failed (timeout, lost connection) */
  failedSamples: number;
  /**
   * The embedded stack's own time per endpoint during the load (from a request reaching its PostgREST
   * to the response): on PGlite the only database figures there are
   */
  serverTimes?: Record<string, { calls: number; totalMs: number; maxMs: number; errors: number }>;
}
