/**
 * @module Gateway middleware: the `apikey` header (or `?apikey=`) of a Supabase project, as its API
 * gateway checks it: anon or service-role key, else 401.
 */
import { roleOfApiKey, type ApiKeys } from '../keys.ts';
import type { Middleware } from './GatewayContext.ts';
import { header, json } from './types.ts';

/**
 * Records the key's role on the context. `required: 'key'` answers 401 without a key of this project,
 * `'service_role'` also 403 for the anon key, `'none'` passes every request on.
 */
export function checkApiKey(keys: ApiKeys, required: 'none' | 'key' | 'service_role'): Middleware {
  return (context, next) => {
    const apikey = header(context.req, 'apikey') ?? context.query.get('apikey') ?? undefined;
    const role = roleOfApiKey(keys, apikey);
    context.apikeyRole = role;
    if (required !== 'none' && role === undefined) {
      const message = apikey === undefined ? 'No API key found in request' : 'Invalid authentication credentials';
      return Promise.resolve(json(401, { message }));
    }
    if (required === 'service_role' && role !== 'service_role')
      return Promise.resolve(json(403, { message: 'the admin API needs the service-role key' }));
    return next();
  };
}
