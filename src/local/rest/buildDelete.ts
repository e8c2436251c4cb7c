/** @module The statement for `DELETE` on a table. */
import { relationScope, type BuiltStatement } from './buildRead.ts';
import { mutationPage, returningSql, type ReturnPreference } from './mutationSql.ts';
import type { MediaChoice } from './negotiate.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import type { RelationInfo } from './schemaCache.ts';
import { SqlParams } from './sql.ts';
import { bodyExpression, statementSql } from './statementSql.ts';
import { whereSql } from './whereSql.ts';

/** `DELETE FROM t WHERE <filters> RETURNING ...`. Callers refuse requests without filters. */
export function buildDelete(options: {
  relation: RelationInfo;
  query: ParsedQuery;
  returning: ReturnPreference;
  media: MediaChoice;
}): BuiltStatement {
  const { relation, query } = options;
  const scope = relationScope(relation);
  const params = new SqlParams();
  const where = whereSql(scope, query.filters, query.logic, params);
  const source = `DELETE FROM ${scope.qualifier} ${where} ${returningSql(relation, query, options.returning)}`;
  const { page, shape } = mutationPage(relation, query, options.returning, params);
  return {
    sql: statementSql({ source, page, countSql: undefined, body: bodyExpression(shape, options.media) }),
    params: params.values,
  };
}
