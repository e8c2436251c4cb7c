/** @module `/functions/v1/*`: the production project's `auction-tick` Edge Function, emulated. */
import { json, header, type Handler } from './http/types.ts';
import { roleOfApiKey, type ApiKeys } from './keys.ts';

export interface FunctionsDeps {
  keys: ApiKeys;
  tick(): Promise<unknown>;
}

/**
 * `POST /auction-tick` with `Authorization: Bearer <service key>` (verify_jwt=false, the function
 * checks the bearer itself): 200 with the tick result, 429 when a tick is already running, 401 otherwise.
 */
export function createFunctionsHandler(deps: FunctionsDeps): Handler {
  return async (request) => {
    if (request.path !== '/auction-tick') return json(404, { error: `Function not found: ${request.path.slice(1)}` });
    if (request.method !== 'POST') return json(405, { error: 'Method not allowed' });
    const bearer = /^bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1]?.trim();
    if (roleOfApiKey(deps.keys, bearer) !== 'service_role') return json(401, { error: 'Unauthorized' });
    const result = (await deps.tick()) as { status?: string } | undefined;
    if (result?.status === 'busy') return json(429, { error: 'Auction tick is already running.' });
    if (!result) return json(500, { error: 'Auction tick failed.' });
    return json(200, result);
  };
}
