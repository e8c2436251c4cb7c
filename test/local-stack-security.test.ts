/**
 * @module The local stack's security over HTTP, on PGlite and (with DATABASE_URL) PostgreSQL: forged,
 * unsigned, escalated and expired tokens are refused; a replayed refresh token fails and revokes its
 * family; injection attempts in select lists, order, filters, RPC names and schema headers are
 * refused or bound as literals. No response ever carries the secret pool row, and no table is harmed.
 */
import { randomBytes } from 'node:crypto';
import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { web3SignInBody } from '../src/auth/index.ts';
import { readVariable } from '../src/config/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/index.ts';
import { DEFAULT_JWT_SECRET, startLocalStack, type LocalStack } from '../src/local/index.ts';

const JWT_SECRET = randomBytes(32).toString('hex');
/** the ciphertext of the secret row: it must never appear in a response (except to the service role) */
const SECRET_MARKER = `secret-marker-${randomBytes(12).toString('hex')}`;
const SECRET_WALLET = `0x${randomBytes(20).toString('hex')}`;
/** GoTrue's refresh-token reuse interval, plus a margin */
const PAST_REUSE_INTERVAL_MS = 11_000;

interface Answer {
  status: number;
  text: string;
}

interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  sessionId: string;
}

const encodeSegment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (claims: Record<string, unknown>, secret: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

const serverUrl = readVariable('DATABASE_URL');
const backends = serverUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(backends)('local stack security (%s)', (backend) => {
  let stack: LocalStack;
  let scratch: ScratchDatabase | undefined;
  /** the Auth service's clock runs this far ahead of the wall clock (refresh-token reuse interval) */
  let clockOffsetMs = 0;
  let session: Session;
  /** every response body, searched for the secret row at the end */
  const bodies: string[] = [];
  let boxTierCount = 0;

  /** One request to the stack; the body is kept for the final leak check. */
  async function call(
    method: string,
    path: string,
    init: { apikey?: string; bearer?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
      ...init.headers,
    };
    const apikey = init.apikey ?? stack.anonKey;
    if (apikey !== '') headers.apikey = apikey;
    if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`;
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, text };
  }

  async function signIn(): Promise<Session> {
    const account = privateKeyToAccount(generatePrivateKey());
    const body = await web3SignInBody(account, {
      domain: 'localhost:3000',
      uri: 'http://localhost:3000/',
      chainId: 1,
      nonce: randomBytes(16).toString('hex'),
      issuedAt: new Date(Date.now() + clockOffsetMs),
    });
    const answer = await call('POST', '/auth/v1/token?grant_type=web3', { body });
    expect(answer.status, answer.text).toBe(200);
    const tokens = JSON.parse(answer.text) as { access_token: string; refresh_token: string; user: { id: string } };
    const claims = decodeJwt(tokens.access_token) as { session_id: string };
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      userId: tokens.user.id,
      sessionId: claims.session_id,
    };
  }

  const refresh = (token: string) =>
    call('POST', '/auth/v1/token?grant_type=refresh_token', { body: { refresh_token: token } });

  beforeAll(async () => {
    if (backend === 'postgres') scratch = await createScratchDatabase(serverUrl!, 'security');
    stack = await startLocalStack({
      port: 0,
      jwtSecret: JWT_SECRET,
      auction: false,
      databaseUrl: scratch?.url,
      now: () => new Date(Date.now() + clockOffsetMs),
    });
    await stack.db.query(
      `insert into public.sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid)
       values ($1, $2, 'aXY=', 'dGFn', 'security-kid')`,
      [SECRET_WALLET, SECRET_MARKER],
    );
    // a table for the `drop table x` attempts to aim at
    await stack.db.exec('create table public.x (id int)');
    boxTierCount = Number(
      (await stack.db.query<{ n: number }>('select count(*)::int as n from public.box_tiers'))[0]?.n,
    );
    session = await signIn();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await scratch?.drop();
  });

  describe('the controls work, so the refusals below mean something', () => {
    it('the service role reads the secret row; a signed-in user gets its own user', async () => {
      const secret = await call('GET', '/rest/v1/sim_wallet_keys?select=private_key_ciphertext', {
        apikey: stack.serviceRoleKey,
        bearer: stack.serviceRoleKey,
      });
      expect(secret.status).toBe(200);
      expect(secret.text).toContain(SECRET_MARKER);
      bodies.pop(); // the one response allowed to carry it
      const user = await call('GET', '/auth/v1/user', { bearer: session.accessToken });
      expect(user.status).toBe(200);
      expect(JSON.parse(user.text)).toMatchObject({ id: session.userId });
    });

    it('a genuine user token does not open the service-only pool table', async () => {
      const answer = await call('GET', '/rest/v1/sim_wallet_keys?select=*', { bearer: session.accessToken });
      expect([401, 403]).toContain(answer.status);
    });
  });

  describe("the gateway's API key", () => {
    it('refuses a request without an apikey with 401 "No API key found in request" and its hint, on Auth and REST, even with a valid user token', async () => {
      for (const [method, path] of [
        ['GET', '/rest/v1/box_tiers?select=id'],
        ['POST', '/rest/v1/rpc/get_active_auction'],
        ['GET', '/auth/v1/user'],
      ] as const) {
        const answer = await call(method, path, {
          apikey: '',
          bearer: session.accessToken,
          ...(method === 'POST' ? { body: {} } : {}),
        });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(JSON.parse(answer.text), `${method} ${path}`).toEqual({
          message: 'No API key found in request',
          hint: 'No `apikey` request header or url param was found.',
        });
      }
    });

    it('refuses an unknown apikey with 401 "Invalid API key" and its hint, as hosted Supabase does', async () => {
      for (const path of ['/rest/v1/box_tiers?select=id', '/auth/v1/user']) {
        const answer = await call('GET', path, { apikey: 'not-a-key-of-this-project', bearer: session.accessToken });
        expect(answer.status, path).toBe(401);
        expect(JSON.parse(answer.text), path).toEqual({
          message: 'Invalid API key',
          hint: 'Double check your Supabase `anon` or `service_role` API key.',
        });
      }
    });
  });

  describe('forged and escalated tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const userClaims = () => ({
      sub: session.userId,
      role: 'authenticated',
      aud: 'authenticated',
      session_id: session.sessionId,
      iat: now(),
      exp: now() + 3600,
    });
    const tokens: Record<string, () => Promise<string>> = {
      'a user token signed with a wrong secret': () => sign(userClaims(), randomBytes(32).toString('hex')),
      'an unsigned token (alg: none) claiming service_role': async () =>
        new UnsecuredJWT({ ...userClaims(), role: 'service_role' }).encode(),
      'a service_role token signed with a wrong secret': () =>
        sign({ iss: 'supabase-demo', role: 'service_role', exp: now() + 3600 }, randomBytes(32).toString('hex')),
      'the anon key with its payload changed to service_role (signature kept)': async () => {
        const [header, , signature] = stack.anonKey.split('.');
        return `${header}.${encodeSegment({ ...decodeJwt(stack.anonKey), role: 'service_role' })}.${signature}`;
      },
      "the anon key's claims re-signed as service_role with the public demo secret": () =>
        sign({ ...decodeJwt(stack.anonKey), role: 'service_role' }, DEFAULT_JWT_SECRET),
      'an expired user token (right secret)': () =>
        sign({ ...userClaims(), iat: now() - 7200, exp: now() - 120 }, JWT_SECRET),
    };

    it.each(Object.keys(tokens))('refuses %s everywhere', async (name) => {
      const token = await tokens[name]!();
      const rest = await call('GET', '/rest/v1/sim_wallet_keys?select=*', { bearer: token });
      expect(rest.status, rest.text).toBe(401);
      expect(JSON.parse(rest.text)).toMatchObject({ code: expect.stringMatching(/^PGRST30[13]$/) });
      const rpc = await call('POST', '/rest/v1/rpc/get_user_inventory', {
        bearer: token,
        body: { p_wallet_address: SECRET_WALLET },
      });
      expect(rpc.status, rpc.text).toBe(401);
      const user = await call('GET', '/auth/v1/user', { bearer: token });
      expect([401, 403], user.text).toContain(user.status);
      expect(JSON.parse(user.text)).toMatchObject({ code: 'bad_jwt' });
      // as the apikey itself, the gateway does not know it
      const asApikey = await call('GET', '/rest/v1/sim_wallet_keys?select=*', { apikey: token, bearer: token });
      expect(asApikey.status).toBe(401);
      const admin = await call('GET', '/_rocket/status', { apikey: token });
      expect(admin.status).toBe(401);
    });

    it('refuses the admin API to the anon key', async () => {
      const admin = await call('PUT', '/_rocket/faults', { body: { spec: '5xx=1' } });
      expect(admin.status).toBe(403);
    });
  });

  describe('refresh tokens', () => {
    it('a replayed refresh token after rotation fails with refresh_token_already_used and revokes the family', async () => {
      const own = await signIn();
      const first = await refresh(own.refreshToken);
      expect(first.status, first.text).toBe(200);
      const second = await refresh((JSON.parse(first.text) as { refresh_token: string }).refresh_token);
      expect(second.status, second.text).toBe(200);
      const latest = (JSON.parse(second.text) as { refresh_token: string }).refresh_token;

      clockOffsetMs += PAST_REUSE_INTERVAL_MS;
      const replay = await refresh(own.refreshToken);
      expect(replay.status).toBe(400);
      expect(JSON.parse(replay.text)).toMatchObject({ code: 'refresh_token_already_used' });
      const live = await stack.db.query<{ n: number }>(
        'select count(*)::int as n from auth.refresh_tokens where session_id = $1::uuid and revoked is false',
        [own.sessionId],
      );
      expect(live[0]?.n).toBe(0);

      // the family's newest token is dead too, once its own reuse interval has passed
      clockOffsetMs += PAST_REUSE_INTERVAL_MS;
      const afterRevocation = await refresh(latest);
      expect(afterRevocation.status).toBe(400);
      expect(JSON.parse(afterRevocation.text)).toMatchObject({ code: 'refresh_token_already_used' });
    });

    it('an unknown refresh token is refused', async () => {
      const answer = await refresh('abcdefghijkl');
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ code: 'refresh_token_not_found' });
    });
  });

  describe('injection attempts', () => {
    const attempts: [name: string, method: string, path: string][] = [
      [
        'a subquery in the select list',
        'GET',
        '/rest/v1/box_tiers?select=*,(select private_key_ciphertext from sim_wallet_keys)',
      ],
      [
        'a subquery as an embedded column',
        'GET',
        '/rest/v1/box_tiers?select=id,x:(select%20private_key_ciphertext%20from%20sim_wallet_keys%20limit%201)',
      ],
      ['a quoted foreign column in the select list', 'GET', '/rest/v1/box_tiers?select=id,"private_key_ciphertext"'],
      ['a statement after the order column', 'GET', '/rest/v1/box_tiers?select=id&order=id;drop table x'],
      ['a statement in the order direction', 'GET', '/rest/v1/box_tiers?select=id&order=id.asc;drop%20table%20x--'],
      ['a statement in a filter column', 'GET', '/rest/v1/box_tiers?id);drop%20table%20x;--=eq.1'],
      ['a statement in an or-tree', 'GET', '/rest/v1/box_tiers?or=(id.eq.1,id.eq.2);drop%20table%20x'],
      ['an unknown operator', 'GET', '/rest/v1/box_tiers?id=eqq.1'],
      ['a statement after an RPC name', 'POST', '/rest/v1/rpc/sync_wallet_flux_balance;select'],
      ['a call expression as an RPC name', 'POST', "/rest/v1/rpc/sync_wallet_flux_balance('x');drop%20table%20x"],
      ['a schema-qualified RPC outside the API', 'POST', '/rest/v1/rpc/auth.uid'],
    ];

    it.each(attempts)('rejects %s with a 4xx (anon and service role)', async (_name, method, path) => {
      for (const key of [stack.anonKey, stack.serviceRoleKey]) {
        const answer = await call(method, path, {
          apikey: key,
          bearer: key,
          ...(method === 'POST' ? { body: {} } : {}),
        });
        expect(answer.status, `${answer.status} ${answer.text}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }
    });

    it("binds a quoted filter value as a literal: `eq.x' or '1'='1` is refused to anon and matches nothing for the service role", async () => {
      const path = `/rest/v1/sim_wallet_keys?select=*&wallet_address=eq.${encodeURIComponent("x' or '1'='1")}`;
      const anon = await call('GET', path);
      expect([401, 403]).toContain(anon.status);
      const service = await call('GET', path, { apikey: stack.serviceRoleKey, bearer: stack.serviceRoleKey });
      expect(service.status).toBe(200);
      expect(JSON.parse(service.text)).toEqual([]);
    });

    it('refuses to switch to the auth schema with Accept-Profile (refresh tokens stay unreachable)', async () => {
      const answer = await call('GET', '/rest/v1/refresh_tokens?select=token', {
        apikey: stack.serviceRoleKey,
        bearer: stack.serviceRoleKey,
        headers: { 'accept-profile': 'auth' },
      });
      expect(answer.status).toBe(406);
      expect(answer.text).not.toContain(session.refreshToken);
    });
  });

  describe('afterwards', () => {
    it('no response carried the secret row, and every table is intact', async () => {
      expect(bodies.length).toBeGreaterThan(40);
      expect(bodies.filter((body) => body.includes(SECRET_MARKER))).toEqual([]);
      const secret = await stack.db.query<{ ciphertext: string }>(
        'select private_key_ciphertext as ciphertext from public.sim_wallet_keys where wallet_address = $1',
        [SECRET_WALLET],
      );
      expect(secret).toEqual([{ ciphertext: SECRET_MARKER }]);
      expect((await stack.db.query<{ n: number }>('select count(*)::int as n from public.box_tiers'))[0]?.n).toBe(
        boxTierCount,
      );
      expect(await stack.db.query(`select to_regclass('public.x')::text as x`)).toEqual([{ x: 'x' }]);
    });
  });
});
