import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalResponse } from '../http/types.ts';
import { createJwtService, type JwtClaims } from '../jwt.ts';
import { startRestTestStack, testBackends, type RestTestStack } from '../../../test/support/local/restTestStack.ts';

const FAR_FUTURE = 4102444800; // 2100-01-01
const NOW = new Date('2030-01-01T00:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

const json = (response: LocalResponse): unknown => JSON.parse(String(response.body));
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(testBackends(process.env.DATABASE_URL))('request handling on $kind', (backend) => {
  let stack: RestTestStack;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const whoami = async (headers: Record<string, string>) =>
    stack.call({ method: 'POST', path: '/rpc/request_info', body: {}, headers });

  beforeAll(async () => {
    stack = await startRestTestStack(backend);
  });
  afterAll(async () => stack?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('JWT', () => {
    const expectJwtError = (response: LocalResponse, code: string, message: string) => {
      expect(response.status).toBe(401);
      expect(response.headers?.['www-authenticate']).toBe(
        `Bearer error="invalid_token", error_description="${message}"`,
      );
      expect(response.headers?.['proxy-status']).toBe(`PostgREST; error=${code}`);
      expect(json(response)).toMatchObject({ code, message });
    };

    it('accepts a token within the 30 s skew and refuses an expired one with PGRST303', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      const fresh = await stack.jwt.sign({
        role: 'authenticated',
        sub: '11111111-1111-1111-1111-111111111111',
        exp: NOW_SECONDS - 20,
      });
      expect((await whoami(bearer(fresh))).status).toBe(200);
      const expired = await stack.jwt.sign({ role: 'authenticated', exp: NOW_SECONDS - 40 });
      expectJwtError(await whoami(bearer(expired)), 'PGRST303', 'JWT expired');
      const early = await stack.jwt.sign({ role: 'authenticated', nbf: NOW_SECONDS + 60, exp: FAR_FUTURE });
      expectJwtError(await whoami(bearer(early)), 'PGRST303', 'JWT not yet valid');
    });

    it('refuses a token signed with another secret', async () => {
      const other = await createJwtService('another-secret-with-at-least-32-characters!!');
      const response = await whoami(bearer(await other.sign({ role: 'service_role', exp: FAR_FUTURE })));
      expectJwtError(response, 'PGRST301', 'No suitable key or wrong key type');
      expect(json(response)).toMatchObject({ details: 'None of the keys was able to decode the JWT' });
    });

    it('refuses alg: none', async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ role: 'service_role', exp: FAR_FUTURE })}.`;
      expectJwtError(await whoami(bearer(unsigned)), 'PGRST301', 'Wrong or unsupported encoding algorithm');
    });

    it('refuses garbage, wrong segment counts and an empty token', async () => {
      expectJwtError(await whoami(bearer('aaa.bbb.ccc')), 'PGRST301', 'JWT cryptographic operation failed');
      expectJwtError(await whoami(bearer('aaa.bbb')), 'PGRST301', 'Expected 3 parts in JWT; got 2');
      expectJwtError(await whoami(bearer('a.b.c.d')), 'PGRST301', 'Expected 3 parts in JWT; got 4');
      expectJwtError(
        await whoami({ authorization: 'Bearer ' }),
        'PGRST301',
        'Empty JWT is sent in Authorization header',
      );
    });

    it('accepts the scheme in any case and treats other schemes as anonymous', async () => {
      const token = await stack.jwt.sign({ role: 'authenticated', exp: FAR_FUTURE });
      expect(json(await whoami({ authorization: `bEaReR ${token}` }))).toMatchObject({ role: 'authenticated' });
      expect(json(await whoami({ authorization: 'Basic dXNlcjpwYXNz' }))).toMatchObject({ role: 'anon' });
    });

    it('runs a valid token without a role claim as anon, keeping its claims', async () => {
      const token = await stack.jwt.sign({ sub: '11111111-1111-1111-1111-111111111111', exp: FAR_FUTURE });
      expect(json(await whoami(bearer(token)))).toMatchObject({
        role: 'anon',
        uid: '11111111-1111-1111-1111-111111111111',
        claims: { role: 'anon', sub: '11111111-1111-1111-1111-111111111111' },
      });
    });
  });

  describe('API keys', () => {
    it('uses the apikey as the token when there is no Authorization header', async () => {
      expect(json(await whoami({ apikey: stack.keys.secretKey }))).toMatchObject({
        role: 'service_role',
        claims: { role: 'service_role' },
      });
      expect(json(await whoami({ apikey: stack.keys.publishableKey }))).toMatchObject({
        role: 'anon',
        claims: { role: 'anon' },
      });
      expect(json(await whoami({ apikey: stack.keys.serviceRoleKey }))).toMatchObject({
        role: 'service_role',
        claims: { iss: 'supabase-demo' },
      });
    });

    it('maps sb_ keys sent as Bearer tokens', async () => {
      expect(json(await whoami(bearer(stack.keys.secretKey)))).toMatchObject({ role: 'service_role' });
      expect(json(await whoami(bearer(stack.keys.publishableKey)))).toMatchObject({ role: 'anon' });
    });
  });

  describe('role switching', () => {
    it('refuses a validly signed token for a role authenticator cannot switch to', async () => {
      const postgres = await stack.call({
        path: '/admin_only',
        headers: bearer(await stack.jwt.sign({ role: 'postgres', exp: FAR_FUTURE })),
      });
      // 42501 for a role other than anon is 403 without a challenge (PostgREST's Error.hs)
      expect(postgres.status).toBe(403);
      expect(postgres.headers?.['www-authenticate']).toBeUndefined();
      expect(json(postgres)).toEqual({
        code: '42501',
        message: 'permission denied to set role "postgres"',
        details: null,
        hint: null,
      });
      expect(String(postgres.body)).not.toContain('the secret');
      const missing = await whoami(bearer(await stack.jwt.sign({ role: 'supabase_admin', exp: FAR_FUTURE })));
      expect(missing.status).toBe(401);
      expect(missing.headers?.['www-authenticate']).toBe('Bearer');
      expect(json(missing)).toMatchObject({ code: '22023', message: 'role "supabase_admin" does not exist' });
      const nonString = { role: { nested: 'postgres' }, exp: FAR_FUTURE } as unknown as JwtClaims;
      const odd = await whoami(bearer(await stack.jwt.sign(nonString)));
      expect(odd.status).toBe(401);
    });

    it('leaves no role behind between requests', async () => {
      await stack.call({
        method: 'POST',
        path: '/rpc/fail_with',
        body: { msg: 'x' },
        headers: bearer(stack.keys.serviceRoleKey),
      });
      expect(json(await whoami({}))).toMatchObject({ role: 'anon' });
      const rows = await stack.db.query<{ who: string }>('select current_user as who');
      expect(rows[0]?.who).not.toBe('service_role');
      expect(rows[0]?.who).not.toBe('anon');
    });
  });

  describe('role settings', () => {
    it(
      backend.kind === 'postgres'
        ? "applies the role's statement_timeout on PostgreSQL"
        : 'leaves statement timeouts off on PGlite',
      async () => {
        const user = bearer(await stack.jwt.sign({ role: 'authenticated', exp: FAR_FUTURE }));
        const timeouts = await Promise.all([whoami({}), whoami(user), whoami(bearer(stack.keys.serviceRoleKey))]);
        const values = timeouts.map((response) => (json(response) as { statement_timeout: string }).statement_timeout);
        // service_role has no setting of its own: it keeps authenticator's, as a Supabase session would
        expect(values).toEqual(backend.kind === 'postgres' ? ['3s', '8s', '8s'] : ['0', '0', '0']);
      },
    );
  });

  describe('SQL injection', () => {
    const attacks: { name: string; init: Parameters<RestTestStack['call']>[0]; status: number; code: string }[] = [
      {
        name: 'subquery in select',
        init: { path: '/items', query: 'select=id,(select secret from admin_only)' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in select',
        init: { path: '/items', query: 'select=id;delete from items' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'cast escaping',
        init: { path: '/items', query: 'select=id::text) from admin_only--' },
        status: 400,
        code: 'PGRST100',
      },
      { name: 'dollar quote cast', init: { path: '/items', query: 'select=id::$$' }, status: 400, code: 'PGRST100' },
      {
        name: 'embedding another table',
        init: { path: '/items', query: 'select=id,admin_only(secret)' },
        status: 400,
        code: 'PGRST200',
      },
      {
        name: 'quoted JSON key',
        init: { path: '/items', query: "select=data->>'x' or 1=1" },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in filter column',
        init: { path: '/items', query: 'id;delete from items=eq.1' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'quoted filter column',
        init: { path: '/items', query: '"id\\"; delete from items; --"=eq.1' },
        status: 400,
        code: '42703',
      },
      {
        name: 'doubled quote in filter column',
        init: { path: '/items', query: '"id""; delete from items; --"=eq.1' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'trailing SQL after in-list',
        init: { path: '/items', query: 'id=in.(1);delete from items;--' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in order',
        init: { path: '/items', query: 'order=id;delete from items' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'subquery in order',
        init: { path: '/items', query: 'order=(select secret from admin_only)' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'SQL after logic tree',
        init: { path: '/items', query: 'or=(id.eq.1,id.eq.2) or 1=1' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in limit',
        init: { path: '/items', query: 'limit=1;delete from items' },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in RPC name',
        init: { method: 'POST', path: '/rpc/add_numbers;drop table items', body: { a: 1 } },
        status: 404,
        code: 'PGRST202',
      },
      {
        name: 'catalog function',
        init: { method: 'POST', path: '/rpc/pg_sleep', body: { seconds: 1 } },
        status: 404,
        code: 'PGRST202',
      },
      {
        name: 'qualified RPC name',
        init: { method: 'POST', path: '/rpc/pg_catalog.pg_sleep', body: {} },
        status: 404,
        code: 'PGRST202',
      },
      {
        name: 'encoded path traversal',
        init: { method: 'POST', path: '/rpc/..%2Fadmin_only', body: {} },
        status: 404,
        code: 'PGRST202',
      },
      {
        name: 'statement in RPC argument name',
        init: { method: 'POST', path: '/rpc/add_numbers', body: { a: 1, 'b); drop table items; --': 2 } },
        status: 404,
        code: 'PGRST202',
      },
      {
        name: 'statement in GET RPC argument',
        init: { path: '/rpc/add_numbers', query: 'a=1);drop table items;--' },
        status: 400,
        code: '22P02',
      },
      { name: 'statement in table name', init: { path: '/admin_only;select 1' }, status: 404, code: 'PGRST205' },
      { name: 'catalog table', init: { path: '/pg_catalog.pg_authid' }, status: 404, code: 'PGRST205' },
      {
        name: 'statement in on_conflict',
        init: {
          method: 'POST',
          path: '/items',
          query: 'on_conflict=id);drop table items;--',
          body: { id: 1, name: 'x' },
        },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in columns',
        init: { method: 'POST', path: '/items', query: 'columns=id,name) select 1--', body: { id: 1, name: 'x' } },
        status: 400,
        code: 'PGRST100',
      },
      {
        name: 'statement in payload key',
        init: { method: 'POST', path: '/items', body: { id: 300, 'name) values (1); delete from items; --': 'x' } },
        status: 400,
        code: 'PGRST204',
      },
      { name: 'NUL in a column name', init: { path: '/items', query: 'select=id%00' }, status: 400, code: 'PGRST100' },
      { name: 'NUL in an alias', init: { path: '/items', query: 'select=a%00b:id' }, status: 400, code: 'PGRST100' },
      {
        name: 'NUL in a quoted filter column',
        init: { path: '/items', query: '"id%00"=eq.1' },
        status: 400,
        code: 'PGRST100',
      },
      { name: 'NUL in a table name', init: { path: '/items%00' }, status: 404, code: 'PGRST125' },
      {
        name: 'statement in profile',
        init: { path: '/items', headers: { 'accept-profile': 'public;drop table items' } },
        status: 406,
        code: 'PGRST106',
      },
    ];

    it.each(attacks)('refuses $name', async ({ init, status, code }) => {
      const response = await stack.call(init);
      expect(response.status).toBe(status);
      expect(json(response)).toMatchObject({ code });
      expect(String(response.body)).not.toContain('the secret');
    });

    it('binds filter values as literals', async () => {
      const response = await stack.call({ path: '/items', query: "name=eq.apple' or '1'='1" });
      expect(response.status).toBe(200);
      expect(response.body).toBe('[]');
      expect((await stack.call({ path: '/items', query: 'name=eq.a%00b' })).status).toBe(400);
    });

    it('quotes aliases instead of interpreting them', async () => {
      const response = await stack.call({ path: '/items', query: 'select="x\\" from admin_only --":id&id=eq.1' });
      expect(json(response)).toEqual([{ 'x" from admin_only --': 1 }]);
    });

    it('leaves the data untouched', async () => {
      const items = await stack.call({ path: '/items', query: 'select=id&order=id&id=lte.5' });
      expect(json(items)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
      expect(json(await stack.call({ path: '/admin_only', headers: bearer(stack.keys.serviceRoleKey) }))).toEqual([
        { id: 1, secret: 'the secret' },
      ]);
    });
  });

  describe('routing', () => {
    it('answers the root, nested paths and unsupported methods like PostgREST', async () => {
      expect(json(await stack.call({ path: '/' }))).toMatchObject({ code: 'PGRST126' });
      const nested = await stack.call({ path: '/items/1' });
      expect(nested.status).toBe(404);
      expect(json(nested)).toMatchObject({ code: 'PGRST125', message: 'Invalid path specified in request URL' });
      const trace = await stack.call({ method: 'TRACE', path: '/items' });
      expect(trace.status).toBe(405);
      expect(json(trace)).toMatchObject({ code: 'PGRST117', message: 'Unsupported HTTP method: TRACE' });
    });

    it('answers OPTIONS with the allowed methods', async () => {
      expect((await stack.call({ method: 'OPTIONS', path: '/items' })).headers?.allow).toBe(
        'OPTIONS,GET,HEAD,POST,PATCH,DELETE',
      );
      expect((await stack.call({ method: 'OPTIONS', path: '/rpc/add_item' })).headers?.allow).toBe('OPTIONS,POST');
    });

    it('picks up new tables after reloadSchemaCache', async () => {
      expect((await stack.call({ path: '/late_table' })).status).toBe(404);
      await stack.db.exec(
        'create table public.late_table (id int primary key); insert into public.late_table values (7);',
      );
      await stack.rest.reloadSchemaCache();
      expect(json(await stack.call({ path: '/late_table' }))).toEqual([{ id: 7 }]);
    });
  });
});
