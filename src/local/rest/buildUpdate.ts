/** @module The statement for `PATCH` on a table: UPDATE of the payload columns on the filtered rows. */
import { relationScope, type BuiltStatement } from './buildRead.ts';
import { mutationPage, returningSql, type ReturnPreference } from './mutationSql.ts';
import type { MediaChoice } from './negotiate.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import { payloadSql, type Payload } from './payloadSql.ts';
import type { ColumnInfo, RelationInfo } from './schemaCache.ts';
import { quoteIdent, SqlParams } from './sql.ts';
import { bodyExpression, statementSql } from './statementSql.ts';
import { whereSql } from './whereSql.ts';

/**
 * `UPDATE t SET c = pgrst_body.c FROM <payload> WHERE <filters> RETURNING ...`. With no payload
 * columns nothing is updated (PostgREST selects `WHERE false`). Callers refuse requests without filters.
 */
export function buildUpdate(options: {
  relation: RelationInfo;
  query: ParsedQuery;
  columns: readonly ColumnInfo[];
  payload: Payload;
  missingDefault: boolean;
  returning: ReturnPreference;
  media: MediaChoice;
}): BuiltStatement {
  const { relation, query, columns } = options;
  const scope = relationScope(relation);
  const params = new SqlParams();
  let source: string;
  if (columns.length === 0) {
    source = `SELECT ${scope.qualifier}.* FROM ${scope.qualifier} WHERE false`;
  } else {
    const from = payloadSql(columns, options.payload, params, {
      firstOnly: true,
      withDefaults: options.missingDefault,
    });
    const set = columns
      .map((column) => `${quoteIdent(column.name)} = pgrst_body.${quoteIdent(column.name)}`)
      .join(', ');
    const where = whereSql(scope, query.filters, query.logic, params);
    source = `UPDATE ${scope.qualifier} SET ${set} FROM ${from} ${where} ${returningSql(relation, query, options.returning)}`;
  }
  const { page, shape } = mutationPage(relation, query, options.returning, params);
  return {
    sql: statementSql({ source, page, countSql: undefined, body: bodyExpression(shape, options.media) }),
    params: params.values,
  };
}
