export type { DatabaseWatch } from './DatabaseWatch.ts';
export { databaseSource, notSampled, startDatabaseWatch } from './startDatabaseWatch.ts';
