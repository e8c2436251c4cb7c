/** @module SQL for `order=` terms. */
import { fieldSql, type ColumnScope } from './fieldSql.ts';
import type { OrderTerm } from './queryTypes.ts';
import type { SqlParams } from './sql.ts';

/** `ORDER BY ...` or '' when there are no terms. */
export function orderSql(scope: ColumnScope, terms: readonly OrderTerm[], params: SqlParams): string {
  if (terms.length === 0) return '';
  const parts = terms.map((term) => {
    const direction = term.direction === undefined ? '' : ` ${term.direction.toUpperCase()}`;
    const nulls = term.nulls === undefined ? '' : ` NULLS ${term.nulls.toUpperCase()}`;
    return `${fieldSql(scope, term.field, params)}${direction}${nulls}`;
  });
  return `ORDER BY ${parts.join(', ')}`;
}
