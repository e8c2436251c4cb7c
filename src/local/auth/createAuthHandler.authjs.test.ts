import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyBootstrap, createPgliteDb, type Db } from '../db/index.ts';
import {
  createAuthFixture,
  signerA,
  signerB,
  web3Body,
  type AuthFixture,
} from '../../../test/support/local/authFixture.ts';

// auth-js (through supabase-js) against the handler over loopback HTTP: its message builder,
// headers, error parsing and session handling must all accept what the emulation answers
let db: Db;
let auth: AuthFixture;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  // auth-js judges token expiry by Date.now(): pin it to the handler's clock (only Date is faked)
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-29T00:05:00.000Z'));
  db = await createPgliteDb();
  await applyBootstrap(db);
  auth = await createAuthFixture(db);
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const response = await auth.handler({
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/auth\/v1/, '') || '/',
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
      ip: '127.0.0.1',
      apikeyRole: 'anon',
    });
    res.writeHead(response.status, response.headers);
    res.end(response.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.useRealTimers();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

const client = () =>
  createClient(baseUrl, 'anon-key', {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

/** An EIP-1193 wallet over a viem account, as auth-js talks to browser wallets. */
const wallet = {
  address: signerA.address,
  async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
    if (method === 'eth_requestAccounts') return [signerA.address];
    if (method === 'eth_chainId') return '0x1';
    if (method === 'personal_sign')
      return signerA.signMessage({ message: { raw: (params as `0x${string}`[])[0] ?? '0x' } });
    throw new Error(`unexpected wallet method ${method}`);
  },
  on: () => undefined,
  removeListener: () => undefined,
};

describe('auth-js against the emulated GoTrue', () => {
  it('signs in with its own SIWE message, reads the user, refreshes and signs out', async () => {
    const supabase = client();
    const { data, error } = await supabase.auth.signInWithWeb3({
      chain: 'ethereum',
      wallet,
      statement: 'Sign in to the game',
      options: { url: 'https://supabase.com/', signInWithEthereum: { nonce: 'abcdef123456', issuedAt: new Date() } },
    });
    expect(error).toBeNull();
    // auth-js lower-cases the address it puts in the message, so that is the identity's key
    expect(data.user?.identities?.[0]?.id).toBe(`web3:ethereum:${signerA.address.toLowerCase()}`);
    expect(data.session?.expires_in).toBe(3600);

    const { data: fetched, error: getError } = await supabase.auth.getUser();
    expect(getError).toBeNull();
    expect(fetched.user?.id).toBe(data.user?.id);
    expect(fetched.user?.user_metadata.custom_claims).toMatchObject({
      chain: 'ethereum',
      domain: 'supabase.com',
      network: '1',
    });

    const { data: refreshed, error: refreshError } = await supabase.auth.refreshSession();
    expect(refreshError).toBeNull();
    expect(refreshed.session?.refresh_token).not.toBe(data.session?.refresh_token);

    const oldAccessToken = refreshed.session?.access_token ?? '';
    expect((await supabase.auth.signOut()).error).toBeNull();
    const { error: afterSignOut } = await client().auth.getUser(oldAccessToken);
    // auth-js maps the 403 session_not_found it can read from the echoed API version header
    expect(afterSignOut?.name).toBe('AuthSessionMissingError');
  });

  it('surfaces GoTrue error codes and OAuth descriptions', async () => {
    const supabase = client();
    const tooShort = await supabase.auth.signInWithWeb3({ chain: 'ethereum', message: 'hello', signature: '0x00' });
    expect(tooShort.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'message is too short' });

    const { message, signature } = await web3Body(signerA, new Date(), { address: signerB.address });
    const wrongSigner = await supabase.auth.signInWithWeb3({
      chain: 'ethereum',
      message,
      signature: signature as `0x${string}`,
    });
    expect(wrongSigner.error).toMatchObject({ status: 400, message: 'Signature does not match address in message' });
  });
});
