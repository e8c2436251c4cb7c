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
}

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

/** A PGlite database with the contrib extensions Supabase migrations expect (pgcrypto, uuid-ossp). */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db & { pglite: PGlite }> {
  const pgliteOptions: PGliteOptions = { extensions: { pgcrypto, uuid_ossp } };
  if (options.dataDir) pgliteOptions.dataDir = options.dataDir;
  if (options.loadDataDir) pgliteOptions.loadDataDir = options.loadDataDir;
  const pglite = await PGlite.create(pgliteOptions);
  const root = wrap(pglite);
  return {
    kind: 'pglite',
    pglite,
    query: root.query,
    exec: root.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
