import { describe, expect, it } from 'vitest';
import { FTS_OPERATOR_FUNCTIONS, IS_VALUE_SQL, SIMPLE_OPERATOR_SQL } from './filterOperators.ts';
import { parseQueryParams } from './parseQueryParams.ts';
import type { ColumnInfo } from './schemaCache.ts';
import { SqlParams } from './sql.ts';
import { whereSql } from './whereSql.ts';

const scope = {
  qualifier: 't',
  relationName: 'items',
  columns: new Map<string, ColumnInfo>([['c', { name: 'c', type: 'text', defaultExpr: undefined }]]),
};

/** `c=<value>` through the query parser (filter or RPC argument?) and, when a filter, to SQL. */
function asSql(value: string): { rpcArgs: number; sql: string } {
  const parsed = parseQueryParams(new URLSearchParams({ c: value }), 'public', 'items', { rpcRead: true });
  return { rpcArgs: parsed.rpcArgs.length, sql: whereSql(scope, parsed.filters, parsed.logic, new SqlParams()) };
}

describe('filterOperators', () => {
  it('every simple operator is a filter (not an RPC argument) and becomes its SQL operator', () => {
    for (const [name, sql] of Object.entries(SIMPLE_OPERATOR_SQL)) {
      expect(asSql(`${name}.x`), name).toEqual({ rpcArgs: 0, sql: `WHERE t."c" ${sql} $1` });
    }
  });

  it('every full-text operator, with and without a language, calls its tsquery function', () => {
    for (const [name, fn] of Object.entries(FTS_OPERATOR_FUNCTIONS)) {
      expect(asSql(`${name}.x`), name).toEqual({ rpcArgs: 0, sql: `WHERE t."c" @@ ${fn}($1)` });
      expect(asSql(`${name}(english).x`), name).toEqual({ rpcArgs: 0, sql: `WHERE t."c" @@ ${fn}($1, $2)` });
    }
  });

  it('isdistinct, in and every is-operand are filters too', () => {
    expect(asSql('isdistinct.x')).toEqual({ rpcArgs: 0, sql: 'WHERE t."c" IS DISTINCT FROM $1' });
    expect(asSql('not.in.(1,2)')).toEqual({ rpcArgs: 0, sql: 'WHERE NOT t."c" = ANY($1)' });
    for (const [name, sql] of Object.entries(IS_VALUE_SQL)) {
      expect(asSql(`is.${name}`), name).toEqual({ rpcArgs: 0, sql: `WHERE t."c" IS ${sql}` });
    }
  });

  it('a value with no operator word stays an RPC argument', () => {
    expect(asSql('distinct.x')).toEqual({ rpcArgs: 1, sql: '' });
  });
});
