/** @module Test databases for the pool migrations: PGlite (default) or a scratch database on DATABASE_URL. */
import { join } from 'node:path';
import { readVariable } from '../../../src/config/index.ts';
import {
  createScratchDatabase,
  listMigrations,
  openDatabase,
  type Db,
  type MigrationFile,
} from '../../../src/local/db/index.ts';
import { packageRoot } from '../../../src/packageRoot.ts';

/** This repository's pool migrations, in order. */
export function poolMigrations(): MigrationFile[] {
  return listMigrations([join(packageRoot(), 'supabase', 'migrations')]);
}

export interface PoolDb {
  db: Db;
  /** the scratch database's URL (PostgreSQL only), for tests that open connections of their own */
  url: string | undefined;
  close(): Promise<void>;
}

/**
 * A bootstrapped database (roles, auth schema, Supabase default privileges) with the given
 * migrations applied: PGlite, or with `backend: 'postgres'` a scratch database on the server of
 * DATABASE_URL (undefined when it is not set).
 */
export async function openPoolDb(
  options: { migrations?: readonly MigrationFile[]; backend?: 'pglite' | 'postgres' } = {},
): Promise<PoolDb | undefined> {
  const migrations = options.migrations ?? poolMigrations();
  if (options.backend === 'postgres') {
    const serverUrl = readVariable('DATABASE_URL');
    if (!serverUrl) return undefined;
    const scratch = await createScratchDatabase(serverUrl, 'pool');
    const { db } = await openDatabase({ databaseUrl: scratch.url, migrations });
    return {
      db,
      url: scratch.url,
      async close() {
        await db.close();
        await scratch.drop();
      },
    };
  }
  const { db } = await openDatabase({ migrations });
  return { db, url: undefined, close: () => db.close() };
}

/** The PostgreSQL server URL for concurrency tests, when DATABASE_URL is set. */
export function postgresServerUrl(): string | undefined {
  return readVariable('DATABASE_URL');
}
