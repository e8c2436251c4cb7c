/** @module Transport-neutral request/response types for the local stack's route handlers. */
import type { IncomingHttpHeaders } from 'node:http';

export interface LocalRequest {
  method: string;
  /** path below the service prefix, e.g. `/token` for `/auth/v1/token`, `/rpc/fn` for `/rest/v1/rpc/fn` */
  path: string;
  query: URLSearchParams;
  /** lower-case header names, as node:http gives them */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** client IP: the socket address, or X-Forwarded-For's first value behind a trusted proxy (clientIp.ts) */
  ip: string;
  /** the role the gateway derived from the `apikey` header (`anon` or `service_role`) */
  apikeyRole: 'anon' | 'service_role';
}

export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Handler = (request: LocalRequest) => Promise<LocalResponse>;

/** A JSON response with `application/json` content type. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): LocalResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Returns a header value as one string (first value of repeated headers); `name` in any case. */
export function header(request: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
