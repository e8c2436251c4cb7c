/** @module `POST /rest/v1/rpc/<fn>` as a signed-in user, with the headers supabase-js sends. */
import type { HttpClient, HttpResponse } from './createHttpClient.ts';
import type { BenchUser } from './signInUsers.ts';

/** Calls the gameplay RPC `fn` with `body` as `user`. */
export function userRpc(
  client: HttpClient,
  anonKey: string,
  user: BenchUser,
  fn: string,
  body: Record<string, unknown>,
): Promise<HttpResponse> {
  return client.send(
    'POST',
    `/rest/v1/rpc/${fn}`,
    { apikey: anonKey, authorization: `Bearer ${user.accessToken}`, 'x-client-info': 'rocket-sim-bench' },
    body,
  );
}

/** Like {@link userRpc}, but a non-2xx answer throws (setup steps that must succeed). */
export async function userRpcOk(
  client: HttpClient,
  anonKey: string,
  user: BenchUser,
  fn: string,
  body: Record<string, unknown>,
): Promise<unknown> {
  const response = await userRpc(client, anonKey, user, fn, body);
  if (response.status < 200 || response.status >= 300)
    throw new Error(`${fn} for bench user ${user.wallet} answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response.body === '' ? undefined : JSON.parse(response.body);
}
