/**
 * @module Test support: the fixture database on PGlite or a scratch PostgreSQL database, the REST
 * handler over it, and a tiny node:http gateway (apikey check, `/rest/v1` prefix) for supabase-js.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createScratchDatabase,
  listMigrations,
  openDatabase,
  type Db,
  type ScratchDatabase,
} from '../../../src/local/db/index.ts';
import { header, type LocalRequest, type LocalResponse } from '../../../src/local/http/types.ts';
import { createJwtService, type JwtService } from '../../../src/local/jwt.ts';
import { createApiKeys, DEFAULT_JWT_SECRET, roleOfApiKey, type ApiKeys } from '../../../src/local/keys.ts';
import { createRestHandler, type RestHandler } from '../../../src/local/rest/createRestHandler.ts';

export type Backend = { kind: 'pglite' } | { kind: 'postgres'; serverUrl: string };

export interface RestTestStack {
  db: Db;
  jwt: JwtService;
  keys: ApiKeys;
  rest: RestHandler;
  /** `http://127.0.0.1:<port>`: supabase-js `createClient(url, key)` target */
  url: string;
  /** calls the handler directly with the gateway's fields filled in */
  call(init: {
    method?: string;
    path: string;
    query?: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<LocalResponse>;
  close(): Promise<void>;
}

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/rest-migrations', import.meta.url));

/** The backends to run HTTP-level tests on: PGlite always, PostgreSQL when the test has a server URL. */
export function testBackends(serverUrl: string | undefined): Backend[] {
  return serverUrl ? [{ kind: 'pglite' }, { kind: 'postgres', serverUrl }] : [{ kind: 'pglite' }];
}

function serve(rest: RestHandler, keys: ApiKeys): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const apikeyRole = roleOfApiKey(keys, typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined);
      if (!url.pathname.startsWith('/rest/v1/') || apikeyRole === undefined) {
        res
          .writeHead(apikeyRole === undefined ? 401 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: 'Invalid authentication credentials' }));
        return;
      }
      const request: LocalRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.slice('/rest/v1'.length),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        ip: req.socket.remoteAddress ?? '127.0.0.1',
        apikeyRole,
      };
      rest.handle(request).then(
        (response) => res.writeHead(response.status, response.headers ?? {}).end(response.body),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts the fixture stack on `backend`; `close()` stops the server and drops a scratch database. */
export async function startRestTestStack(backend: Backend, options: { maxRows?: number } = {}): Promise<RestTestStack> {
  const migrations = listMigrations([FIXTURE_DIR]);
  let scratch: ScratchDatabase | undefined;
  if (backend.kind === 'postgres') scratch = await createScratchDatabase(backend.serverUrl, 'rest');
  const { db } = await openDatabase({ databaseUrl: scratch?.url, migrations });
  const jwt = await createJwtService(DEFAULT_JWT_SECRET);
  const keys = await createApiKeys(DEFAULT_JWT_SECRET, jwt);
  const rest = await createRestHandler({
    db,
    jwt,
    keys,
    ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
  });
  const server = await serve(rest, keys);
  const { port } = server.address() as AddressInfo;
  return {
    db,
    jwt,
    keys,
    rest,
    url: `http://127.0.0.1:${port}`,
    async call(init) {
      const headers: Record<string, string> = { apikey: keys.publishableKey, ...init.headers };
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const body =
        init.body === undefined
          ? Buffer.alloc(0)
          : Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body));
      if (init.body !== undefined && lower['content-type'] === undefined) lower['content-type'] = 'application/json';
      const request: LocalRequest = {
        method: init.method ?? 'GET',
        path: init.path,
        query: new URLSearchParams(init.query ?? ''),
        headers: lower,
        body,
        ip: '127.0.0.1',
        apikeyRole: roleOfApiKey(keys, header({ headers: lower } as LocalRequest, 'apikey')) ?? 'anon',
      };
      return rest.handle(request);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      await scratch?.drop();
    },
  };
}
