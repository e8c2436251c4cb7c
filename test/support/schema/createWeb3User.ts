/** @module Creates auth users the way Supabase's Ethereum web3 grant does, for schema tests. */
import { createHash } from 'node:crypto';
import { getAddress } from 'viem';
import type { Queryable } from '../../../src/local/db/index.ts';

export interface Web3User {
  /** auth.users.id, the JWT `sub` */
  id: string;
  /** lowercase 0x address */
  wallet: string;
  /** EIP-55 form, as a viem-built SIWE message writes it */
  checksummed: string;
}

/** A deterministic address for a test label. */
export function labelAddress(label: string): string {
  return `0x${createHash('sha256').update(`wallet:${label}`).digest('hex').slice(0, 40)}`;
}

function labelUuid(label: string): string {
  const hex = createHash('sha256').update(`user:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Inserts `auth.users` + `auth.identities` shaped like GoTrue's web3 sign-in (provider 'web3',
 * provider_id 'web3:ethereum:<address as written>', identity_data {sub, custom_claims}).
 * `identityData` replaces the identity data, to exercise the other accepted encodings.
 */
export async function createWeb3User(
  db: Queryable,
  label: string,
  options: { identityData?: Record<string, unknown>; providerId?: string } = {},
): Promise<Web3User> {
  const wallet = labelAddress(label);
  const checksummed = getAddress(wallet);
  const id = labelUuid(label);
  const providerId = options.providerId ?? `web3:ethereum:${checksummed}`;
  const identityData = options.identityData ?? {
    sub: providerId,
    custom_claims: { address: checksummed, chain: 'ethereum', network: '1', domain: 'localhost', statement: null },
    email_verified: false,
    phone_verified: false,
  };
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, encrypted_password, raw_app_meta_data, raw_user_meta_data,
                             is_sso_user, is_anonymous, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', '',
             '{"provider":"web3","providers":["web3"]}', $2::jsonb, false, false, now(), now())`,
    [id, JSON.stringify(identityData)],
  );
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $2, $3::jsonb, 'web3', now(), now(), now())`,
    [providerId, id, JSON.stringify(identityData)],
  );
  return { id, wallet, checksummed };
}
