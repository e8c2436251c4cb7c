/** @module The statement for `POST` on a table: INSERT, or upsert with `Prefer: resolution=...`. */
import type { BuiltStatement } from './buildRead.ts';
import { mutationPage, returningSql, type ReturnPreference } from './mutationSql.ts';
import type { MediaChoice } from './negotiate.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import { payloadSql, type Payload } from './payloadSql.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import type { ColumnInfo, RelationInfo } from './schemaCache.ts';
import { qualifiedName, quoteIdent, SqlParams } from './sql.ts';
import { bodyExpression, statementSql } from './statementSql.ts';

/** GUC that the DO UPDATE branch of a merge upsert counts in, to tell "all rows updated" (200) from inserts (201). */
export const UPDATED_COUNTER = 'pgrst.updated_rows';

export interface InsertPlan extends BuiltStatement {
  /** the ON CONFLICT resolution actually used (undefined: plain INSERT) */
  resolution: 'merge-duplicates' | 'ignore-duplicates' | undefined;
}

/**
 * `INSERT INTO t (cols) SELECT ... FROM <payload> [ON CONFLICT (target) DO ...] RETURNING ...`.
 * The conflict target is `on_conflict` or the primary key; without either the resolution is not
 * applied. PostgreSQL checks the target against unique indexes (42P10 when none matches).
 */
export function buildInsert(options: {
  relation: RelationInfo;
  query: ParsedQuery;
  columns: readonly ColumnInfo[];
  payload: Payload;
  resolution: 'merge-duplicates' | 'ignore-duplicates' | undefined;
  missingDefault: boolean;
  returning: ReturnPreference;
  media: MediaChoice;
}): InsertPlan {
  const { relation, query, columns } = options;
  const params = new SqlParams();
  const table = qualifiedName(relation.schema, relation.name);
  const names = columns.map((column) => quoteIdent(column.name));
  const from = payloadSql(columns, options.payload, params, { firstOnly: false, withDefaults: options.missingDefault });
  const target = query.onConflict ?? (relation.primaryKey.length > 0 ? relation.primaryKey : undefined);
  const resolution = target === undefined ? undefined : options.resolution;
  let conflict = '';
  if (resolution !== undefined && target !== undefined) {
    for (const column of target)
      if (!relation.columns.has(column)) throw pgrstErrors.undefinedColumn(relation.name, column);
    const targetSql = `ON CONFLICT (${target.map(quoteIdent).join(', ')})`;
    if (resolution === 'ignore-duplicates' || columns.length === 0) conflict = `${targetSql} DO NOTHING`;
    else {
      const counter = `set_config('${UPDATED_COUNTER}', (coalesce(nullif(current_setting('${UPDATED_COUNTER}', true), '')::int, 0) + 1)::text, true) IS NOT NULL`;
      conflict = `${targetSql} DO UPDATE SET ${names.map((name) => `${name} = EXCLUDED.${name}`).join(', ')} WHERE ${counter}`;
    }
  }
  const insert = `INSERT INTO ${table}${names.length > 0 ? ` (${names.join(', ')})` : ''} SELECT ${names.map((name) => `pgrst_body.${name}`).join(', ')} FROM ${from} ${conflict} ${returningSql(relation, query, options.returning)}`;
  const { page, shape } = mutationPage(relation, query, options.returning, params);
  const sql = statementSql({ source: insert, page, countSql: undefined, body: bodyExpression(shape, options.media) });
  return { sql, params: params.values, resolution };
}
