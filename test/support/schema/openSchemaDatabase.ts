/** @module Opens a database with the reference game backend applied, for the schema's own tests. */
import { join } from 'node:path';
import { packageRoot } from '../../../src/packageRoot.ts';
import { listMigrations, openDatabase, type Db } from '../../../src/local/db/index.ts';

export interface SchemaDatabaseOptions {
  /** PostgreSQL URL (a scratch database); PGlite when absent */
  databaseUrl?: string | undefined;
}

/** Bootstraps a Supabase-like database and applies `src/local/schema` (PGlite starts from the snapshot cache). */
export async function openSchemaDatabase(options: SchemaDatabaseOptions = {}): Promise<Db> {
  const migrations = listMigrations([join(packageRoot(), 'src', 'local', 'schema')]);
  const { db } = await openDatabase({ databaseUrl: options.databaseUrl, migrations });
  return db;
}
