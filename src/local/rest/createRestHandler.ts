/**
 * @module The PostgREST-compatible REST layer of the embedded stack (`/rest/v1`): routes requests
 * to table and RPC handlers after authentication and content negotiation, answering every refusal
 * with PostgREST's error body, status and headers.
 */
import type { Db } from '../db/index.ts';
import type { Handler, LocalRequest, LocalResponse } from '../http/types.ts';
import type { JwtService } from '../jwt.ts';
import type { ApiKeys } from '../keys.ts';
import { errorResponse } from './errorResponse.ts';
import { handleRelation } from './handleRelation.ts';
import { handleRpc } from './handleRpc.ts';
import { negotiateMedia, negotiateSchema } from './negotiate.ts';
import { parsePrefer } from './parsePrefer.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import type { RequestState, RestContext } from './RequestState.ts';
import { resolveAuth } from './resolveAuth.ts';
import { RestError } from './RestError.ts';
import { loadSchemaCache } from './schemaCache.ts';
import { createServerTimes, type ServerTimes } from './ServerTimes.ts';

export interface RestHandlerDeps {
  db: Db;
  jwt: JwtService;
  keys: ApiKeys;
  /** exposed schemas (`db-schemas`); the first is the default. Default `['public']` */
  schemas?: string[];
  /** schemas appended to every request's search_path (`db-extra-search-path`). Default `['extensions']` */
  extraSearchPath?: string[];
  /** row cap of reads and set-returning RPCs (`db-max-rows`). Default 1000 */
  maxRows?: number;
  /** apply the roles' `statement_timeout`/`lock_timeout` settings. Default: true on PostgreSQL, false on PGlite */
  enforceStatementTimeouts?: boolean;
}

export interface RestHandler {
  handle: Handler;
  /** re-reads tables, functions and roles; call after migrations */
  reloadSchemaCache(): Promise<void>;
  /** time spent per endpoint so far (`rpc_<fn>`, `rest_<table>`) */
  serverTimes(): ServerTimes;
}

type Route = { kind: 'root' } | { kind: 'rpc'; name: string } | { kind: 'relation'; name: string };

function route(path: string): Route {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  if (trimmed === '') return { kind: 'root' };
  let segments: string[];
  try {
    segments = trimmed.split('/').map(decodeURIComponent);
  } catch {
    throw pgrstErrors.invalidPath();
  }
  const [first = '', second, ...rest] = segments;
  if (segments.some((segment) => segment === '' || segment.includes('\0'))) throw pgrstErrors.invalidPath();
  if (first === 'rpc' && second !== undefined && rest.length === 0) return { kind: 'rpc', name: second };
  if (second === undefined) return { kind: 'relation', name: first };
  throw pgrstErrors.invalidPath();
}

/** `rpc_<fn>` or `rest_<table>` for a path, like the request names of artillery.yml; undefined for others. */
function endpointName(path: string): string | undefined {
  const match = /^\/?(rpc\/)?([A-Za-z0-9_]+)$/.exec(path);
  if (!match) return undefined;
  return `${match[1] ? 'rpc' : 'rest'}_${match[2]}`;
}

async function respond(context: RestContext, deps: RestHandlerDeps, request: LocalRequest): Promise<LocalResponse> {
  const target = route(request.path);
  const { cache } = context;
  const auth = await resolveAuth(request, {
    jwt: deps.jwt,
    keys: deps.keys,
    switchableRoles: cache.switchableRoles,
    roleExists: async (role) => {
      const rows = await context.db.query<{ found: boolean }>(
        'select exists (select 1 from pg_roles where rolname = $1) as found',
        [role],
      );
      return rows[0]?.found === true;
    },
  });
  if (target.kind === 'root') throw pgrstErrors.openApiDisabled();
  const { schema, byProfile } = negotiateSchema(request, cache.schemas);
  const state: RequestState = {
    request,
    auth,
    schema,
    byProfile,
    media: negotiateMedia(request),
    preferences: parsePrefer(request),
  };
  return target.kind === 'rpc' ? handleRpc(context, state, target.name) : handleRelation(context, state, target.name);
}

/**
 * Creates the REST handler over `deps.db` and loads its schema cache. The caller (the gateway)
 * has already checked the `apikey` header and strips `/rest/v1` from the path.
 */
export async function createRestHandler(deps: RestHandlerDeps): Promise<RestHandler> {
  const schemas = deps.schemas ?? ['public'];
  const base = {
    db: deps.db,
    extraSearchPath: deps.extraSearchPath ?? ['extensions'],
    enforceStatementTimeouts: deps.enforceStatementTimeouts ?? deps.db.kind === 'postgres',
    maxRows: deps.maxRows ?? 1000,
  };
  let context: RestContext = { ...base, cache: await loadSchemaCache(deps.db, schemas) };
  const times = createServerTimes();
  return {
    async handle(request) {
      const started = performance.now();
      let status = 500;
      try {
        const response = await respond(context, deps, request);
        status = response.status;
        return response;
      } catch (error) {
        if (error instanceof RestError) {
          const response = errorResponse(error);
          status = response.status;
          return response;
        }
        throw error;
      } finally {
        const endpoint = endpointName(request.path);
        if (endpoint) times.record(endpoint, performance.now() - started, status >= 400);
      }
    },
    serverTimes: () => times.snapshot(),
    async reloadSchemaCache() {
      context = { ...base, cache: await loadSchemaCache(deps.db, schemas) };
    },
  };
}
