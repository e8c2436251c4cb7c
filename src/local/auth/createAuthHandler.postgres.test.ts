import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBootstrap, createPostgresDb, createScratchDatabase, type Db, type ScratchDatabase } from '../db/index.ts';
import {
  authRequest,
  createAuthFixture,
  parseBody,
  signerA,
  web3Body,
  type AuthFixture,
} from '../../../test/support/local/authFixture.ts';

// the PostgreSQL 15 server of the development environment (trust auth)
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

let scratch: ScratchDatabase | undefined;
let db: Db | undefined;
let auth: AuthFixture;

beforeAll(async () => {
  scratch = await createScratchDatabase(SERVER_URL, 'auth');
  db = await createPostgresDb(scratch.url, { max: 6 });
  await applyBootstrap(db);
  auth = await createAuthFixture(db);
});
afterAll(async () => {
  await db?.close();
  await scratch?.drop();
});

describe('createAuthHandler on PostgreSQL (concurrent requests)', () => {
  it('turns concurrent first sign-ins of one address into one user and identity', async () => {
    const body = await web3Body(signerA, auth.clock.now);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        auth.handler(authRequest('POST', '/token', { query: { grant_type: 'web3' }, body })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(responses.map((response) => (parseBody(response).user as { id: string }).id)).size).toBe(1);
    expect(
      await db!.query(
        `select (select count(*)::int from auth.users) as users, (select count(*)::int from auth.identities) as identities, (select count(*)::int from auth.sessions) as sessions`,
      ),
    ).toEqual([{ users: 1, identities: 1, sessions: 4 }]);
  });

  it('serialises concurrent refreshes of one token: one rotation, the others get the active token', async () => {
    const signIn = parseBody(
      await auth.handler(
        authRequest('POST', '/token', { query: { grant_type: 'web3' }, body: await web3Body(signerA, auth.clock.now) }),
      ),
    );
    const body = { refresh_token: signIn.refresh_token };
    const responses = await Promise.all(
      Array.from({ length: 3 }, () =>
        auth.handler(authRequest('POST', '/token', { query: { grant_type: 'refresh_token' }, body })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((response) => parseBody(response).refresh_token)).size).toBe(1);
    expect(
      await db!.query(`select count(*)::int as n from auth.refresh_tokens where parent = $1`, [signIn.refresh_token]),
    ).toEqual([{ n: 1 }]);
  });
});
