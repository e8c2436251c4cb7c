/** @module Turns a RestError into the HTTP response PostgREST would send for it. */
import type { LocalResponse } from '../http/types.ts';
import type { RestError } from './RestError.ts';

/** JSON error body with `Proxy-Status: PostgREST; error=<code>` (v13+) and the error's own headers. */
export function errorResponse(error: RestError): LocalResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'proxy-status': `PostgREST; error=${error.body.code}`,
      ...error.headers,
    },
    body: JSON.stringify(error.body),
  };
}
