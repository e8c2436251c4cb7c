/**
 * @module Timestamps in the Auth API's JSON as GoTrue writes them: Go's `encoding/json` of a UTC
 * `time.Time` (RFC 3339, trailing fraction zeros dropped).
 */

/** SQL that renders a timestamptz column as `YYYY-MM-DDTHH:MM:SS.ffffffZ` text, NULL stays NULL. */
export function sqlUtcText(column: string, alias = column.replace(/^.*\./, '')): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${alias}`;
}

/**
 * Go's RFC3339Nano rendering of a UTC instant given as ISO text (from `Date.toISOString()` or
 * `sqlUtcText`): `2025-03-29T00:09:59.12Z`, `2025-03-29T00:09:59Z`.
 */
export function formatTimestamp(iso: string | Date): string {
  const text = typeof iso === 'string' ? iso : iso.toISOString();
  return text.replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits === '' ? 'Z' : `.${digits}Z`));
}
