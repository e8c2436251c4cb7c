/**
 * The embedded stack as users meet it: `rocket-sim local` in the foreground, supabase-js
 * signing in with a viem-signed SIWE message, the reference game through `.rpc()`, the service
 * key through `.from()`, and a third-party migration folder through `--migrations`; on PGlite and,
 * with DATABASE_URL, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiweMessage } from '../src/auth/createSiweMessage.ts';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/index.ts';
import { ROOT } from './support/runResults.ts';

interface Ready {
  event: string;
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  backend: string;
}

const backends = [{ name: 'pglite', databaseUrl: undefined as string | undefined }];
if (process.env.DATABASE_URL) backends.push({ name: 'postgres', databaseUrl: process.env.DATABASE_URL });

function siwe(address: string, uri: string) {
  return createSiweMessage({
    domain: new URL(uri).host,
    address,
    uri,
    chainId: 1,
    nonce: 'a'.repeat(32),
    issuedAt: new Date(),
  });
}

describe.each(backends)('rocket-sim local on $name', ({ databaseUrl }) => {
  const cwd = mkdtempSync(join(tmpdir(), 'rocket-sim-local-'));
  let scratch: ScratchDatabase | undefined;
  let child: ReturnType<typeof spawn>;
  let ready: Ready;
  let stderr = '';
  const exited = () =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
    );

  beforeAll(async () => {
    if (databaseUrl) scratch = await createScratchDatabase(databaseUrl, 'local_e2e');
    const args = [
      join(ROOT, 'bin', 'rocket-sim.js'),
      'local',
      '--port',
      '0',
      '--migrations',
      join(ROOT, 'test', 'fixtures', 'third-party-migrations'),
    ];
    if (scratch) args.push('--database-url', scratch.url);
    child = spawn(process.execPath, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    ready = await new Promise<Ready>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').find((candidate) => candidate.includes('local_stack_ready'));
        if (line) resolve(JSON.parse(line) as Ready);
      });
      child.once('exit', (code) => reject(new Error(`rocket-sim local exited ${code}: ${stderr}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited();
    }
    await scratch?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('prints the ready line with the local supabase keys and writes .rocket-sim/local.json', () => {
    expect(ready).toMatchObject({ event: 'local_stack_ready', backend: databaseUrl ? 'postgres' : 'pglite' });
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.anonKey).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
    );
    expect(JSON.parse(readFileSync(join(cwd, '.rocket-sim', 'local.json'), 'utf8'))).toMatchObject({
      url: ready.url,
      serviceRoleKey: ready.serviceRoleKey,
    });
  });

  it('serves supabase-js: web3 sign-in, getUser, refresh, an RPC, and service-key upsert and read', async () => {
    const supabase: SupabaseClient = createClient(ready.url, ready.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siwe(account.address.toLowerCase(), 'http://localhost:3000/');
    const signature = await account.signMessage({ message });
    const signIn = await supabase.auth.signInWithWeb3({ chain: 'ethereum', message, signature });
    expect(signIn.error).toBeNull();
    const userId = signIn.data.user!.id;
    const user = await supabase.auth.getUser();
    expect(user.data.user?.identities?.[0]).toMatchObject({
      provider: 'web3',
      id: `web3:ethereum:${account.address.toLowerCase()}`,
    });
    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(signIn.data.session?.refresh_token);

    const sync = await supabase.rpc('sync_wallet_flux_balance', { p_wallet_address: account.address });
    expect(sync.error).toBeNull();
    expect(sync.data).toMatchObject({
      wallet_address: account.address.toLowerCase(),
      auth_user_id: userId,
      available_balance: 0,
    });

    const service = createClient(ready.url, ready.serviceRoleKey, { auth: { persistSession: false } });
    const wallet = account.address.toLowerCase();
    const upsert = await service
      .from('wallet_registry')
      .upsert({ wallet_address: wallet }, { onConflict: 'wallet_address' });
    expect(upsert.error).toBeNull();
    const read = await service
      .from('wallet_flux_balances')
      .select('wallet_address, available_balance')
      .eq('wallet_address', wallet)
      .single();
    expect(read.data).toMatchObject({ wallet_address: wallet });
    const denied = await supabase.from('wallet_flux_balances').select('*');
    expect(denied.error?.code).toBe('42501');
  });

  it('rejects the same message signed by another key', async () => {
    const supabase = createClient(ready.url, ready.anonKey, { auth: { persistSession: false } });
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siwe(account.address.toLowerCase(), 'http://localhost:3000/');
    const signature = await privateKeyToAccount(generatePrivateKey()).signMessage({ message });
    const response = await fetch(`${ready.url}/auth/v1/token?grant_type=web3`, {
      method: 'POST',
      headers: { apikey: ready.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ chain: 'ethereum', message, signature }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Signature does not match address in message',
    });
    const viaJs = await supabase.auth.signInWithWeb3({ chain: 'ethereum', message, signature });
    expect(viaJs.error?.message).toBe('Signature does not match address in message');
  });

  it('applies a third-party migration folder that works through the HTTP API', async () => {
    const supabase = createClient(ready.url, ready.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siwe(account.address.toLowerCase(), 'http://localhost:3000/');
    const { data } = await supabase.auth.signInWithWeb3({
      chain: 'ethereum',
      message,
      signature: await account.signMessage({ message }),
    });
    const profile = await supabase.from('profiles').select('id, wallet').single();
    expect(profile.data).toEqual({ id: data.user!.id, wallet: account.address.toLowerCase() });
    const added = await supabase.rpc('add_note', { p_body: 'hello' });
    expect(added.data).toMatchObject({ count: 1 });
    const notes = await supabase.from('notes').select('body');
    expect(notes.data).toEqual([{ body: 'hello' }]);
    const anon = createClient(ready.url, ready.anonKey, { auth: { persistSession: false } });
    const anonCall = await anon.rpc('add_note', { p_body: 'x' });
    expect(anonCall.status).toBe(401);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited()).toBe(0);
    expect(existsSync(join(cwd, '.rocket-sim', 'local.json'))).toBe(true);
  });
});
