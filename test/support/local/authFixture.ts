/** @module Shared fixtures of the auth handler tests: a clocked handler, signed SIWE messages, requests. */
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import type { Db } from '../../../src/local/db/Db.ts';
import type { LocalRequest, LocalResponse } from '../../../src/local/http/types.ts';
import { createJwtService, type JwtService } from '../../../src/local/jwt.ts';
import { DEFAULT_JWT_SECRET } from '../../../src/local/keys.ts';
import type { AuthOptions } from '../../../src/local/auth/AuthContext.ts';
import { createAuthHandler } from '../../../src/local/auth/createAuthHandler.ts';

// fixed throwaway test keys
export const signerA = privateKeyToAccount('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
export const signerB = privateKeyToAccount('0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f');

export interface AuthFixture {
  handler: (request: LocalRequest) => Promise<LocalResponse>;
  jwt: JwtService;
  clock: { now: Date };
  advance(ms: number): void;
}

export async function createAuthFixture(db: Db, overrides: Partial<AuthOptions> = {}): Promise<AuthFixture> {
  const jwt = await createJwtService(DEFAULT_JWT_SECRET);
  const clock = { now: new Date('2025-03-29T00:05:00.000Z') };
  const handler = createAuthHandler({
    db,
    jwt,
    options: {
      siteUrl: 'https://example.netlify.com',
      uriAllowList: [
        'http://localhost:3000',
        'https://supabase.com/',
        'http://localhost:5173/',
        'https://supabase.com',
      ],
      accessTokenTtlSeconds: 3600,
      issuer: 'http://127.0.0.1:54321/auth/v1',
      maxValidityMs: 600_000,
      now: () => clock.now,
      ...overrides,
    },
  });
  return { handler, jwt, clock, advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)) };
}

export interface RequestInit {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

/** A request as the HTTP front hands it over; sends X-Supabase-Api-Version like auth-js unless overridden. */
export function authRequest(method: string, path: string, init: RequestInit = {}): LocalRequest {
  const body =
    init.body === undefined
      ? Buffer.alloc(0)
      : Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body), 'utf8');
  const headers = Object.fromEntries(
    Object.entries({
      'x-supabase-api-version': '2024-01-01',
      'user-agent': 'rocket-sim-test/1.0',
      ...init.headers,
    }).filter(([, value]) => value !== ''),
  );
  return {
    method,
    path,
    query: new URLSearchParams(init.query),
    headers,
    body,
    ip: init.ip ?? '127.0.0.1',
    apikeyRole: 'anon',
  };
}

function buildMessage(
  signer: PrivateKeyAccount,
  issuedAt: Date,
  options: { address?: string; statement?: string } = {},
): string {
  return [
    'supabase.com wants you to sign in with your Ethereum account:',
    options.address ?? signer.address,
    '',
    options.statement ?? 'Sign in to the game',
    '',
    'URI: https://supabase.com/',
    'Version: 1',
    'Chain ID: 1',
    'Nonce: abcdef123456',
    `Issued At: ${issuedAt.toISOString()}`,
  ].join('\n');
}

/** The body auth-js sends for `signInWithWeb3` (Ethereum). */
export async function web3Body(
  signer: PrivateKeyAccount,
  issuedAt: Date,
  options: { address?: string; statement?: string } = {},
) {
  const message = buildMessage(signer, issuedAt, options);
  return { chain: 'ethereum', message, signature: await signer.signMessage({ message }) };
}

export function parseBody(response: LocalResponse): Record<string, unknown> {
  return JSON.parse(String(response.body)) as Record<string, unknown>;
}
