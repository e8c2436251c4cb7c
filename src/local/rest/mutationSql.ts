/** @module The parts INSERT/UPDATE/DELETE share: the RETURNING list and the page read back from `pgrst_source`. */
import type { ColumnScope } from './fieldSql.ts';
import { orderSql } from './orderSql.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import type { RelationInfo } from './schemaCache.ts';
import { selectListSql } from './selectListSql.ts';
import { qualifiedName, quoteIdent, type SqlParams } from './sql.ts';
import type { BodyShape } from './statementSql.ts';

export type ReturnPreference = 'minimal' | 'representation' | 'headers-only';

/**
 * `RETURNING 1` unless rows are sent back: returning columns needs SELECT privileges and passes
 * RLS SELECT policies, so a minimal response must not ask for them (as PostgREST does).
 */
export function returningSql(relation: RelationInfo, query: ParsedQuery, returning: ReturnPreference): string {
  const qualifier = qualifiedName(relation.schema, relation.name);
  if (returning === 'headers-only') {
    return relation.primaryKey.length === 0
      ? 'RETURNING 1'
      : `RETURNING ${relation.primaryKey.map((column) => `${qualifier}.${quoteIdent(column)}`).join(', ')}`;
  }
  if (returning === 'minimal') return 'RETURNING 1';
  if (query.select.some((item) => item.kind === 'star')) return `RETURNING ${qualifier}.*`;
  const names = new Set<string>();
  for (const item of query.select)
    if (item.kind === 'field' && relation.columns.has(item.field.name)) names.add(item.field.name);
  for (const term of query.order) if (relation.columns.has(term.field.name)) names.add(term.field.name);
  return names.size === 0
    ? 'RETURNING 1'
    : `RETURNING ${[...names].map((name) => `${qualifier}.${quoteIdent(name)}`).join(', ')}`;
}

/** The page selected from `pgrst_source` and how it becomes the body. */
export function mutationPage(
  relation: RelationInfo,
  query: ParsedQuery,
  returning: ReturnPreference,
  params: SqlParams,
): { page: string; shape: BodyShape } {
  if (returning === 'minimal') return { page: 'SELECT 1 FROM pgrst_source', shape: 'none' };
  if (returning === 'headers-only') {
    if (relation.primaryKey.length === 0) return { page: 'SELECT 1 FROM pgrst_source', shape: 'none' };
    return { page: `SELECT ${relation.primaryKey.map(quoteIdent).join(', ')} FROM pgrst_source`, shape: 'array' };
  }
  const scope: ColumnScope = { qualifier: 'pgrst_source', relationName: relation.name, columns: relation.columns };
  return {
    page: `SELECT ${selectListSql(scope, query.select, params)} FROM pgrst_source ${orderSql(scope, query.order, params)}`,
    shape: 'array',
  };
}
