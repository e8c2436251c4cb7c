/** @module PostgreSQL backend: a `pg` pool against a real server, for concurrency the embedded engine lacks. */
import pg from 'pg';
import type { Db, Queryable } from './Db.ts';

export interface PostgresDbOptions {
  /** pool size, default 10 (PostgREST's `db-pool`) */
  max?: number | undefined;
}

/** PostgREST's `db-pool-acquisition-timeout`: a request waits this long for a pooled connection. */
const POOL_ACQUISITION_TIMEOUT_MS = 10_000;

/** Connects a pool to `url` (postgres://...). Queries run on any pooled connection; transactions hold one. */
export async function createPostgresDb(url: string, options: PostgresDbOptions = {}): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: POOL_ACQUISITION_TIMEOUT_MS,
    application_name: 'rocket-sim-local',
  });
  // an idle client that dies (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();
  const on = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  const root = on(pool);
  return {
    kind: 'postgres',
    pool,
    query: root.query,
    exec: root.exec,
    async transaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const result = await fn(on(conn));
        await conn.query('commit');
        return result;
      } catch (error) {
        await conn.query('rollback').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
