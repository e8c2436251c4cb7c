/** @module The service-role supabase-js client the managed wallet pool is read and written with. */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { requireServiceKey, type SimConfig } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';
import type { PoolDatabase } from './PoolDatabase.ts';

/** A supabase-js client typed with the pool tables and functions. */
export type PoolClient = SupabaseClient<PoolDatabase>;

export interface PoolTarget {
  /** project URL without trailing slash */
  url: string;
  /** the service-role key: the pool tables and functions are service-role only */
  serviceRoleKey: string;
}

/**
 * Creates a client that never persists or refreshes a session: the service-role key is the only
 * credential, sent as `apikey` and bearer token on every request.
 */
export function createPoolClient(target: PoolTarget, options: { fetch?: typeof fetch } = {}): PoolClient {
  return createClient<PoolDatabase>(target.url, target.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: options.fetch ? { fetch: options.fetch } : {},
  });
}

/** The pool target of a configuration, or a ConfigError naming the missing variable. */
export function poolTargetFromConfig(config: SimConfig): PoolTarget {
  if (!config.target.url) {
    throw new ConfigError(
      'SUPABASE_URL',
      'is required (or VITE_SUPABASE_URL): the project that holds the managed wallet pool',
    );
  }
  return {
    url: config.target.url,
    serviceRoleKey: requireServiceKey(config, 'for the managed wallet pool (its tables are service-role only)'),
  };
}
