/**
 * @module The request body by its `Content-Type`, as PostgREST's `Payload.hs` reads it: JSON (the
 * default), form fields, or the raw body an RPC with one unnamed text/xml/bytea parameter takes. Never 415:
 * anything else is 400 PGRST102 `Content-Type not acceptable`.
 */
import { header, type LocalRequest } from '../http/types.ts';
import { pgrstErrors } from './pgrstErrors.ts';

export type RequestBody =
  /** `text` is the body as sent (numbers keep every digit when PostgreSQL decodes it) */
  | { kind: 'json'; text: string; value: unknown }
  /** form fields of an RPC call: arguments passed as text, like a GET call's */
  | { kind: 'form'; fields: [string, string][] }
  /** the whole body for an RPC's single unnamed `text`, `xml` or `bytea` parameter */
  | { kind: 'raw'; text: string; type: 'text' | 'xml' }
  | { kind: 'raw'; bytes: Buffer; type: 'bytea' };

/** Media types PostgREST names by their canonical form in `Content-Type not acceptable: ...`. */
const CANONICAL = new Set([
  'application/json',
  'application/geo+json',
  'text/csv',
  'text/plain',
  'text/xml',
  'application/openapi+json',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/vnd.pgrst.object+json',
  'application/vnd.pgrst.array+json',
]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw pgrstErrors.invalidBody('Empty or invalid json');
  }
}

/**
 * Reads the body of a table write (`relation`) or a POST RPC (`rpc`). An absent `Content-Type` is
 * JSON; a body of zero bytes is `{}` for an RPC only (white space alone is invalid JSON, PGRST102).
 * Form fields become a JSON object of strings on a table, text arguments on an RPC.
 */
export function readRequestBody(request: LocalRequest, target: 'relation'): Extract<RequestBody, { kind: 'json' }>;
export function readRequestBody(request: LocalRequest, target: 'rpc'): RequestBody;
export function readRequestBody(request: LocalRequest, target: 'relation' | 'rpc'): RequestBody {
  const raw = header(request, 'content-type');
  const media = raw === undefined ? 'application/json' : (raw.split(';')[0] ?? '').trim().toLowerCase();
  const text = request.body.toString('utf8');
  if (media === 'application/json') {
    if (text === '' && target === 'rpc') return { kind: 'json', text: '{}', value: {} };
    return { kind: 'json', text, value: parseJson(text) };
  }
  if (media === 'application/x-www-form-urlencoded') {
    const fields = [...new URLSearchParams(text)];
    if (target === 'rpc') return { kind: 'form', fields };
    const object = Object.fromEntries(fields);
    return { kind: 'json', text: JSON.stringify(object), value: object };
  }
  if (target === 'rpc' && media === 'text/plain') return { kind: 'raw', text, type: 'text' };
  if (target === 'rpc' && media === 'text/xml') return { kind: 'raw', text, type: 'xml' };
  if (target === 'rpc' && media === 'application/octet-stream')
    return { kind: 'raw', bytes: request.body, type: 'bytea' };
  throw pgrstErrors.invalidBody(`Content-Type not acceptable: ${CANONICAL.has(media) ? media : raw}`);
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The payload's keys (PostgREST `payloadAttributes`): an object's, or those every object of an
 * array shares; an array mixing key sets or holding non-objects is 400 "All object keys must match".
 * Anything else (a scalar, an empty array) has none.
 */
export function payloadKeys(value: unknown): string[] {
  if (isJsonObject(value)) return Object.keys(value);
  if (!Array.isArray(value) || value.length === 0) return [];
  const [first] = value as unknown[];
  const keys = isJsonObject(first) ? Object.keys(first) : undefined;
  const expected = keys === undefined ? undefined : [...keys].sort().join('\0');
  for (const element of value as unknown[]) {
    if (expected === undefined || !isJsonObject(element) || Object.keys(element).sort().join('\0') !== expected)
      throw pgrstErrors.invalidBody('All object keys must match');
  }
  return keys ?? [];
}
