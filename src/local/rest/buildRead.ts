/** @module The statement for `GET`/`HEAD` on a table or view. */
import type { ColumnScope } from './fieldSql.ts';
import type { MediaChoice } from './negotiate.ts';
import { orderSql } from './orderSql.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import type { RelationInfo } from './schemaCache.ts';
import { selectListSql } from './selectListSql.ts';
import { qualifiedName, SqlParams } from './sql.ts';
import { bodyExpression, limitOffsetSql, statementSql } from './statementSql.ts';
import { whereSql } from './whereSql.ts';

export interface BuiltStatement {
  sql: string;
  params: unknown[];
}

/** The column scope of a relation, qualified by its schema-qualified name. */
export function relationScope(relation: RelationInfo): ColumnScope {
  return {
    qualifier: qualifiedName(relation.schema, relation.name),
    relationName: relation.name,
    columns: relation.columns,
  };
}

/** `SELECT <select> FROM <relation> WHERE ... ORDER BY ... LIMIT ...` wrapped in the shared statement. */
export function buildRead(options: {
  relation: RelationInfo;
  query: ParsedQuery;
  media: MediaChoice;
  count: boolean;
  head: boolean;
  maxRows: number | undefined;
}): BuiltStatement {
  const { relation, query } = options;
  const scope = relationScope(relation);
  const params = new SqlParams();
  const select = selectListSql(scope, query.select, params);
  const where = whereSql(scope, query.filters, query.logic, params);
  const order = orderSql(scope, query.order, params);
  const from = `FROM ${scope.qualifier} ${where}`;
  const sql = statementSql({
    source: `SELECT ${select} ${from} ${order} ${limitOffsetSql(query.limit, query.offset, options.maxRows)}`,
    page: 'SELECT * FROM pgrst_source',
    countSql: options.count ? `SELECT 1 ${from}` : undefined,
    body: bodyExpression(options.head ? 'none' : 'array', options.media),
  });
  return { sql, params: params.values };
}
