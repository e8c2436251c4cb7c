/**
 * @module The local stack's HTTP front: the gateway part of a Supabase project (apikey check, CORS,
 * routing to `/auth/v1`, `/rest/v1`, `/functions/v1`), plus fault injection and an admin API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { drawFaults, type FaultKind, type FaultSpec } from '../faults.ts';
import { roleOfApiKey, type ApiKeys } from '../keys.ts';
import { header, json, type Handler, type LocalRequest, type LocalResponse } from './types.ts';

const MAX_BODY_BYTES = 1024 * 1024;

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD',
  'access-control-allow-headers':
    'authorization, x-client-info, apikey, content-type, prefer, accept, accept-profile, content-profile, range, x-supabase-api-version, x-upsert',
  'access-control-expose-headers':
    'content-range, content-location, preference-applied, x-supabase-api-version, x-sb-error-code, sb-auth-user-id',
  'access-control-max-age': '3600',
};

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
}

function clientIp(req: IncomingMessage): string {
  const first = header(req, 'x-forwarded-for')?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || '127.0.0.1';
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: LocalResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { ...CORS_HEADERS, ...response.headers });
  res.end(response.body ?? '');
}

/** Kong's key-auth answers for a missing or unknown apikey. */
function apikeyFailure(present: boolean): LocalResponse {
  return json(401, { message: present ? 'Invalid authentication credentials' : 'No API key found in request' });
}

/** Creates (but does not start) the HTTP server. Stop it with `close()` + `closeAllConnections()`. */
export function createLocalServer(routes: LocalServerRoutes): Server {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const [, service = '', version = '', ...rest] = url.pathname.split('/');
      const prefix = `/${service}/${version}`;
      if (req.method === 'OPTIONS') return send(res, { status: 200, headers: { 'content-length': '0' } });
      if (url.pathname === '/' || url.pathname === '/health')
        return send(res, json(200, { status: 'ok', service: 'rocket-sim-local' }));

      const isApi = prefix === '/auth/v1' || prefix === '/rest/v1';
      if (isApi || service === 'functions') {
        const spec = routes.faults();
        const { latencyMs, outcome } = drawFaults(spec, routes.random);
        if (latencyMs > 0) {
          routes.onFault('latency');
          await new Promise((resolve) => setTimeout(resolve, latencyMs));
        }
        if (outcome === 'reset') {
          routes.onFault('reset');
          req.socket.destroy();
          return;
        }
        if (outcome === 'http5xx') {
          routes.onFault('http5xx');
          return send(res, json(503, { message: 'Service Unavailable (injected fault)' }));
        }
      }

      const apikey = header(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
      const apikeyRole = roleOfApiKey(routes.keys, apikey);
      const handler =
        prefix === '/auth/v1'
          ? routes.auth
          : prefix === '/rest/v1'
            ? routes.rest
            : service === '_rocket'
              ? routes.admin
              : service === 'functions' && version === 'v1'
                ? routes.functions
                : undefined;
      if (!handler) return send(res, json(404, { message: 'no Route matched with those values' }));
      if ((isApi || service === '_rocket') && !apikeyRole) return send(res, apikeyFailure(apikey !== undefined));
      if (service === '_rocket' && apikeyRole !== 'service_role')
        return send(res, json(403, { message: 'the admin API needs the service-role key' }));

      const body = await readBody(req);
      if (body === undefined) return send(res, json(413, { message: 'Request body exceeds 1 MiB' }));
      const request: LocalRequest = {
        method: req.method ?? 'GET',
        path: `/${(service === '_rocket' ? [version, ...rest] : rest).join('/')}`,
        query: url.searchParams,
        headers: req.headers,
        body,
        ip: clientIp(req),
        apikeyRole: apikeyRole ?? 'anon',
      };
      send(res, await handler(request));
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
