/**
 * @module The read side of the health checks: a service-role supabase-js client with a per-request
 * timeout and no retries, errors turned into typed errors, and bounded keyset paging.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { TargetUnreachableError } from '../errors/index.ts';
import { HealthRequestError } from './HealthRequestError.ts';

/** Rows asked for per page: Supabase's default `db-max-rows`. */
export const PAGE_SIZE = 1000;

export interface HealthTarget {
  /** project URL without trailing slash */
  url: string;
  serviceRoleKey: string;
  fetch?: typeof fetch | undefined;
  /** every request is aborted after this long */
  requestTimeoutMs: number;
}

/** What awaiting a supabase-js query builder gives. */
export interface QueryResult {
  data: unknown;
  error: { message?: string; code?: string; details?: string | null; hint?: string | null } | null;
  count: number | null;
  status: number;
}

/** Rows fetched page by page; `complete` is false when the page budget ran out first. */
export interface Paged<T> {
  rows: T[];
  complete: boolean;
}

export interface HealthRest {
  /** untyped: the checks cast rows to the few columns they select */
  client: SupabaseClient;
  /** host[:port] of the target, for messages (never the key) */
  host: string;
  /** Awaits a query; HealthRequestError for an HTTP error, TargetUnreachableError when nothing answered. */
  read<T>(relation: string, query: PromiseLike<QueryResult>): Promise<{ rows: T[]; count: number | null }>;
  /** Calls `rpc/<fn>` without arguments (POST, so a function that writes may run). */
  rpc<T>(fn: string): Promise<T>;
  /**
   * Reads pages of PAGE_SIZE rows until an empty page (a server capping pages below PAGE_SIZE cannot
   * end the scan early) or `maxPages` requests. `page(after)` builds the query for rows past the
   * `id` of the previous page's last row (undefined for the first page).
   */
  pages<T extends { id: number }>(
    relation: string,
    page: (after: number | undefined, limit: number) => PromiseLike<QueryResult>,
    maxPages: number,
  ): Promise<Paged<T>>;
}

/** Creates the reader for one target; the key only ever goes into request headers. */
export function createHealthRest(target: HealthTarget): HealthRest {
  const client = createClient(target.url, target.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // a health check must answer quickly and report what it saw, not back off for seconds
    db: { timeout: target.requestTimeoutMs, retry: false },
    global: target.fetch ? { fetch: target.fetch } : {},
  });
  const host = new URL(target.url).host;

  const unreachable = (relation: string, error: NonNullable<QueryResult['error']>): TargetUnreachableError => {
    const aborted = /abort/i.test(`${error.message ?? ''} ${error.hint ?? ''}`);
    const cause = (error.details ?? '')
      .split('\n')
      .find((line) => line.startsWith('Caused by:'))
      ?.replace('Caused by: ', '');
    const why = aborted ? `no answer within ${target.requestTimeoutMs} ms` : (cause ?? error.message ?? 'no answer');
    return new TargetUnreachableError(`${host} did not answer (${relation}): ${why}`);
  };

  /** The response body, or the typed error of a failed request. */
  const settle = async (relation: string, query: PromiseLike<QueryResult>): Promise<QueryResult> => {
    const result = await query;
    if (!result.error) return result;
    if (result.status === 0) throw unreachable(relation, result.error);
    throw new HealthRequestError(relation, result.status, result.error.code ?? '', result.error.message ?? '');
  };

  const read = async <T>(
    relation: string,
    query: PromiseLike<QueryResult>,
  ): Promise<{ rows: T[]; count: number | null }> => {
    const { data, count } = await settle(relation, query);
    return { rows: (Array.isArray(data) ? data : data === null ? [] : [data]) as T[], count };
  };

  return {
    client,
    host,
    read,
    async rpc<T>(fn: string): Promise<T> {
      return (await settle(`rpc/${fn}`, client.rpc(fn))).data as T;
    },
    async pages<T extends { id: number }>(
      relation: string,
      page: (after: number | undefined, limit: number) => PromiseLike<QueryResult>,
      maxPages: number,
    ): Promise<Paged<T>> {
      const rows: T[] = [];
      let after: number | undefined;
      for (let request = 0; request < maxPages; request++) {
        const { rows: batch } = await read<T>(relation, page(after, PAGE_SIZE));
        const last = batch.at(-1);
        if (!last) return { rows, complete: true };
        rows.push(...batch);
        after = last.id;
      }
      return { rows, complete: false };
    },
  };
}
