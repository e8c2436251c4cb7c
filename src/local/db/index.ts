export { applyBootstrap } from './applyBootstrap.ts';
export { applyMigrations, listMigrations, type MigrationFile } from './applyMigrations.ts';
export { createPgliteDb } from './createPgliteDb.ts';
export { createPostgresDb } from './createPostgresDb.ts';
export { createScratchDatabase, type ScratchDatabase } from './createScratchDatabase.ts';
export { isDbError, type Db, type DbErrorFields, type Queryable } from './Db.ts';
export { openDatabase } from './openDatabase.ts';
