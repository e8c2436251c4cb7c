/**
 * @module One transaction per request: the `set_config` prelude as the request's role, then the
 * caller's statements; database errors become PostgREST responses, RestErrors roll back.
 */
import type { Db, Queryable } from '../db/index.ts';
import { isDbError } from '../db/index.ts';
import type { LocalRequest } from '../http/types.ts';
import { buildLocals } from './buildLocals.ts';
import { mapDbError } from './mapDbError.ts';
import { parsePrefer } from './parsePrefer.ts';
import type { RequestAuth } from './resolveAuth.ts';
import { RestError } from './RestError.ts';
import type { SchemaCache } from './schemaCache.ts';

export interface TransactionContext {
  db: Db;
  cache: SchemaCache;
  extraSearchPath: readonly string[];
  enforceStatementTimeouts: boolean;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

function isConnectionError(error: unknown): boolean {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return (
    (typeof code === 'string' && CONNECTION_ERRORS.has(code)) ||
    (error instanceof Error && /Connection terminated/i.test(error.message))
  );
}

/**
 * Runs `work` in a transaction as `auth.role` with `schema` first on the search path. `readOnly`
 * makes it READ ONLY (GET/HEAD, STABLE/IMMUTABLE RPCs). Throwing inside `work` rolls back.
 */
export async function runTransaction<T>(
  context: TransactionContext,
  request: LocalRequest,
  auth: RequestAuth,
  schema: string,
  readOnly: boolean,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const { cache } = context;
  // the authenticator's own settings are the session baseline the role's settings override, as on Supabase
  const roleSettings = context.enforceStatementTimeouts
    ? [...(cache.roleSettings.get('authenticator') ?? []), ...(cache.roleSettings.get(auth.role) ?? [])]
    : [];
  const locals = buildLocals({
    searchPath: [schema, ...context.extraSearchPath.filter((name) => name !== schema)],
    roleSettings,
    role: auth.role,
    claims: auth.claims,
    method: request.method,
    path: request.path,
    headers: request.headers,
    readOnly,
    timezone: parsePrefer(request).timezone,
  });
  try {
    return await context.db.transaction(async (tx) => {
      await tx.query(locals.sql, locals.params);
      return work(tx);
    });
  } catch (error) {
    if (error instanceof RestError) throw error;
    if (isDbError(error)) throw mapDbError(error, auth.authenticated);
    // pg-pool's wait for a free connection ran out: PostgREST's pool acquisition timeout
    if (error instanceof Error && error.message === 'timeout exceeded when trying to connect')
      throw new RestError(504, { code: 'PGRST003', message: 'Timed out acquiring connection from connection pool.' });
    if (isConnectionError(error))
      throw new RestError(503, { code: 'PGRST000', message: 'Database connection error. Retrying the connection.' });
    throw error;
  }
}
