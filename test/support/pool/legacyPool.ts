/**
 * @module Test fixtures of a pool written by the legacy worker: its table DDL as a plain,
 * non-idempotent migration (other trigger and index names than ours, GENERATED ALWAYS ids) and its
 * encryption written independently with raw node:crypto, so tests prove compatibility rather than
 * round-trip our own code.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';

/** A legacy-style schema of the three tables, as a production project may hold it. */
export const LEGACY_POOL_SQL = `
create table public.sim_wallet_keys (
  id bigint generated always as identity primary key,
  wallet_address text not null unique check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  private_key_ciphertext text not null check (length(trim(private_key_ciphertext)) > 0),
  private_key_iv text not null check (length(trim(private_key_iv)) > 0),
  private_key_auth_tag text not null check (length(trim(private_key_auth_tag)) > 0),
  private_key_kid text not null default 'sim-local-v1' check (length(trim(private_key_kid)) > 0),
  source text not null default 'simulator_generated' check (source in ('env_import', 'simulator_generated', 'manual')),
  status text not null default 'active' check (status in ('active', 'inactive', 'retired', 'compromised')),
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sim_wallet_keys_status_idx on public.sim_wallet_keys (status, created_at);
create table public.sim_wallet_profiles (
  wallet_address text primary key references public.sim_wallet_keys (wallet_address) on delete cascade,
  persona_name text not null default 'SIM',
  aggression_score integer not null default 50 check (aggression_score between 0 and 100),
  box_open_bias integer not null default 50 check (box_open_bias between 0 and 100),
  auction_bid_bias integer not null default 50 check (auction_bid_bias between 0 and 100),
  launch_bias integer not null default 50 check (launch_bias between 0 and 100),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sim_wallet_profiles_active_idx on public.sim_wallet_profiles (active, wallet_address);
create table public.sim_activity_schedule (
  id bigint generated always as identity primary key,
  wallet_address text references public.sim_wallet_keys (wallet_address) on delete cascade,
  activity_type text not null check (activity_type in ('sync_balance', 'claim_faucet', 'open_box', 'submit_auction', 'place_bid', 'launch_rocket', 'seed_eth_lock')),
  scheduled_for timestamptz not null,
  executed_at timestamptz,
  status text not null default 'pending' check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
  payload jsonb default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sim_activity_schedule_status_idx on public.sim_activity_schedule (status, scheduled_for);
create function public.set_sim_updated_at() returns trigger language plpgsql as $$
begin new.updated_at = now(); return new; end $$;
create trigger sim_wallet_keys_set_updated_at before update on public.sim_wallet_keys for each row execute function public.set_sim_updated_at();
create trigger sim_wallet_profiles_set_updated_at before update on public.sim_wallet_profiles for each row execute function public.set_sim_updated_at();
alter table public.sim_wallet_keys enable row level security;
alter table public.sim_wallet_profiles enable row level security;
alter table public.sim_activity_schedule enable row level security;
revoke all on public.sim_wallet_keys, public.sim_wallet_profiles, public.sim_activity_schedule from anon, authenticated;
grant all on public.sim_wallet_keys, public.sim_wallet_profiles, public.sim_activity_schedule to service_role;
`;

/** The columns of a legacy-encrypted key row. */
export interface LegacyKeyRow {
  wallet_address: string;
  private_key_ciphertext: string;
  private_key_iv: string;
  private_key_auth_tag: string;
  private_key_kid: string;
}

/** The legacy worker's construction: AES-256-GCM over the `0x…` key string, random 12-byte IV, base64 fields. */
export function legacyEncrypt(privateKey: Hex, key: Buffer, kid = 'sim-local-v1'): LegacyKeyRow {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
  return {
    wallet_address: privateKeyToAddress(privateKey).toLowerCase(),
    private_key_ciphertext: ciphertext.toString('base64'),
    private_key_iv: iv.toString('base64'),
    private_key_auth_tag: cipher.getAuthTag().toString('base64'),
    private_key_kid: kid,
  };
}
