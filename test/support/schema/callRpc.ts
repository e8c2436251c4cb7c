/** @module Calls a gameplay RPC like PostgREST's `POST /rest/v1/rpc/<fn>`: named arguments, one transaction. */
import type { Db, Queryable } from '../../../src/local/db/index.ts';
import { withRole, type Caller } from './withRole.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function callSql(fn: string, args: Record<string, unknown>): { sql: string; params: unknown[] } {
  const names = Object.keys(args);
  for (const name of [fn, ...names]) {
    if (!IDENTIFIER.test(name)) throw new Error(`callRpc: ${name} is not a plain SQL identifier`);
  }
  const list = names.map((name, index) => `${name} => $${index + 1}`).join(', ');
  return { sql: `select public.${fn}(${list})::text as result`, params: names.map((name) => args[name]) };
}

/** Calls `public.<fn>` with named arguments inside `tx`; returns the result's JSON text (18-dp numbers intact). */
export async function callRpcTextIn(tx: Queryable, fn: string, args: Record<string, unknown> = {}): Promise<string> {
  const { sql, params } = callSql(fn, args);
  const rows = await tx.query<{ result: string | null }>(sql, params);
  return rows[0]?.result ?? 'null';
}

/** Calls `public.<fn>` as `caller` in its own transaction and returns the result's JSON text. */
export async function callRpcText(
  db: Db,
  caller: Caller,
  fn: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  return withRole(db, caller, (tx) => callRpcTextIn(tx, fn, args));
}

/** Calls `public.<fn>` as `caller` in its own transaction and returns the parsed jsonb result. */
export async function callRpc<T = Record<string, unknown>>(
  db: Db,
  caller: Caller,
  fn: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  return JSON.parse(await callRpcText(db, caller, fn, args)) as T;
}
