/** @module Turns supabase-js `{ data, error }` results into values or typed pool errors. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgrestError } from '@supabase/supabase-js';
import { TargetUnreachableError } from '../errors/index.ts';
import { redactString } from '../log/index.ts';
import { packageRoot } from '../packageRoot.ts';
import { PoolAccessError, PoolRequestError, PoolSchemaError } from './errors.ts';

/**
 * The migrations a pool client needs, named in schema errors: the `*.sql` files of the package's
 * supabase/migrations/ in the order Supabase applies them (the npm package and the image ship them).
 */
function poolMigrations(): string[] {
  return readdirSync(join(packageRoot(), 'supabase', 'migrations'))
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => `supabase/migrations/${file}`);
}

/** What supabase-js resolves to for every query builder and `rpc()`. */
export interface PostgrestResult<T> {
  data: T | null;
  error: PostgrestError | null;
  status: number;
}

// undefined table/column/function, PostgREST schema-cache misses
const SCHEMA_CODES = new Set(['42P01', '42703', '42883', 'PGRST202', 'PGRST204', 'PGRST205']);

/**
 * Returns `data` or throws: unreachable target → TargetUnreachableError (exit 3), missing schema →
 * PoolSchemaError naming the migrations (exit 2), permission/JWT problems → PoolAccessError naming
 * the service-role key variable (exit 2), anything else → PoolRequestError (exit 3).
 * Only `message`, `code` and `hint` are quoted: PostgREST `details` can echo row values.
 * @param what the request, e.g. `insert into sim_wallet_keys`
 */
export function unwrap<T>(result: PostgrestResult<T>, what: string): T {
  const { error } = result;
  if (!error) return result.data as T;
  const code = error.code ?? '';
  const message = redactString(error.message || `HTTP ${result.status}`);
  if (result.status === 0 || (!code && /fetch failed|ECONNREFUSED|ENOTFOUND|network/i.test(message))) {
    throw new TargetUnreachableError(`${what}: the target did not answer (${message})`);
  }
  if (SCHEMA_CODES.has(code)) {
    throw new PoolSchemaError(
      `${what}: ${message} [${code}]; apply ${poolMigrations().join(' and ')} to the project (docs/wallets.md)`,
    );
  }
  if (code === '42501' || code.startsWith('PGRST3') || result.status === 401 || result.status === 403) {
    throw new PoolAccessError(
      'SIM_SUPABASE_SERVICE_ROLE_KEY',
      `${what} was refused (${message}${code ? ` [${code}]` : ''}): the managed pool tables and functions are service-role only`,
    );
  }
  const hint = error.hint ? `; hint: ${redactString(error.hint)}` : '';
  throw new PoolRequestError(`${what} failed: ${message}${code ? ` [${code}]` : ''}${hint}`, code);
}
