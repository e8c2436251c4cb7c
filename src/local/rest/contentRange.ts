/** @module `Content-Range` values and read statuses (PostgREST `RangeQuery.hs`). */

/** `<lower>-<upper>/<total|*>`, with `*` for the range when it is empty or the total is 0. */
export function contentRange(lower: number, upper: number, total: number | undefined): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total === undefined ? '*' : total}`;
}

/**
 * Status and `Content-Range` of a read: 206 when an exact total exceeds the page, 416 when the
 * offset is beyond the total, else 200.
 */
export function readRange(
  offset: number,
  pageTotal: number,
  total: number | undefined,
): { status: number; contentRange: string } {
  const upper = offset + pageTotal - 1;
  let status = 200;
  if (total !== undefined) {
    if (offset > total) status = 416;
    else if (1 + upper - offset < total) status = 206;
  }
  return { status, contentRange: contentRange(offset, upper, total) };
}
