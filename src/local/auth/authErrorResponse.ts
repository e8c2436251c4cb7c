/** @module Renders GoTrue errors (contract A2): the body shape depends on the `X-Supabase-Api-Version` request header. */
import { randomUUID } from 'node:crypto';
import { header, type LocalRequest, type LocalResponse } from '../http/types.ts';
import type { AuthFailure } from './AuthFailure.ts';
import { encodeJson } from './wire/encodeJson.ts';

const API_VERSION_2024_01_01 = '2024-01-01';

/**
 * GoTrue's `DetermineClosestAPIVersion`: true when the header is a valid `YYYY-MM-DD` date on or
 * after 2024-01-01 (the only dated version). Absent or malformed means the initial version.
 */
export function requestsApiVersion20240101(request: Pick<LocalRequest, 'headers'>): boolean {
  const value = header(request, 'x-supabase-api-version') ?? '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid && value >= API_VERSION_2024_01_01;
}

/** A JSON response with GoTrue's `Content-Type` (`application/json`, no charset) and Go's JSON encoding. */
export function goJsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): LocalResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: encodeJson(body) };
}

/**
 * GoTrue's `HandleResponseError` for HTTPError and OAuthError. With `X-Supabase-Api-Version` ≥
 * 2024-01-01 (auth-js always sends it) an HTTPError is `{code, message}` and the version header
 * is echoed; without it, `{code: <status>, error_code, msg}` plus `error_id` for 5xx. HTTPErrors
 * carry `x-sb-error-code`. OAuth errors are always 400 `{error, error_description}`.
 */
export function authErrorResponse(
  failure: AuthFailure,
  request: Pick<LocalRequest, 'headers'>,
  errorId: () => string = randomUUID,
): LocalResponse {
  const versioned = requestsApiVersion20240101(request);
  const headers: Record<string, string> = versioned ? { 'x-supabase-api-version': API_VERSION_2024_01_01 } : {};
  if (failure.kind === 'oauth') {
    return goJsonResponse(
      400,
      { error: failure.error ?? 'invalid_grant', error_description: failure.description || undefined },
      headers,
    );
  }
  if (failure.code !== '') headers['x-sb-error-code'] = failure.code;
  const code = failure.code || (failure.status === 500 ? 'unexpected_failure' : 'unknown');
  if (versioned) return goJsonResponse(failure.status, { code, message: failure.message }, headers);
  return goJsonResponse(
    failure.status,
    {
      code: failure.status,
      error_code: code,
      msg: failure.message,
      error_id: failure.status >= 500 ? errorId() : undefined,
    },
    headers,
  );
}
