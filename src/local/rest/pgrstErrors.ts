/**
 * @module The PostgREST errors the REST layer raises itself, with PostgREST v13+/v14 codes, statuses
 * and texts (`src/PostgREST/Error.hs`), so clients matching on them behave as against Supabase.
 */
import { RestError } from './RestError.ts';

/** Note appended to `details` where the local stack lacks a PostgREST feature. */
const LOCAL_ONLY = 'not supported by the local stack';

export const pgrstErrors = {
  /** PGRST100: a query parameter that does not parse; `message` mimics Parsec's position format. */
  queryParam(what: string, input: string, column: number, details: string): RestError {
    return new RestError(400, {
      code: 'PGRST100',
      message: `"failed to parse ${what} (${input})" (line 1, column ${column})`,
      details,
    });
  },
  invalidRpcMethod(method: string): RestError {
    return new RestError(405, { code: 'PGRST101', message: `Cannot use the ${method} method on RPC` });
  },
  invalidBody(message: string): RestError {
    return new RestError(400, { code: 'PGRST102', message });
  },
  outOfRange(offset: number, total: number): RestError {
    return new RestError(416, {
      code: 'PGRST103',
      message: 'Requested range not satisfiable',
      details: `An offset of ${offset} was requested, but there are only ${total} rows.`,
    });
  },
  unacceptableSchema(schema: string, exposed: readonly string[]): RestError {
    return new RestError(406, {
      code: 'PGRST106',
      message: `Invalid schema: ${schema}`,
      hint: `Only the following schemas are exposed: ${exposed.join(', ')}`,
    });
  },
  mediaType(types: readonly string[]): RestError {
    return new RestError(406, {
      code: 'PGRST107',
      message: `None of these media types are available: ${types.join(', ')}`,
    });
  },
  notEmbedded(resource: string): RestError {
    return new RestError(400, {
      code: 'PGRST108',
      message: `'${resource}' is not an embedded resource in this request`,
      hint: `Verify that '${resource}' is included in the 'select' query parameter.`,
    });
  },
  singularity(rows: number): RestError {
    return new RestError(406, {
      code: 'PGRST116',
      message: 'Cannot coerce the result to a single JSON object',
      details: `The result contains ${rows} rows`,
    });
  },
  unsupportedMethod(method: string): RestError {
    return new RestError(405, { code: 'PGRST117', message: `Unsupported HTTP method: ${method}` });
  },
  invalidPreferences(preferences: readonly string[]): RestError {
    return new RestError(400, {
      code: 'PGRST122',
      message: 'Invalid preferences given with handling=strict',
      details: `Invalid preferences: ${preferences.join(', ')}`,
    });
  },
  aggregatesNotAllowed(): RestError {
    return new RestError(400, { code: 'PGRST123', message: 'Use of aggregate functions is not allowed' });
  },
  maxAffected(rows: number): RestError {
    return new RestError(400, {
      code: 'PGRST124',
      message: 'Query result exceeds max-affected preference constraint',
      details: `The query affects ${rows} rows`,
    });
  },
  invalidPath(): RestError {
    return new RestError(404, { code: 'PGRST125', message: 'Invalid path specified in request URL' });
  },
  openApiDisabled(): RestError {
    return new RestError(404, { code: 'PGRST126', message: 'Root endpoint metadata is disabled' });
  },
  /** PGRST127: a PostgREST feature this emulator does not implement; `feature` says which. */
  notImplemented(feature: string): RestError {
    return new RestError(400, {
      code: 'PGRST127',
      message: 'Feature not implemented',
      details: `${feature} is ${LOCAL_ONLY}`,
    });
  },
  noRelationship(parent: string, child: string, schema: string): RestError {
    return new RestError(400, {
      code: 'PGRST200',
      message: `Could not find a relationship between '${parent}' and '${child}' in the schema cache`,
      details: `Searched for a foreign key relationship between '${parent}' and '${child}' in the schema '${schema}', but resource embedding is ${LOCAL_ONLY}.`,
    });
  },
  columnNotFound(relation: string, column: string): RestError {
    return new RestError(400, {
      code: 'PGRST204',
      message: `Could not find the '${column}' column of '${relation}' in the schema cache`,
    });
  },
  tableNotFound(schema: string, name: string, suggestion: string | undefined): RestError {
    return new RestError(404, {
      code: 'PGRST205',
      message: `Could not find the table '${schema}.${name}' in the schema cache`,
      hint: suggestion === undefined ? null : `Perhaps you meant the table '${schema}.${suggestion}'`,
    });
  },
  /** 42703 as PostgreSQL raises it for `"schema"."relation"."column"`; checked before the query is built. */
  undefinedColumn(relation: string, column: string): RestError {
    return new RestError(400, { code: '42703', message: `column ${relation}.${column} does not exist` });
  },
  /** What pg-safeupdate (preloaded for `authenticator` on Supabase) raises for UPDATE/DELETE without WHERE. */
  requiresWhere(command: 'UPDATE' | 'DELETE'): RestError {
    return new RestError(400, { code: '21000', message: `${command} requires a WHERE clause` });
  },
};
