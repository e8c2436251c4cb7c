import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyBootstrap, createPgliteDb } from '../db/index.ts';
import type { Db } from '../db/Db.ts';
import {
  authRequest,
  createAuthFixture,
  parseBody,
  signerA,
  signerB,
  web3Body,
  type AuthFixture,
} from '../../../test/support/local/authFixture.ts';

let db: Db;
let auth: AuthFixture;

beforeAll(async () => {
  db = await createPgliteDb();
  await applyBootstrap(db);
});
afterAll(async () => db.close());
beforeEach(async () => {
  await db.exec('truncate auth.users, auth.audit_log_entries cascade');
  auth = await createAuthFixture(db);
});

const web3 = async (body: unknown, init: Parameters<typeof authRequest>[2] = {}) =>
  auth.handler(authRequest('POST', '/token', { query: { grant_type: 'web3' }, body, ...init }));
const refresh = async (token: string) =>
  auth.handler(
    authRequest('POST', '/token', { query: { grant_type: 'refresh_token' }, body: { refresh_token: token } }),
  );
const getUser = async (accessToken?: string, headers: Record<string, string> = {}) =>
  auth.handler(
    authRequest('GET', '/user', {
      headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...headers },
    }),
  );

async function signIn(signer = signerA, options: { address?: string; statement?: string } = {}) {
  const response = await web3(await web3Body(signer, auth.clock.now, options));
  expect(response.status).toBe(200);
  return parseBody(response) as {
    access_token: string;
    refresh_token: string;
    user: Record<string, unknown> & { id: string };
  };
}

describe('POST /token?grant_type=web3', () => {
  it('creates the user, identity, audit rows, session, refresh token and AMR claim GoTrue writes', async () => {
    const response = await web3(await web3Body(signerA, auth.clock.now));
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    const body = parseBody(response);
    expect(Object.keys(body)).toEqual([
      'access_token',
      'token_type',
      'expires_in',
      'expires_at',
      'refresh_token',
      'user',
    ]);
    const userId = (body.user as { id: string }).id;
    const providerId = `web3:ethereum:${signerA.address}`;
    const identityData = {
      custom_claims: {
        address: signerA.address,
        chain: 'ethereum',
        domain: 'supabase.com',
        network: '1',
        statement: 'Sign in to the game',
      },
      email_verified: false,
      phone_verified: false,
      sub: providerId,
    };
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: Date.parse('2025-03-29T00:05:00Z') / 1000 + 3600,
    });
    expect(body.refresh_token).toMatch(/^[a-z2-7]{12}$/);

    const [user] = await db.query(
      `select instance_id::text, aud, role, email, phone, encrypted_password, confirmation_token, recovery_token, email_change_token_new,
              email_change_token_current, email_change, phone_change, phone_change_token, reauthentication_token, raw_app_meta_data,
              raw_user_meta_data, is_super_admin, is_sso_user, is_anonymous, email_change_confirm_status, email_confirmed_at, confirmed_at,
              invited_at, banned_until, deleted_at, last_sign_in_at, created_at, updated_at
         from auth.users where id = $1`,
      [userId],
    );
    const at = new Date('2025-03-29T00:05:00Z');
    expect(user).toEqual({
      instance_id: '00000000-0000-0000-0000-000000000000',
      aud: 'authenticated',
      role: 'authenticated',
      email: null,
      phone: null,
      encrypted_password: '',
      confirmation_token: '',
      recovery_token: '',
      email_change_token_new: '',
      email_change_token_current: '',
      email_change: '',
      phone_change: '',
      phone_change_token: '',
      reauthentication_token: '',
      raw_app_meta_data: { provider: 'web3', providers: ['web3'] },
      raw_user_meta_data: identityData,
      is_super_admin: false,
      is_sso_user: false,
      is_anonymous: false,
      email_change_confirm_status: 0,
      email_confirmed_at: null,
      confirmed_at: null,
      invited_at: null,
      banned_until: null,
      deleted_at: null,
      last_sign_in_at: at,
      created_at: at,
      updated_at: at,
    });

    const identities = await db.query(
      `select provider_id, user_id::text, identity_data, provider, email, last_sign_in_at, created_at, updated_at from auth.identities`,
    );
    expect(identities).toEqual([
      {
        provider_id: providerId,
        user_id: userId,
        identity_data: identityData,
        provider: 'web3',
        email: null,
        last_sign_in_at: at,
        created_at: at,
        updated_at: at,
      },
    ]);

    const audit = await db.query<{ payload: string; ip_address: string; instance_id: string; created_at: Date }>(
      `select payload::text as payload, ip_address, instance_id::text, created_at from auth.audit_log_entries`,
    );
    const actor = `"action":"login","actor_id":"${userId}","actor_username":"","actor_via_sso":false,"log_type":"account"`;
    expect(audit.map((row) => row.payload).sort()).toEqual(
      [
        `{${actor},"traits":{"provider":"web3"}}`,
        `{${actor},"traits":{"address":"${signerA.address}","chain":"ethereum","domain":"supabase.com","network":"1","provider":"web3",` +
          `"uri":{"Scheme":"https","Opaque":"","User":null,"Host":"supabase.com","Path":"/","RawPath":"","OmitHost":false,"ForceQuery":false,"RawQuery":"","Fragment":"","RawFragment":""}}}`,
      ].sort(),
    );
    expect(
      audit.every((row) => row.ip_address === '' && row.instance_id === '00000000-0000-0000-0000-000000000000'),
    ).toBe(true);

    const sessions = await db.query<{ id: string }>(
      `select id::text, user_id::text, aal::text, factor_id, not_after, refreshed_at, user_agent, host(ip) as ip, tag, created_at, updated_at from auth.sessions`,
    );
    expect(sessions).toEqual([
      {
        id: expect.any(String),
        user_id: userId,
        aal: 'aal1',
        factor_id: null,
        not_after: null,
        refreshed_at: null,
        user_agent: 'rocket-sim-test/1.0',
        ip: '127.0.0.1',
        tag: null,
        created_at: at,
        updated_at: at,
      },
    ]);
    const sessionId = sessions[0]?.id;
    expect(response.headers).toMatchObject({
      'sb-auth-user-id': userId,
      'sb-auth-session-id': sessionId,
      'sb-auth-refresh-token-prefix': String(body.refresh_token).slice(0, 5),
    });

    expect(
      await db.query(
        `select instance_id::text, token, user_id, revoked, parent, session_id::text, created_at, updated_at from auth.refresh_tokens`,
      ),
    ).toEqual([
      {
        instance_id: '00000000-0000-0000-0000-000000000000',
        token: body.refresh_token,
        user_id: userId,
        revoked: false,
        parent: null,
        session_id: sessionId,
        created_at: at,
        updated_at: at,
      },
    ]);
    expect(
      await db.query(`select session_id::text, authentication_method, created_at, updated_at from auth.mfa_amr_claims`),
    ).toEqual([{ session_id: sessionId, authentication_method: 'web3', created_at: at, updated_at: at }]);
  });

  it('returns GoTrue’s User JSON and access token claims, in GoTrue’s order', async () => {
    const body = await signIn();
    const { user } = body;
    expect(Object.keys(user)).toEqual([
      'id',
      'aud',
      'role',
      'email',
      'phone',
      'last_sign_in_at',
      'app_metadata',
      'user_metadata',
      'identities',
      'created_at',
      'updated_at',
      'is_anonymous',
    ]);
    expect(user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email: '',
      phone: '',
      last_sign_in_at: '2025-03-29T00:05:00Z',
      is_anonymous: false,
    });
    const [identity] = user.identities as Record<string, unknown>[];
    expect(Object.keys(identity ?? {})).toEqual([
      'identity_id',
      'id',
      'user_id',
      'identity_data',
      'provider',
      'last_sign_in_at',
      'created_at',
      'updated_at',
    ]);
    expect(identity).toMatchObject({ id: `web3:ethereum:${signerA.address}`, user_id: user.id, provider: 'web3' });

    expect(decodeProtectedHeader(body.access_token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(body.access_token);
    expect(Object.keys(claims)).toEqual([
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'email',
      'phone',
      'app_metadata',
      'user_metadata',
      'role',
      'aal',
      'amr',
      'session_id',
      'is_anonymous',
    ]);
    const iat = Date.parse('2025-03-29T00:05:00Z') / 1000;
    expect(claims).toMatchObject({
      iss: 'http://127.0.0.1:54321/auth/v1',
      sub: user.id,
      aud: 'authenticated',
      exp: iat + 3600,
      iat,
      email: '',
      phone: '',
      app_metadata: { provider: 'web3', providers: ['web3'] },
      user_metadata: user.user_metadata,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'web3', timestamp: iat }],
      is_anonymous: false,
    });
  });

  it('serialises metadata with Go’s sorted keys', async () => {
    const response = await web3(await web3Body(signerA, auth.clock.now));
    expect(String(response.body)).toContain(
      `"user_metadata":{"custom_claims":{"address":"${signerA.address}","chain":"ethereum","domain":"supabase.com","network":"1","statement":"Sign in to the game"},"email_verified":false,"phone_verified":false,"sub":"web3:ethereum:${signerA.address}"}`,
    );
  });

  it('signs the same identity in again: updates metadata, keeps the user, returns the identity as it was loaded', async () => {
    const first = await signIn();
    auth.advance(60_000);
    const second = await signIn(signerA, { statement: 'Welcome back' });
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.user_metadata).toMatchObject({ custom_claims: { statement: 'Welcome back' } });
    const [identity] = second.user.identities as {
      identity_data: { custom_claims: { statement: string } };
      updated_at: string;
    }[];
    expect(identity?.identity_data.custom_claims.statement).toBe('Sign in to the game');
    expect(identity?.updated_at).toBe('2025-03-29T00:05:00Z');
    expect(second.user).toMatchObject({
      last_sign_in_at: '2025-03-29T00:06:00Z',
      updated_at: '2025-03-29T00:06:00Z',
      created_at: '2025-03-29T00:05:00Z',
    });

    const [row] = await db.query<{ statement: string; last_sign_in_at: Date; updated_at: Date }>(
      `select identity_data->'custom_claims'->>'statement' as statement, last_sign_in_at, updated_at from auth.identities`,
    );
    expect(row).toEqual({
      statement: 'Welcome back',
      last_sign_in_at: new Date('2025-03-29T00:05:00Z'),
      updated_at: new Date('2025-03-29T00:06:00Z'),
    });
    expect(await db.query(`select count(*)::int as n from auth.sessions`)).toEqual([{ n: 2 }]);
    expect(await db.query(`select count(*)::int as n from auth.audit_log_entries`)).toEqual([{ n: 4 }]);
    expect(await db.query(`select count(*)::int as n from auth.mfa_amr_claims`)).toEqual([{ n: 2 }]);
  });

  it('keys identities on the address as written: two casings are two users', async () => {
    const checksummed = await signIn(signerA);
    const lowercase = await signIn(signerA, { address: signerA.address.toLowerCase() });
    expect(lowercase.user.id).not.toBe(checksummed.user.id);
    expect(
      (await db.query<{ provider_id: string }>(`select provider_id from auth.identities order by provider_id`))
        .map((row) => row.provider_id)
        .sort(),
    ).toEqual([`web3:ethereum:${signerA.address}`, `web3:ethereum:${signerA.address.toLowerCase()}`].sort());
  });

  it('answers a replayed message with a new session each time (no nonce store)', async () => {
    const body = await web3Body(signerA, auth.clock.now);
    const a = parseBody(await web3(body));
    const b = parseBody(await web3(body));
    expect(a.refresh_token).not.toBe(b.refresh_token);
    expect(await db.query(`select count(*)::int as n from auth.sessions`)).toEqual([{ n: 2 }]);
  });

  it('refuses banned users with 403 user_banned and writes nothing', async () => {
    const { user } = await signIn();
    await db.query(`update auth.users set banned_until = '2030-01-01Z' where id = $1`, [user.id]);
    const response = await web3(await web3Body(signerA, auth.clock.now));
    expect(response.status).toBe(403);
    expect(parseBody(response)).toEqual({ code: 'user_banned', message: 'User is banned' });
    expect(await db.query(`select count(*)::int as n from auth.sessions`)).toEqual([{ n: 1 }]);
  });

  it('renders validation failures in both error shapes', async () => {
    const versioned = await web3('');
    expect(versioned.status).toBe(400);
    expect(versioned.headers).toMatchObject({ 'x-supabase-api-version': '2024-01-01', 'x-sb-error-code': 'bad_json' });
    expect(parseBody(versioned)).toEqual({
      code: 'bad_json',
      message: 'Could not parse request body as JSON: Unexpected end of JSON input',
    });

    const legacy = await web3(
      { chain: 'ethereum', message: 'short', signature: '0x' },
      { headers: { 'x-supabase-api-version': '' } },
    );
    expect(legacy.status).toBe(400);
    expect(parseBody(legacy)).toEqual({ code: 400, error_code: 'validation_failed', msg: 'message is too short' });

    const oauth = await web3(await web3Body(signerA, auth.clock.now, { address: signerB.address }));
    expect(oauth.status).toBe(400);
    expect(parseBody(oauth)).toEqual({
      error: 'invalid_grant',
      error_description: 'Signature does not match address in message',
    });
    expect(oauth.headers).not.toHaveProperty('x-sb-error-code');
    expect(await db.query(`select count(*)::int as n from auth.users`)).toEqual([{ n: 0 }]);
  });

  it('rejects unknown grant types as invalid_credentials', async () => {
    const response = await auth.handler(authRequest('POST', '/token', { query: { grant_type: 'password' }, body: {} }));
    expect(response.status).toBe(400);
    expect(parseBody(response)).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
    expect(parseBody(await auth.handler(authRequest('POST', '/token', { body: {} })))).toEqual({
      code: 'invalid_credentials',
      message: 'unsupported_grant_type',
    });
  });
});

describe('auth rate limits', () => {
  it('allows N web3 requests per period per IP, counting invalid ones, before anything else', async () => {
    auth = await createAuthFixture(db, {
      rateLimits: { web3: { requests: 2, periodMs: 300_000 }, refresh: undefined, burst: 2 },
    });
    expect((await web3('not json')).status).toBe(400);
    expect((await web3(await web3Body(signerA, auth.clock.now))).status).toBe(200);
    const limited = await web3(await web3Body(signerA, auth.clock.now));
    expect(limited.status).toBe(429);
    expect(parseBody(limited)).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect((await web3('not json', { ip: '10.1.2.3' })).status).toBe(400);
    // the bucket refills at 2 per 300 s: one request's worth after 150 s
    auth.advance(149_000);
    expect((await web3('not json')).status).toBe(429);
    auth.advance(1_000);
    expect((await web3('not json')).status).toBe(400);
    expect((await web3('not json')).status).toBe(429);
    // the refresh grant has its own limiter (off here)
    expect((await refresh('aaaaaaaaaaaa')).status).toBe(400);
  });

  it('limits refreshes with their own bucket, which web3 sign-ins do not use', async () => {
    auth = await createAuthFixture(db, {
      rateLimits: { web3: undefined, refresh: { requests: 150, periodMs: 300_000 }, burst: 3 },
    });
    for (let i = 0; i < 5; i++) expect((await web3('not json')).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await refresh('aaaaaaaaaaaa')).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    // 150 per 300 s: a token every 2 s
    auth.advance(2_000);
    expect((await refresh('aaaaaaaaaaaa')).status).toBe(400);
    expect((await refresh('aaaaaaaaaaaa')).status).toBe(429);
  });
});

describe('POST /token?grant_type=refresh_token', () => {
  it('rotates: revokes the presented token, issues a child with parent, same session', async () => {
    const first = await signIn();
    auth.advance(30_000);
    const response = await refresh(first.refresh_token);
    expect(response.status).toBe(200);
    const body = parseBody(response) as typeof first & { expires_at: number };
    expect(body.refresh_token).toMatch(/^[a-z2-7]{12}$/);
    expect(body.refresh_token).not.toBe(first.refresh_token);
    const before = decodeJwt(first.access_token);
    const after = decodeJwt(body.access_token);
    expect(after).toMatchObject({
      session_id: before.session_id,
      amr: before.amr,
      iat: (before.iat ?? 0) + 30,
      exp: (before.iat ?? 0) + 30 + 3600,
    });
    expect(body.expires_at).toBe(after.exp);
    expect(body.user).toMatchObject({
      id: first.user.id,
      updated_at: '2025-03-29T00:05:30Z',
      last_sign_in_at: '2025-03-29T00:05:00Z',
    });
    expect(await db.query(`select token, revoked, parent from auth.refresh_tokens order by id`)).toEqual([
      { token: first.refresh_token, revoked: true, parent: null },
      { token: body.refresh_token, revoked: false, parent: first.refresh_token },
    ]);
    const [session] = await db.query<{ refreshed_at: string; updated_at: Date }>(
      `select to_char(refreshed_at, 'YYYY-MM-DD HH24:MI:SS') as refreshed_at, updated_at from auth.sessions`,
    );
    expect(session).toEqual({ refreshed_at: '2025-03-29 00:05:30', updated_at: new Date('2025-03-29T00:05:30Z') });
    const audit = await db.query<{ action: string }>(
      `select payload->>'action' as action from auth.audit_log_entries where payload->>'log_type' = 'token'`,
    );
    expect(audit.map((row) => row.action).sort()).toEqual(['token_refreshed', 'token_revoked']);
  });

  it('hands the active token back when its revoked parent is presented again', async () => {
    const first = await signIn();
    const second = parseBody(await refresh(first.refresh_token));
    auth.advance(3_600_000);
    const again = await refresh(first.refresh_token);
    expect(again.status).toBe(200);
    expect(parseBody(again).refresh_token).toBe(second.refresh_token);
    expect(await db.query(`select count(*)::int as n from auth.refresh_tokens`)).toEqual([{ n: 2 }]);
  });

  it('reissues for an older revoked token within 10 s, then revokes the session’s tokens', async () => {
    const first = await signIn();
    const second = parseBody(await refresh(first.refresh_token));
    const third = parseBody(await refresh(String(second.refresh_token)));
    // first is now the grandparent of the active token
    auth.advance(10_000);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(200);
    expect(parseBody(reused).refresh_token).not.toBe(third.refresh_token);
    auth.advance(10_001);
    const abused = await refresh(String(second.refresh_token));
    expect(abused.status).toBe(400);
    expect(parseBody(abused)).toEqual({
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });
    expect(await db.query(`select count(*)::int as n from auth.refresh_tokens where revoked = false`)).toEqual([
      { n: 0 },
    ]);
    // revoking the family stamps updated_at, so its tokens get the reuse interval again (as in GoTrue)
    auth.advance(10_001);
    expect(parseBody(await refresh(String(third.refresh_token)))).toMatchObject({
      code: 'refresh_token_already_used',
    });
  });

  it('validates the token format, then looks it up', async () => {
    const invalid = { code: 'validation_failed', message: 'Refresh token is not valid' };
    for (const token of ['', 'short', 'ABCDEFGHIJKL', 'abcdefghijk!', 'abcdefghijklm'])
      expect(parseBody(await refresh(token)), token).toEqual(invalid);
    expect(parseBody(await refresh('aaaaaaaaaaaa'))).toEqual({
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    const badJson = await auth.handler(
      authRequest('POST', '/token', { query: { grant_type: 'refresh_token' }, body: '{"refresh_token":1}' }),
    );
    expect(parseBody(badJson)).toEqual({
      code: 'bad_json',
      message: 'Could not parse request body as JSON: refresh_token is a JSON number, not a string',
    });
  });

  it('refuses tokens of banned users', async () => {
    const { user, refresh_token } = await signIn();
    await db.query(`update auth.users set banned_until = '2030-01-01Z' where id = $1`, [user.id]);
    expect(parseBody(await refresh(refresh_token))).toEqual({
      code: 'user_banned',
      message: 'Invalid Refresh Token: User Banned',
    });
  });
});

describe('GET /user', () => {
  it('returns the stored user', async () => {
    const { access_token, user } = await signIn();
    const response = await getUser(access_token);
    expect(response.status).toBe(200);
    expect(parseBody(response)).toEqual(user);
  });

  it('needs a Bearer token', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer ', 'Bearer a b', 'BEARER']) {
      const response = await getUser(undefined, authorization ? { authorization } : {});
      expect(response.status, authorization).toBe(401);
      expect(parseBody(response)).toEqual({
        code: 'no_authorization',
        message: 'This endpoint requires a valid Bearer token',
      });
    }
  });

  it('reads the Bearer scheme in any case, as GoTrue does since v2.190', async () => {
    const { access_token } = await signIn();
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const response = await getUser(undefined, { authorization: `${scheme} ${access_token}` });
      expect(response.status, scheme).toBe(200);
    }
  });

  it('refuses a bad token with 403 bad_jwt, in golang-jwt’s words where they are kept', async () => {
    const { access_token } = await signIn();
    const prefix = 'invalid JWT: unable to parse or verify signature, ';
    const cases: [string, string][] = [
      ['abc', 'token is malformed: token contains an invalid number of segments'],
      // malformed tokens: GoTrue's status and code, golang-jwt's category without its detail
      ['a.b.c', 'token is malformed'],
      [`${access_token.slice(0, -4)}AAAA`, 'token signature is invalid: signature is invalid'],
      [
        await auth.jwt
          .sign({ sub: 'x' })
          .then((token) => `eyJhbGciOiJSUzI1NiJ9.${token.split('.')[1]}.${token.split('.')[2]}`),
        'token is malformed',
      ],
      // validly signed, but a claim of a type GoTrue's claims struct cannot hold
      [
        await auth.jwt.sign({ ...decodeJwt(access_token), sub: 1 as unknown as string }),
        'token is malformed: the sub claim must be a JSON string',
      ],
    ];
    for (const [token, detail] of cases) {
      const response = await getUser(token);
      expect(response.status, token).toBe(403);
      expect(parseBody(response)).toEqual({ code: 'bad_jwt', message: `${prefix}${detail}` });
    }
    auth.advance(3_600_000);
    expect(parseBody(await getUser(access_token))).toEqual({
      code: 'bad_jwt',
      message: `${prefix}token has invalid claims: token is expired`,
    });
  });

  it('checks sub, user, session and audience', async () => {
    const { access_token, user } = await signIn();
    const claims = decodeJwt(access_token);
    const sign = (changes: Record<string, unknown>) => auth.jwt.sign({ ...claims, ...changes });
    const anonKey = await auth.jwt.sign({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 });
    expect(parseBody(await getUser(anonKey))).toEqual({ code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
    const notUuid = await getUser(await sign({ sub: 'not-a-uuid' }));
    expect(notUuid.status).toBe(400);
    expect(parseBody(notUuid)).toEqual({ code: 'bad_jwt', message: 'invalid claim: sub claim must be a UUID' });
    expect(parseBody(await getUser(await sign({ sub: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' })))).toEqual({
      code: 'user_not_found',
      message: 'User from sub claim in JWT does not exist',
    });
    expect((await getUser(await sign({ sub: `{${user.id.toUpperCase()}}` }))).status).toBe(200);
    expect(parseBody(await getUser(await sign({ session_id: 'nope' })))).toEqual({
      code: 'bad_jwt',
      message: 'invalid claim: session_id claim must be a UUID',
    });
    expect(parseBody(await getUser(await sign({ session_id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' })))).toEqual({
      code: 'session_not_found',
      message: 'Session from session_id claim in JWT does not exist',
    });
    expect(parseBody(await getUser(access_token, { 'x-jwt-aud': 'other' }))).toEqual({
      code: 'validation_failed',
      message: "Token audience doesn't match request audience",
    });
    expect((await getUser(await sign({ aud: undefined }))).status).toBe(400);
  });
});

describe('POST /logout', () => {
  const logout = (accessToken: string, scope?: string) =>
    auth.handler(
      authRequest('POST', '/logout', {
        headers: { authorization: `Bearer ${accessToken}` },
        ...(scope ? { query: { scope } } : {}),
      }),
    );

  it('scope=local ends this session only; the default ends all of them', async () => {
    const a = await signIn();
    const b = await signIn();
    const local = await logout(a.access_token, 'local');
    expect(local.status).toBe(204);
    expect(local.body).toBeUndefined();
    expect(parseBody(await getUser(a.access_token))).toEqual({
      code: 'session_not_found',
      message: 'Session from session_id claim in JWT does not exist',
    });
    expect(parseBody(await refresh(a.refresh_token))).toEqual({
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    expect((await getUser(b.access_token)).status).toBe(200);

    const c = await signIn();
    expect((await logout(c.access_token)).status).toBe(204);
    expect(await db.query(`select count(*)::int as n from auth.sessions`)).toEqual([{ n: 0 }]);
    const actions = await db.query<{ action: string }>(
      `select payload->>'action' as action from auth.audit_log_entries where payload->>'action' = 'logout'`,
    );
    expect(actions).toHaveLength(2);
  });

  it('scope=others keeps the current session', async () => {
    const a = await signIn();
    const b = await signIn();
    expect((await logout(a.access_token, 'others')).status).toBe(204);
    expect((await getUser(a.access_token)).status).toBe(200);
    expect((await getUser(b.access_token)).status).toBe(403);
  });

  it('rejects unknown scopes and unauthenticated requests', async () => {
    const { access_token } = await signIn();
    expect(parseBody(await logout(access_token, 'everything'))).toEqual({
      code: 'validation_failed',
      message: 'Unsupported logout scope "everything"',
    });
    const anonymous = await auth.handler(authRequest('POST', '/logout'));
    expect(anonymous.status).toBe(401);
  });
});

describe('routing', () => {
  it('answers unknown paths 404 and wrong methods 405 in the HTTPError shape', async () => {
    const missing = await auth.handler(authRequest('GET', '/settings'));
    expect(missing.status).toBe(404);
    expect(parseBody(missing)).toEqual({ code: 'unknown', message: '404 page not found' });
    const wrongMethod = await auth.handler(authRequest('GET', '/token'));
    expect(wrongMethod.status).toBe(405);
    expect((await auth.handler(authRequest('GET', '/health'))).status).toBe(200);
  });
});
