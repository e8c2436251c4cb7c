/**
 * @module The headers and body of a built request: the player's session, the service-role key or
 * the anon key as `authorization`, the matching `apikey`, and the step's `Prefer`.
 */
import type { SimConfig } from '../../config/index.ts';
import type { BuiltRequest } from './Cycle.ts';
import type { Session } from './session.ts';

export interface PreparedRequest {
  headers: Record<string, string>;
  json: unknown;
}

/** Headers and JSON body for `built`, sent by a player holding `session`. */
export function preparedRequest(
  target: SimConfig['target'],
  session: Session | undefined,
  built: BuiltRequest,
): PreparedRequest {
  const bearer =
    built.auth === 'user' ? session?.accessToken : built.auth === 'service' ? target.serviceRoleKey : target.anonKey;
  const headers: Record<string, string> = {
    apikey: (built.auth === 'service' ? target.serviceRoleKey : target.anonKey) ?? '',
    authorization: `Bearer ${bearer ?? ''}`,
    'content-type': 'application/json',
    'x-client-info': 'rocket-sim',
  };
  if (built.prefer) headers.prefer = built.prefer;
  return { headers, json: built.body };
}
