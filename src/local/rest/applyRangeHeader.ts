/** @module The `Range: <from>-<to>` request header, intersected with `limit`/`offset` as PostgREST does. */
import { header, type LocalRequest } from '../http/types.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import { RestError } from './RestError.ts';

/** The query with its limit/offset narrowed by a `Range` header (unparsable headers are ignored, like PostgREST). */
export function applyRangeHeader(request: LocalRequest, query: ParsedQuery): ParsedQuery {
  const match = /^\s*(\d+)-(\d*)\s*$/.exec(header(request, 'range') ?? '');
  if (!match) return query;
  const lower = Number(match[1]);
  const upper = match[2] === '' || match[2] === undefined ? Infinity : Number(match[2]);
  if (lower > upper) {
    throw new RestError(416, {
      code: 'PGRST103',
      message: 'Requested range not satisfiable',
      details: 'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
    });
  }
  const queryUpper = query.limit === undefined ? Infinity : query.offset + query.limit - 1;
  const offset = Math.max(lower, query.offset);
  const last = Math.min(upper, queryUpper);
  return { ...query, offset, limit: last === Infinity ? undefined : Math.max(0, last - offset + 1) };
}
