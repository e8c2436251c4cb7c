/**
 * @module Signs fresh wallets in to a local stack over HTTP the way the player flow does: the
 * legacy SIWE message signed with viem, exchanged at `POST /auth/v1/token?grant_type=web3`.
 */
import { decodeJwt } from 'jose';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { randomNonce } from '../../src/auth/randomNonce.ts';
import { web3SignInBody } from '../../src/auth/web3SignInBody.ts';
import type { HttpClient } from './createHttpClient.ts';

/** A signed-in bench user. */
export interface BenchUser {
  /** lower-case 0x address */
  wallet: string;
  /** auth.users.id */
  id: string;
  accessToken: string;
  /** the access token's claims, as PostgREST puts them in `request.jwt.claims` */
  claims: Record<string, unknown>;
}

/** The SIWE origin the embedded stack accepts by default (its URI allow list covers http://localhost:*). */
const SIWE = { domain: 'localhost:3000', uri: 'http://localhost:3000', chainId: 1 } as const;

/** Signs in `count` new wallets one after another; throws on any non-200 answer. */
export async function signInUsers(client: HttpClient, anonKey: string, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const account = privateKeyToAccount(generatePrivateKey());
    const body = await web3SignInBody(account, { ...SIWE, nonce: randomNonce(), issuedAt: new Date() });
    const response = await client.send(
      'POST',
      '/auth/v1/token?grant_type=web3',
      { apikey: anonKey, authorization: `Bearer ${anonKey}` },
      body,
    );
    if (response.status !== 200)
      throw new Error(
        `web3 sign-in of bench user ${i + 1} answered ${response.status}: ${response.body.slice(0, 200)}`,
      );
    const session = JSON.parse(response.body) as { access_token: string; user: { id: string } };
    users.push({
      wallet: account.address.toLowerCase(),
      id: session.user.id,
      accessToken: session.access_token,
      claims: decodeJwt(session.access_token),
    });
  }
  return users;
}
