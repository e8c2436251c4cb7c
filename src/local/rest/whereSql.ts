/** @module SQL for filters and and/or trees; every value is a bound parameter of unknown type. */
import { fieldSql, type ColumnScope } from './fieldSql.ts';
import { FTS_OPERATOR_FUNCTIONS, IS_VALUE_SQL, SIMPLE_OPERATOR_SQL, type SimpleOperator } from './filterOperators.ts';
import type { Filter, LogicTree } from './queryTypes.ts';
import { arrayLiteral, type SqlParams } from './sql.ts';

/** `like`/`ilike` patterns use `*` for `%` in URLs. */
function likePattern(operator: SimpleOperator, value: string): string {
  return operator === 'like' || operator === 'ilike' ? value.replaceAll('*', '%') : value;
}

/** One filter as a SQL condition. Values stay untyped so PostgreSQL infers them from the column. */
function filterSql(scope: ColumnScope, filter: Filter, params: SqlParams): string {
  const field = fieldSql(scope, filter.field, params);
  const op = filter.operation;
  let condition: string;
  switch (op.kind) {
    case 'simple': {
      const value = params.add(likePattern(op.operator, op.value));
      condition = `${field} ${SIMPLE_OPERATOR_SQL[op.operator]} ${op.quantifier === undefined ? value : `${op.quantifier.toUpperCase()}(${value})`}`;
      break;
    }
    case 'in':
      // `= ANY` accepts an empty list, unlike IN (); `in.()` parses as one empty element
      condition =
        op.values.length === 1 && op.values[0] === ''
          ? `${field} = ANY('{}')`
          : `${field} = ANY(${params.add(arrayLiteral(op.values))})`;
      break;
    case 'is':
      condition = `${field} IS ${IS_VALUE_SQL[op.value]}`;
      break;
    case 'isdistinct':
      condition = `${field} IS DISTINCT FROM ${params.add(op.value)}`;
      break;
    case 'fts': {
      const language = op.language === undefined ? '' : `${params.add(op.language)}, `;
      condition = `${field} @@ ${FTS_OPERATOR_FUNCTIONS[op.operator]}(${language}${params.add(op.value)})`;
      break;
    }
  }
  return filter.negated ? `NOT ${condition}` : condition;
}

/** An and/or tree as a parenthesised SQL condition. */
function logicSql(scope: ColumnScope, tree: LogicTree, params: SqlParams): string {
  if (tree.kind === 'filter') return filterSql(scope, tree.filter, params);
  const inner = tree.children
    .map((child) => logicSql(scope, child, params))
    .join(tree.operator === 'and' ? ' AND ' : ' OR ');
  return `${tree.negated ? 'NOT ' : ''}(${inner})`;
}

/** `WHERE a AND b ...` for filters and trees, or '' when there are none. */
export function whereSql(
  scope: ColumnScope,
  filters: readonly Filter[],
  logic: readonly LogicTree[],
  params: SqlParams,
): string {
  const conditions = [
    ...filters.map((filter) => filterSql(scope, filter, params)),
    ...logic.map((tree) => logicSql(scope, tree, params)),
  ];
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
