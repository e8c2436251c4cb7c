/** @module PostgreSQL errors to PostgREST responses: the SQLSTATE→HTTP table of `Error.hs` (contract B3). */
import type { DbErrorFields } from '../db/index.ts';
import { RestError } from './RestError.ts';

/**
 * The HTTP status PostgREST answers a SQLSTATE with. `authenticated` is true when the request
 * runs as a role other than the anonymous one (a JWT with `role: anon` is not authenticated).
 */
export function dbErrorStatus(code: string, message: string, authenticated: boolean): number {
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
    case '42883':
      return message.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authenticated ? 403 : 401;
  }
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  const classStatus = byClass[code.slice(0, 2)];
  if (classStatus !== undefined) return classStatus;
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  return 400;
}

interface RaisedMessage {
  code: string;
  message: string;
  details?: string | null;
  hint?: string | null;
}

interface RaisedDetail {
  status: number;
  headers: Record<string, string>;
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `RAISE SQLSTATE 'PGRST' USING message = '{"code":..}', detail = '{"status":..,"headers":{..}}'`:
 * PostgREST's full-control error. Malformed JSON is itself an error (PGRST121, 500).
 */
function raisedPgrst(error: DbErrorFields): RestError {
  const message = parseJsonObject(error.message);
  const detail = parseJsonObject(error.detail);
  const parseError = (details: string, hint: string) =>
    new RestError(500, {
      code: 'PGRST121',
      message: `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      details,
      hint,
    });
  const messageHint =
    "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.";
  const detailHint =
    "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
  if (!message || typeof message.code !== 'string' || typeof message.message !== 'string') {
    return parseError(`Invalid JSON value for MESSAGE: '${error.message}'`, messageHint);
  }
  if (error.detail === undefined) return parseError('DETAIL is missing in the RAISE statement', detailHint);
  if (!detail || typeof detail.status !== 'number' || typeof detail.headers !== 'object' || detail.headers === null) {
    return parseError(`Invalid JSON value for DETAIL: '${error.detail}'`, detailHint);
  }
  const raised = message as unknown as RaisedMessage;
  const { status, headers } = detail as unknown as RaisedDetail;
  const stringHeaders = Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  return new RestError(
    status,
    { code: raised.code, message: raised.message, details: raised.details ?? null, hint: raised.hint ?? null },
    stringHeaders,
  );
}

/** The PostgREST response for a database error: body from the error's code/message/detail/hint. */
export function mapDbError(error: DbErrorFields, authenticated: boolean): RestError {
  if (error.code === 'PGRST') return raisedPgrst(error);
  const status = dbErrorStatus(error.code, error.message, authenticated);
  // PostgREST adds the bare challenge to every database error it answers with 401
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return new RestError(
    status,
    { code: error.code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null },
    headers,
  );
}
