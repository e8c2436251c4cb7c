/**
 * @module The local stack's HTTP front: the gateway part of a Supabase project. A route table maps
 * `/auth/v1`, `/rest/v1`, `/functions/v1` and the admin API `/_rocket` to their handlers, each behind
 * its chain of small middleware (faults, apikey, body limit), hono-style; CORS on every answer.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { FaultKind, FaultSpec } from '../faults.ts';
import type { ApiKeys } from '../keys.ts';
import { checkApiKey } from './checkApiKey.ts';
import { clientIp } from './clientIp.ts';
import { composeMiddleware } from './composeMiddleware.ts';
import type { Endpoint, GatewayContext, Middleware } from './GatewayContext.ts';
import { injectFaults } from './injectFaults.ts';
import { limitBody } from './limitBody.ts';
import { matchRoute, type Route } from './matchRoute.ts';
import { json, type Handler, type LocalResponse } from './types.ts';

const MAX_BODY_BYTES = 1024 * 1024;

const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD',
  'access-control-allow-headers':
    'authorization, x-client-info, apikey, content-type, prefer, accept, accept-profile, content-profile, range, x-supabase-api-version, x-upsert',
  'access-control-expose-headers':
    'content-range, content-location, preference-applied, x-supabase-api-version, x-sb-error-code, sb-auth-user-id',
  'access-control-max-age': '3600',
};

const HEALTH = json(200, { status: 'ok', service: 'rocket-sim-local' });
const PREFLIGHT: LocalResponse = { status: 200, headers: { 'content-length': '0' } };

export interface LocalServerRoutes {
  keys: ApiKeys;
  auth: Handler;
  rest: Handler;
  /** `/functions/v1/<name>`; functions check their own bearer token like Edge Functions with verify_jwt=false */
  functions: Handler;
  /** `/_rocket/*`: service-key-only admin API of the local stack */
  admin: Handler;
  /** current fault configuration (read per request so it can change while running) */
  faults(): FaultSpec;
  onFault(kind: FaultKind): void;
  random(): number;
  /** honour `X-Forwarded-For` from loopback peers (`--trust-proxy`) */
  trustProxy?: boolean;
}

function send(res: ServerResponse, response: LocalResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { ...CORS_HEADERS, ...response.headers });
  res.end(response.body ?? '');
}

/** A handler as the end of a chain: the context becomes the handler's transport-neutral request. */
function endpoint(handler: Handler, trustProxy: boolean): Endpoint {
  return ({ req, path, query, body, apikeyRole }) =>
    handler({
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body,
      ip: clientIp(req, trustProxy),
      apikeyRole: apikeyRole ?? 'anon',
    });
}

/** The route table: each service behind the middleware its gateway route has on a Supabase project. */
function routeTable(routes: LocalServerRoutes): Route<Endpoint>[] {
  const faults = injectFaults(routes);
  const body = limitBody(MAX_BODY_BYTES);
  const chain = (middleware: Middleware[], handler: Handler) =>
    composeMiddleware(middleware, endpoint(handler, routes.trustProxy === true));
  const health: Endpoint = () => Promise.resolve(HEALTH);
  return [
    { path: '/', exact: true, target: health },
    { path: '/health', exact: true, target: health },
    { path: '/rest/v1', target: chain([faults, checkApiKey(routes.keys, 'key'), body], routes.rest) },
    { path: '/auth/v1', target: chain([faults, checkApiKey(routes.keys, 'key'), body], routes.auth) },
    { path: '/functions/v1', target: chain([faults, checkApiKey(routes.keys, 'none'), body], routes.functions) },
    { path: '/_rocket', target: chain([checkApiKey(routes.keys, 'service_role'), body], routes.admin) },
  ];
}

/** Creates (but does not start) the HTTP server. Stop it with `close()` + `closeAllConnections()`. */
export function createLocalServer(routes: LocalServerRoutes): Server {
  const table = routeTable(routes);
  const server = createServer(async (req, res) => {
    try {
      // CORS preflight on any path, before any check (browsers send no apikey with it)
      if (req.method === 'OPTIONS') return send(res, PREFLIGHT);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = matchRoute(table, url.pathname);
      if (!match) return send(res, json(404, { message: 'no Route matched with those values' }));
      const context: GatewayContext = {
        req,
        query: url.searchParams,
        path: match.path,
        apikeyRole: undefined,
        body: Buffer.alloc(0),
      };
      const response = await match.target(context);
      if (response) send(res, response);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      send(res, json(500, { code: 'unexpected_failure', message: `local stack error: ${message}` }));
    }
  });
  // clients may keep connections open for a long soak; answer slowly arriving requests too
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
