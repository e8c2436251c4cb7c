/** @module A wallet signed in to a local stack over HTTP (supabase-js web3 grant), calling the gameplay RPCs as that user. */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { keccak256, toHex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { randomNonce } from '../../src/auth/randomNonce.ts';
import { web3SignInBody } from '../../src/auth/web3SignInBody.ts';

/** The SIWE origin the stack's default site URL (http://localhost:3000) accepts. */
const SIWE_URI = 'http://localhost:3000/';

/** A PostgREST error body exactly as the HTTP response carried it, with the response status. */
export interface RpcFailure {
  status: number;
  error: Record<string, unknown>;
}

export interface GameplayPlayer {
  label: string;
  account: PrivateKeyAccount;
  /** lower-case address, as every RPC answers it */
  wallet: string;
  /** auth.users id (the JWT `sub`) */
  userId: string;
  /** anon-key client holding this user's session */
  client: SupabaseClient;
  /** `POST /rest/v1/rpc/<fn>` expected to answer 200; returns the parsed body or throws naming the call */
  rpc<T = Record<string, unknown>>(fn: string, args?: Record<string, unknown>): Promise<T>;
  /** `POST /rest/v1/rpc/<fn>` expected to fail; returns the status and the untouched JSON error body */
  rpcFailure(fn: string, args?: Record<string, unknown>): Promise<RpcFailure>;
}

export interface StackEndpoint {
  url: string;
  anonKey: string;
}

/** A deterministic private key per label, so a test file always plays the same wallets. */
function labelKey(label: string) {
  return keccak256(toHex(`rocket-sim gameplay acceptance:${label}`));
}

/**
 * Signs `label`'s wallet in through `auth.signInWithWeb3` with the legacy SIWE message (lower-case
 * address, `localhost:3000`) and returns the player. Throws with the auth error when sign-in fails.
 */
export async function gameplayPlayer(stack: StackEndpoint, label: string): Promise<GameplayPlayer> {
  const account = privateKeyToAccount(labelKey(label));
  const client = createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const body = await web3SignInBody(account, {
    domain: new URL(SIWE_URI).host,
    uri: SIWE_URI,
    chainId: 1,
    nonce: randomNonce(),
    issuedAt: new Date(),
  });
  const signIn = await client.auth.signInWithWeb3({
    chain: 'ethereum',
    message: body.message,
    signature: body.signature,
  });
  if (signIn.error || !signIn.data.user)
    throw new Error(`sign-in of ${label} failed: ${signIn.error?.message ?? 'no user'}`);
  const userId = signIn.data.user.id;

  return {
    label,
    account,
    wallet: account.address.toLowerCase(),
    userId,
    client,
    async rpc<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
      const { data, error, status } = await client.rpc(fn, args);
      if (error || status !== 200) {
        throw new Error(`${label}: rpc ${fn} answered ${status}: ${JSON.stringify(error)}`);
      }
      return data as T;
    },
    async rpcFailure(fn: string, args: Record<string, unknown> = {}): Promise<RpcFailure> {
      const { data, error, status } = await client.rpc(fn, args);
      if (!error)
        throw new Error(`${label}: rpc ${fn} was expected to fail but answered ${status}: ${JSON.stringify(data)}`);
      return { status, error: { ...error } };
    },
  };
}
