/** @module SQL for a `select=` list: `*`, columns with aliases, casts and JSON paths. */
import { fieldOutputName, fieldSql, type ColumnScope } from './fieldSql.ts';
import type { SelectItem } from './queryTypes.ts';
import { quoteIdent, type SqlParams } from './sql.ts';

/** The select list; casts were restricted to plain type names by the parser. */
export function selectListSql(scope: ColumnScope, items: readonly SelectItem[], params: SqlParams): string {
  return items
    .map((item) => {
      if (item.kind === 'star') return `${scope.qualifier}.*`;
      const field = fieldSql(scope, item.field, params);
      const value = item.cast === undefined ? field : `CAST(${field} AS ${item.cast})`;
      return `${value} AS ${quoteIdent(fieldOutputName(item.field, item.alias))}`;
    })
    .join(', ');
}
