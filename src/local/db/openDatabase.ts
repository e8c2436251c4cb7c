/**
 * @module Opens the local stack's database: PGlite (default) or PostgreSQL, bootstrapped and migrated.
 * In-memory PGlite starts from a cached snapshot of the bootstrapped, migrated data directory when
 * one exists for exactly the same SQL: initdb in WebAssembly costs seconds, loading a snapshot ~1 s.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../packageRoot.ts';
import { applyBootstrap, bootstrapSql } from './applyBootstrap.ts';
import { applyMigrations, type MigrationFile } from './applyMigrations.ts';
import { createPgliteDb, PGLITE_INITDB_PARAMS, PGLITE_MEMORY_CONF, PGLITE_WAL_CONF } from './createPgliteDb.ts';
import { createPostgresDb } from './createPostgresDb.ts';
import type { Db } from './Db.ts';

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; PGlite when absent */
  databaseUrl?: string | undefined;
  /** persistent PGlite data directory; in memory when absent */
  dataDir?: string | undefined;
  /** migrations to apply after the bootstrap, in order */
  migrations: readonly MigrationFile[];
  /** PostgreSQL pool size (PostgREST's `db-pool`, default 10); PGlite has one connection */
  poolSize?: number | undefined;
  /** reuse/write the PGlite snapshot cache (default true; in-memory PGlite only) */
  snapshotCache?: boolean;
}

export interface OpenedDatabase {
  db: Db;
  /** migrations applied by this call (empty when a snapshot or an existing database had them) */
  applied: string[];
  /** true when an in-memory PGlite started from a cached snapshot */
  fromSnapshot: boolean;
}

function snapshotPath(migrations: readonly MigrationFile[]): string {
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pgliteVersion = (
    JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const hash = createHash('sha256')
    .update(pgliteVersion)
    .update(JSON.stringify([PGLITE_INITDB_PARAMS, PGLITE_MEMORY_CONF, PGLITE_WAL_CONF]))
    .update(bootstrapSql());
  for (const file of migrations) hash.update(`\0${file.version}\0${file.checksum}`);
  const preferred = join(packageRoot(), 'node_modules', '.cache', 'rocket-sim');
  const dir = existsSync(join(packageRoot(), 'node_modules')) ? preferred : join(tmpdir(), 'rocket-sim-cache');
  return join(dir, `pglite-${hash.digest('hex').slice(0, 24)}.tar.gz`);
}

/** Opens, bootstraps and migrates the database the options describe. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) {
    const db = await createPostgresDb(options.databaseUrl, { max: options.poolSize });
    try {
      await applyBootstrap(db);
      return { db, applied: await applyMigrations(db, options.migrations), fromSnapshot: false };
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  const useSnapshot = !options.dataDir && options.snapshotCache !== false;
  const snapshot = useSnapshot ? snapshotPath(options.migrations) : undefined;
  if (snapshot && existsSync(snapshot)) {
    const db = await createPgliteDb({ loadDataDir: new Blob([readFileSync(snapshot)]) });
    return { db, applied: [], fromSnapshot: true };
  }
  const db = await createPgliteDb(options.dataDir ? { dataDir: options.dataDir } : {});
  try {
    await applyBootstrap(db);
    const applied = await applyMigrations(db, options.migrations);
    if (snapshot) {
      const tarball = Buffer.from(await (await db.pglite.dumpDataDir('gzip')).arrayBuffer());
      mkdirSync(join(snapshot, '..'), { recursive: true });
      const temp = `${snapshot}.${randomUUID()}.tmp`;
      writeFileSync(temp, tarball);
      renameSync(temp, snapshot);
      // snapshots of older SQL are never loaded again (~5 MB each)
      const dir = join(snapshot, '..');
      for (const file of readdirSync(dir)) {
        if (/^pglite-[0-9a-f]+\.tar\.gz$/.test(file) && join(dir, file) !== snapshot)
          rmSync(join(dir, file), { force: true });
      }
    }
    return { db, applied, fromSnapshot: false };
  } catch (error) {
    await db.close();
    throw error;
  }
}
