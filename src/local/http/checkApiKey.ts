/**
 * @module Gateway middleware: the `apikey` header (or `?apikey=`) of a Supabase project, as its API
 * gateway checks it: anon or service-role key, else 401.
 */
import { roleOfApiKey, type ApiKeys } from '../keys.ts';
import type { Middleware } from './GatewayContext.ts';
import { header, json } from './types.ts';

/** The bodies hosted Supabase's API gateway answers (Kong 2.8's texts had no hint). */
const NO_API_KEY = {
  message: 'No API key found in request',
  hint: 'No `apikey` request header or url param was found.',
};
const INVALID_API_KEY = {
  message: 'Invalid API key',
  hint: 'Double check your Supabase `anon` or `service_role` API key.',
};

/**
 * Records the key's role on the context. `required: 'key'` answers 401 without a key of this project,
 * `'service_role'` also 403 for the anon key, `'none'` passes every request on.
 */
export function checkApiKey(keys: ApiKeys, required: 'none' | 'key' | 'service_role'): Middleware {
  return (context, next) => {
    let apikey = header(context.req, 'apikey');
    if (apikey === undefined && context.query.has('apikey')) {
      // the gateway consumes a key given as `?apikey=` (Kong's hide_credentials), so PostgREST never sees it
      apikey = context.query.get('apikey') ?? undefined;
      context.query.delete('apikey');
    }
    const role = roleOfApiKey(keys, apikey);
    context.apikeyRole = role;
    if (required !== 'none' && role === undefined)
      return Promise.resolve(json(401, apikey === undefined ? NO_API_KEY : INVALID_API_KEY));
    if (required === 'service_role' && role !== 'service_role')
      return Promise.resolve(json(403, { message: 'the admin API needs the service-role key' }));
    return next();
  };
}
