/** @module Runs SQL as a PostgREST request would: one transaction with the API role and JWT claims set. */
import type { Db, Queryable } from '../../../src/local/db/index.ts';

/** Who is calling: the role PostgREST switches to, plus the JWT `sub` for signed-in users. */
export type Caller = { role: 'anon' } | { role: 'service_role' } | { role: 'authenticated'; sub: string };

/** Opens a transaction, sets `role` and `request.jwt.claims` transaction-locally, then runs `fn`. */
export async function withRole<T>(db: Db, caller: Caller, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const claims = caller.role === 'authenticated' ? { sub: caller.sub, role: caller.role } : { role: caller.role };
  return db.transaction(async (tx) => {
    await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      caller.role,
      JSON.stringify(claims),
    ]);
    return fn(tx);
  });
}

/** The caller PostgREST derives from a signed-in user's access token. */
export function userCaller(user: { id: string }): Caller {
  return { role: 'authenticated', sub: user.id };
}
