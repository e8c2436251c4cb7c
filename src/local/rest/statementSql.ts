/**
 * @module The outer statement every REST query shares (PostgREST `Statements.hs`): a `pgrst_source`
 * CTE, then one row with the page size, the optional exact total and the JSON body built in SQL,
 * so PGlite and PostgreSQL return byte-identical bodies.
 */
import type { MediaChoice } from './negotiate.ts';

/** The row every statement returns. */
export interface StatementRow {
  total: number | null;
  page_total: number;
  body: string | null;
}

/** How the rows of `_postgrest_t` become the body. */
export type BodyShape = 'array' | 'object' | 'scalar' | 'setof_scalar' | 'none';

/** The JSON body expression for `_postgrest_t` rows (`asJsonF`/`asJsonSingleF`). */
export function bodyExpression(shape: BodyShape, media: MediaChoice): string {
  const strip = (sql: string) => (media.stripNulls ? `json_strip_nulls(${sql})` : sql);
  switch (shape) {
    case 'none':
      return 'NULL::text';
    case 'scalar':
      return `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)->0')}, 'null')::text`;
    case 'setof_scalar':
      return media.shape === 'object'
        ? `coalesce(${strip('json_agg(_postgrest_t)->0')}, 'null')::text`
        : `coalesce(${strip('json_agg(_postgrest_t.pgrst_scalar)')}, '[]')::text`;
    case 'object':
      return `coalesce(${strip('json_agg(_postgrest_t)->0')}, 'null')::text`;
    case 'array':
      return media.shape === 'object'
        ? `coalesce(${strip('json_agg(_postgrest_t)->0')}, 'null')::text`
        : `coalesce(${strip('json_agg(_postgrest_t)')}, '[]')::text`;
  }
}

/**
 * `WITH pgrst_source AS (<source>) SELECT <total>, count(*), <body> FROM (<page>) _postgrest_t`.
 * `countSql` is a query over the same rows without limit/offset, or undefined when no count was asked.
 */
export function statementSql(parts: {
  source: string;
  page: string;
  countSql: string | undefined;
  body: string;
}): string {
  const total =
    parts.countSql === undefined ? 'NULL::int' : `(SELECT count(*) FROM (${parts.countSql}) pgrst_source_count)::int`;
  return `WITH pgrst_source AS (${parts.source}) SELECT ${total} AS total, count(*)::int AS page_total, ${parts.body} AS body FROM (${parts.page}) _postgrest_t`;
}

/** `LIMIT n OFFSET m` with the row cap applied, or '' when unbounded. */
export function limitOffsetSql(limit: number | undefined, offset: number, maxRows: number | undefined): string {
  const capped = limit === undefined ? maxRows : maxRows === undefined ? limit : Math.min(limit, maxRows);
  return `${capped === undefined ? '' : `LIMIT ${capped} `}${offset > 0 ? `OFFSET ${offset}` : ''}`.trim();
}
