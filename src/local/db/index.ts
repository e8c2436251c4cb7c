export { applyBootstrap, bootstrapSql } from './applyBootstrap.ts';
export { applyMigrations, listMigrations, MigrationError, type MigrationFile } from './applyMigrations.ts';
export { CHECKPOINT_WAL_BYTES, createPgliteDb, type PgliteDb, type PgliteDbOptions } from './createPgliteDb.ts';
export { createPostgresDb, type PostgresDbOptions } from './createPostgresDb.ts';
export { createScratchDatabase, type ScratchDatabase } from './createScratchDatabase.ts';
export { isDbError, type Db, type DbErrorFields, type Queryable } from './Db.ts';
export { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './openDatabase.ts';
