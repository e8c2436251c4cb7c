import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS, type FaultKind, type FaultSpec } from '../faults.ts';
import { createJwtService } from '../jwt.ts';
import { createApiKeys, DEFAULT_JWT_SECRET, type ApiKeys } from '../keys.ts';
import { createLocalServer } from './createLocalServer.ts';
import { json, type Handler, type LocalRequest } from './types.ts';

/** Each stub handler echoes what the gateway handed it. */
const echo =
  (service: string): Handler =>
  async (request: LocalRequest) =>
    json(200, {
      service,
      path: request.path,
      role: request.apikeyRole,
      bytes: request.body.length,
      query: request.query.toString(),
    });

let url = '';
let keys: ApiKeys;
let faults: FaultSpec = NO_FAULTS;
const counted: FaultKind[] = [];
let stop = () => {};

beforeAll(async () => {
  keys = await createApiKeys(DEFAULT_JWT_SECRET, await createJwtService(DEFAULT_JWT_SECRET));
  const server = createLocalServer({
    keys,
    auth: echo('auth'),
    rest: echo('rest'),
    functions: echo('functions'),
    admin: echo('admin'),
    faults: () => faults,
    onFault: (kind) => counted.push(kind),
    random: () => 0.5,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => {
    server.close();
    server.closeAllConnections();
  };
});
afterAll(() => stop());

async function call(path: string, init: { apikey?: string; method?: string; body?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.apikey !== undefined) headers.apikey = init.apikey;
  const response = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

describe('createLocalServer: the route table', () => {
  it('routes each prefix to its handler with the path below it', async () => {
    expect((await call('/rest/v1/rpc/fn', { apikey: keys.anonKey })).body).toMatchObject({
      service: 'rest',
      path: '/rpc/fn',
      role: 'anon',
    });
    expect((await call('/auth/v1/token', { apikey: keys.serviceRoleKey })).body).toMatchObject({
      service: 'auth',
      path: '/token',
      role: 'service_role',
    });
    expect((await call('/_rocket/status', { apikey: keys.secretKey })).body).toMatchObject({
      service: 'admin',
      path: '/status',
    });
    expect((await call('/rest/v1', { apikey: keys.anonKey })).body).toMatchObject({ path: '/' });
  });

  it('lets functions through without an apikey (they check their own bearer token)', async () => {
    expect((await call('/functions/v1/tick')).body).toMatchObject({ service: 'functions', path: '/tick' });
  });

  it('answers health, 404 for unknown paths, and a preflight on any path, all with CORS', async () => {
    for (const path of ['/', '/health'])
      expect((await call(path)).body).toEqual({ status: 'ok', service: 'rocket-sim-local' });
    const missing = await call('/rest/v2/items', { apikey: keys.anonKey });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'no Route matched with those values' });
    const preflight = await call('/nowhere', { method: 'OPTIONS' });
    expect(preflight.status).toBe(200);
    for (const answer of [missing, preflight]) expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a missing or unknown apikey with the 401 bodies of hosted Supabase', async () => {
    for (const path of ['/rest/v1/items', '/auth/v1/user', '/_rocket/status']) {
      const missing = await call(path);
      expect(missing.status, path).toBe(401);
      expect(missing.body, path).toEqual({
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
      const unknown = await call(path, { apikey: 'not-a-key' });
      expect(unknown.status, path).toBe(401);
      expect(unknown.body, path).toEqual({
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      });
    }
  });

  it('takes the key from ?apikey= and hands the query on without it', async () => {
    const answer = await call(`/rest/v1/items?select=id&apikey=${keys.anonKey}`);
    expect(answer.body).toMatchObject({ service: 'rest', role: 'anon', query: 'select=id' });
  });

  it('refuses the admin API to the anon key with 403', async () => {
    expect((await call('/_rocket/status', { apikey: keys.anonKey })).status).toBe(403);
  });

  it('refuses a body over 1 MiB with 413 and hands a smaller one over whole', async () => {
    const big = await call('/rest/v1/items', {
      apikey: keys.anonKey,
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(big.status).toBe(413);
    const small = await call('/rest/v1/items', { apikey: keys.anonKey, method: 'POST', body: 'x'.repeat(1000) });
    expect(small.body).toMatchObject({ bytes: 1000 });
  });
});

describe('createLocalServer: faults', () => {
  it('answers 503 or resets the connection on the API routes, never on health or the admin API', async () => {
    counted.length = 0;
    faults = { http5xx: 1, reset: 0, latency: { ms: 1, probability: 1 } };
    const failed = await call('/rest/v1/items', { apikey: keys.anonKey });
    expect(failed.status).toBe(503);
    expect((await call('/health')).status).toBe(200);
    expect((await call('/_rocket/status', { apikey: keys.serviceRoleKey })).status).toBe(200);
    faults = { http5xx: 0, reset: 1, latency: undefined };
    await expect(call('/auth/v1/token', { apikey: keys.anonKey })).rejects.toThrow();
    faults = NO_FAULTS;
    expect((await call('/auth/v1/token', { apikey: keys.anonKey })).status).toBe(200);
    expect(counted).toEqual(['latency', 'http5xx', 'reset']);
  });
});
