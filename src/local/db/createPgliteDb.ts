/** @module PGlite backend: embedded PostgreSQL in WebAssembly, in memory or in a data directory. */
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import type { Db, Queryable } from './Db.ts';

export interface PgliteDbOptions {
  /** persistent data directory; in memory when absent */
  dataDir?: string;
  /** a data directory tarball (from `dumpDataDir`) to start from instead of running initdb */
  loadDataDir?: Blob;
  /** how often WAL growth is checked, ms (default 10,000; 0 turns the check off) */
  walCheckMs?: number;
}

/**
 * Memory settings of the embedded database. An in-memory PGlite keeps its whole data directory,
 * WAL included, in the process's memory, and a single-user PostgreSQL never checkpoints by itself:
 * left alone, a long run's memory grows with every write. So: small shared buffers (the test data
 * is a few MB), 1 MB WAL segments (initdb) and a WAL budget of a few segments that
 * {@link checkpointIfWalGrew} enforces. The snapshot cache key includes these (a data directory
 * made with other segments would not start with them).
 */
export const PGLITE_INITDB_PARAMS: readonly string[] = ['--wal-segsize=1'];
export const PGLITE_MEMORY_CONF: readonly string[] = ['shared_buffers=16MB'];
/** only for data directories initialised with {@link PGLITE_INITDB_PARAMS} (min_wal_size must be 2 segments or more) */
export const PGLITE_WAL_CONF: readonly string[] = ['min_wal_size=4MB', 'max_wal_size=8MB'];
/** WAL written since the last checkpoint that makes the next check run one */
export const CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

export interface PgliteDb extends Db {
  readonly kind: 'pglite';
  pglite: PGlite;
  /**
   * Runs a CHECKPOINT when more than {@link CHECKPOINT_WAL_BYTES} of WAL were written since the
   * last one, so PostgreSQL recycles the old segments; true when it ran one. The stack calls it
   * every `walCheckMs`.
   */
  checkpointIfWalGrew(): Promise<boolean>;
}

/** A PGlite database with the contrib extensions Supabase migrations expect (pgcrypto, uuid-ossp). */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<PgliteDb> {
  // a data directory made elsewhere may have 16 MB segments: it keeps PostgreSQL's WAL sizes (it is on disk anyway)
  const freshOrSnapshot = !options.dataDir || options.loadDataDir !== undefined;
  const pgliteOptions: PGliteOptions = {
    extensions: { pgcrypto, uuid_ossp },
    initDbStartParams: [...PGLITE_INITDB_PARAMS],
    postgresqlconf: [...PGLITE_MEMORY_CONF, ...(freshOrSnapshot ? PGLITE_WAL_CONF : [])],
  };
  if (options.dataDir) pgliteOptions.dataDir = options.dataDir;
  if (options.loadDataDir) pgliteOptions.loadDataDir = options.loadDataDir;
  const pglite = await PGlite.create(pgliteOptions);
  const root = wrap(pglite);

  let checkpointedAt: bigint | undefined;
  const walPosition = async (): Promise<bigint> => {
    const { rows } = await pglite.query<{ lsn: string }>(
      `select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text as lsn`,
    );
    return BigInt(rows[0]!.lsn);
  };
  const checkpointIfWalGrew = async (): Promise<boolean> => {
    const position = await walPosition();
    checkpointedAt ??= position;
    if (position - checkpointedAt < BigInt(CHECKPOINT_WAL_BYTES)) return false;
    await pglite.exec('checkpoint');
    checkpointedAt = await walPosition();
    return true;
  };
  const walCheckMs = options.walCheckMs ?? 10_000;
  let checking = false;
  const timer =
    walCheckMs > 0
      ? setInterval(() => {
          if (checking || pglite.closed) return;
          checking = true;
          // a failed check (the database closing under it) is retried at the next tick
          checkpointIfWalGrew()
            .catch(() => false)
            .finally(() => (checking = false));
        }, walCheckMs).unref()
      : undefined;

  return {
    kind: 'pglite',
    pglite,
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    checkpointIfWalGrew,
    close: async () => {
      clearInterval(timer);
      await pglite.close();
    },
  };
}
