/** @module SQL for a column reference: checked against the schema cache, quoted, JSON path keys bound. */
import { pgrstErrors } from './pgrstErrors.ts';
import type { FieldRef } from './queryTypes.ts';
import type { ColumnInfo } from './schemaCache.ts';
import { quoteIdent, type SqlParams } from './sql.ts';

/** The columns a query may reference, and how to qualify them in SQL. */
export interface ColumnScope {
  /** SQL text qualifying a column, e.g. `"public"."box_tiers"` or `pgrst_source` (never user input) */
  qualifier: string;
  /** relation name used in 42703 messages, as PostgreSQL prints it */
  relationName: string;
  columns: ReadonlyMap<string, ColumnInfo>;
}

/** `<qualifier>."col"->$1::text->>$2::int`; an unknown column is 42703 before any SQL is sent. */
export function fieldSql(scope: ColumnScope, field: FieldRef, params: SqlParams): string {
  if (!scope.columns.has(field.name)) throw pgrstErrors.undefinedColumn(scope.relationName, field.name);
  let sql = `${scope.qualifier}.${quoteIdent(field.name)}`;
  for (const step of field.jsonPath) {
    sql +=
      'key' in step
        ? `${step.arrow}${params.add(step.key)}::text`
        : `${step.arrow}${params.add(String(step.index))}::int`;
  }
  return sql;
}

/** The output name PostgREST gives a field: its alias, else the last JSON key, else the column. */
export function fieldOutputName(field: FieldRef, alias: string | undefined): string {
  if (alias !== undefined) return alias;
  for (let i = field.jsonPath.length - 1; i >= 0; i--) {
    const step = field.jsonPath[i];
    if (step && 'key' in step) return step.key;
  }
  return field.name;
}
