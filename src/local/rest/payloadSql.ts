/**
 * @module The request body as a typed record source (`pgrst_body`) for INSERT/UPDATE, decoded by
 * PostgreSQL's `json_to_record(set)` from the raw body text so numbers keep their exact digits.
 */
import type { ColumnInfo } from './schemaCache.ts';
import { quoteIdent, type SqlParams } from './sql.ts';

export interface Payload {
  /** the raw JSON text of the request body */
  text: string;
  isArray: boolean;
  /** an `application/octet-stream` body for a single unnamed bytea parameter (bound as bytes) */
  bytes?: Buffer;
}

/**
 * A FROM item named `pgrst_body` with one typed column per payload column. `firstOnly` takes the
 * first element of an array body; `withDefaults` fills keys a row lacks from the column DEFAULTs
 * (`Prefer: missing=default`), like PostgREST's `jsonb_build_object(<defaults>) || row`.
 */
export function payloadSql(
  columns: readonly ColumnInfo[],
  payload: Payload,
  params: SqlParams,
  options: { firstOnly: boolean; withDefaults: boolean },
): string {
  const body = params.add(payload.text);
  const single = !payload.isArray || options.firstOnly;
  if (columns.length === 0) {
    if (single) return '(VALUES (1)) pgrst_body';
    return `json_array_elements(${body}::json) pgrst_body`;
  }
  const typed = columns.map((column) => `${quoteIdent(column.name)} ${column.type}`).join(', ');
  const defaults = options.withDefaults ? columns.filter((column) => column.defaultExpr !== undefined) : [];
  if (defaults.length > 0) {
    const defaultsObject = `jsonb_build_object(${defaults.map((column) => `${params.add(column.name)}::text, ${column.defaultExpr}`).join(', ')})`;
    const elements = !payload.isArray
      ? `jsonb_build_array(${body}::jsonb)`
      : options.firstOnly
        ? `jsonb_build_array(${body}::jsonb->0)`
        : `${body}::jsonb`;
    return `jsonb_array_elements(${elements}) pgrst_elem, LATERAL jsonb_to_record(${defaultsObject} || pgrst_elem) AS pgrst_body(${typed})`;
  }
  if (!payload.isArray) return `json_to_record(${body}::json) AS pgrst_body(${typed})`;
  if (options.firstOnly) return `json_to_record(${body}::json->0) AS pgrst_body(${typed})`;
  return `json_to_recordset(${body}::json) AS pgrst_body(${typed})`;
}
