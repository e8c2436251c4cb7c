/**
 * Role statement timeouts and the PostgREST-sized pool on the PostgreSQL backend, as a hosted
 * project has them: anon 3 s and authenticated 8 s (the roles' settings, applied per request), a
 * slow RPC past its role's timeout answered with PostgREST's 57014 error, and at most `dbPool`
 * connections however many requests arrive. The timeouts are lowered in the database for the test
 * (as a project would, with `alter role`), so nothing sleeps 8 s. PGlite cannot cancel a running
 * statement: there the stack says so (`statementTimeouts` in local_stack_ready, docs/local-stack.md).
 */
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiweMessage } from '../src/auth/createSiweMessage.ts';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/index.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { ROOT } from './support/runResults.ts';

const serverUrl = process.env.DATABASE_URL;
const POOL = 2;

describe.skipIf(!serverUrl)('statement timeouts and the pool on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let stack: LocalStack;
  let admin: pg.Pool;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!, 'timeouts');
    stack = await startLocalStack({
      port: 0,
      schema: 'none',
      auction: false,
      databaseUrl: scratch.url,
      dbPool: POOL,
      migrations: [`${ROOT}test/fixtures/slow-rpc-migrations`],
    });
    admin = new pg.Pool({ connectionString: scratch.url, max: 1 });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await admin?.end();
    await scratch?.drop();
  });

  const rpc = (token: string, seconds: number) =>
    fetch(`${stack.url}/rest/v1/rpc/slow_rpc`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ p_seconds: seconds }),
    });

  async function userToken(): Promise<string> {
    const supabase = createClient(stack.url, stack.anonKey, { auth: { persistSession: false } });
    const account = privateKeyToAccount(generatePrivateKey());
    const message = createSiweMessage({
      domain: 'localhost:3000',
      address: account.address.toLowerCase(),
      uri: 'http://localhost:3000/',
      chainId: 1,
      nonce: 'b'.repeat(32),
      issuedAt: new Date(),
    });
    const signIn = await supabase.auth.signInWithWeb3({
      chain: 'ethereum',
      message,
      signature: await account.signMessage({ message }),
    });
    expect(signIn.error).toBeNull();
    return signIn.data.session!.access_token;
  }

  it('runs each request under its role timeout: anon 3 s, authenticated 8 s by default', async () => {
    const token = await userToken();
    expect(await (await rpc(stack.anonKey, 0)).json()).toBe('3s');
    expect(await (await rpc(token, 0)).json()).toBe('8s');
  });

  it("answers a slow RPC past the authenticated role's timeout with PostgREST's 57014 error", async () => {
    // what the default 8 s would do to a 9-s RPC, at 200 ms
    await admin.query(`alter role authenticated set statement_timeout = '200ms'`);
    const reload = await fetch(`${stack.url}/_rocket/schema-cache/reload`, {
      method: 'POST',
      headers: { apikey: stack.serviceRoleKey, authorization: `Bearer ${stack.serviceRoleKey}` },
    });
    expect(reload.status).toBe(200);
    const token = await userToken();
    const slow = await rpc(token, 9);
    expect(slow.status).toBe(500);
    expect(await slow.json()).toEqual({
      code: '57014',
      details: null,
      hint: null,
      message: 'canceling statement due to statement timeout',
    });
    // the service role has no timeout of its own (authenticator's 8 s is the session baseline)
    expect(await (await rpc(stack.serviceRoleKey, 0.3)).json()).toBe('8s');
    // supabase-js reads it as a PostgrestError
    const client = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false },
      global: { headers: { authorization: `Bearer ${token}` } },
    });
    const viaJs = await client.rpc('slow_rpc', { p_seconds: 9 });
    expect(viaJs.status).toBe(500);
    expect(viaJs.error).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
  });

  it(`holds at most --db-pool (${POOL}) connections; further requests queue and succeed`, async () => {
    const count = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'rocket-sim-local'`,
          )
        ).rows[0]!.n,
      );
    let done = false;
    const samples: number[] = [];
    const sampling = (async () => {
      for (let i = 0; i < 200 && !done; i++) {
        samples.push(await count());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const answers = await Promise.all(Array.from({ length: 6 }, () => rpc(stack.serviceRoleKey, 0.3)));
    done = true;
    await sampling;
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(Math.max(...samples)).toBeLessThanOrEqual(POOL);
    expect(Math.max(...samples)).toBeGreaterThan(0);
  });
});
