-- rocket-sim: leases on the managed wallet pool, so several processes (or cloud workers) sharing one
-- pool never drive the same wallet at once. A lease is (lease_owner, lease_expires_at): a claimer
-- takes free or expired active rows with FOR UPDATE SKIP LOCKED, renews them while it runs and
-- releases them at the end; a claimer that dies simply stops renewing and its wallets become free
-- when the lease expires.
--
-- Requires 20260228193000_add_managed_synthetic_wallet_pool.sql. Idempotent and additive: it adds
-- two nullable columns to sim_wallet_keys (existing rows stay unleased), indexes and service-role
-- functions; running it again, or on a pool written by the legacy worker, changes no row.

-- Lease columns --------------------------------------------------------------------------------
alter table public.sim_wallet_keys add column if not exists lease_owner text;
alter table public.sim_wallet_keys add column if not exists lease_expires_at timestamptz;

do $$
begin
  if not exists (
    select 1 from pg_constraint
    where conname = 'sim_wallet_keys_lease_check' and conrelid = 'public.sim_wallet_keys'::regclass
  ) then
    alter table public.sim_wallet_keys add constraint sim_wallet_keys_lease_check check (
      (lease_owner is null) = (lease_expires_at is null) and (lease_owner is null or btrim(lease_owner) <> '')
    );
  end if;
end
$$;

-- renew/release look rows up by owner; claims scan active rows in claim order
create index if not exists sim_wallet_keys_lease_owner_idx
  on public.sim_wallet_keys (lease_owner, lease_expires_at) where lease_owner is not null;
create index if not exists sim_wallet_keys_claim_order_idx
  on public.sim_wallet_keys (last_used_at asc nulls first, created_at, id) where status = 'active';

-- claim_sim_wallets ----------------------------------------------------------------------------
-- Leases up to p_count active wallets whose lease is free or expired, least recently used first,
-- and returns their encrypted keys and profiles. Rows locked by a concurrent claim are skipped,
-- so concurrent claimers always receive disjoint sets (possibly fewer rows than asked for).
create or replace function public.claim_sim_wallets(p_owner text, p_count integer, p_lease_seconds integer)
returns table (
  wallet_address text,
  private_key_ciphertext text,
  private_key_iv text,
  private_key_auth_tag text,
  private_key_kid text,
  source text,
  lease_expires_at timestamptz,
  persona_name text,
  aggression_score integer,
  box_open_bias integer,
  auction_bid_bias integer
)
language plpgsql
volatile
set search_path = public
as $$
#variable_conflict use_column
declare
  v_owner text := btrim(p_owner);
  v_expires timestamptz;
begin
  if v_owner is null or v_owner = '' or length(v_owner) > 200 then
    raise exception 'p_owner must be a non-blank lease owner of at most 200 characters' using errcode = '22023';
  end if;
  if p_count is null or p_count < 1 or p_count > 10000 then
    raise exception 'p_count must be between 1 and 10000 (got %)', coalesce(p_count::text, 'null') using errcode = '22023';
  end if;
  if p_lease_seconds is null or p_lease_seconds < 5 or p_lease_seconds > 86400 then
    raise exception 'p_lease_seconds must be between 5 and 86400 (got %)', coalesce(p_lease_seconds::text, 'null') using errcode = '22023';
  end if;
  v_expires := now() + make_interval(secs => p_lease_seconds);

  return query
  with picked as (
    select k.id
    from public.sim_wallet_keys k
    where k.status = 'active' and (k.lease_expires_at is null or k.lease_expires_at <= now())
    order by k.last_used_at asc nulls first, k.created_at asc, k.id asc
    limit p_count
    for update of k skip locked
  ), claimed as (
    update public.sim_wallet_keys k
    set lease_owner = v_owner, lease_expires_at = v_expires
    from picked
    where k.id = picked.id
    returning k.id, k.wallet_address, k.private_key_ciphertext, k.private_key_iv, k.private_key_auth_tag,
      k.private_key_kid, k.source, k.lease_expires_at, k.last_used_at, k.created_at
  )
  select c.wallet_address, c.private_key_ciphertext, c.private_key_iv, c.private_key_auth_tag, c.private_key_kid,
    c.source, c.lease_expires_at, p.persona_name, p.aggression_score, p.box_open_bias, p.auction_bid_bias
  from claimed c
  left join public.sim_wallet_profiles p on p.wallet_address = c.wallet_address
  order by c.last_used_at asc nulls first, c.created_at asc, c.id asc;
end
$$;

-- renew_sim_wallet_leases ----------------------------------------------------------------------
-- Extends the owner's unexpired leases; returns how many it holds now. An expired lease is lost
-- even if nobody has claimed it yet: the owner learns it from a count lower than it expected.
create or replace function public.renew_sim_wallet_leases(p_owner text, p_lease_seconds integer)
returns integer
language plpgsql
volatile
set search_path = public
as $$
declare
  v_owner text := btrim(p_owner);
  v_count integer;
begin
  if v_owner is null or v_owner = '' or length(v_owner) > 200 then
    raise exception 'p_owner must be a non-blank lease owner of at most 200 characters' using errcode = '22023';
  end if;
  if p_lease_seconds is null or p_lease_seconds < 5 or p_lease_seconds > 86400 then
    raise exception 'p_lease_seconds must be between 5 and 86400 (got %)', coalesce(p_lease_seconds::text, 'null') using errcode = '22023';
  end if;
  update public.sim_wallet_keys k
  set lease_expires_at = now() + make_interval(secs => p_lease_seconds)
  where k.lease_owner = v_owner and k.lease_expires_at > now() and k.status = 'active';
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- release_sim_wallet_leases --------------------------------------------------------------------
-- Frees the owner's leases (all of them, or only the listed wallets); returns how many it freed.
create or replace function public.release_sim_wallet_leases(p_owner text, p_wallets text[] default null)
returns integer
language plpgsql
volatile
set search_path = public
as $$
declare
  v_owner text := btrim(p_owner);
  v_count integer;
begin
  if v_owner is null or v_owner = '' or length(v_owner) > 200 then
    raise exception 'p_owner must be a non-blank lease owner of at most 200 characters' using errcode = '22023';
  end if;
  update public.sim_wallet_keys k
  set lease_owner = null, lease_expires_at = null
  where k.lease_owner = v_owner
    and (p_wallets is null or k.wallet_address = any (array(select lower(btrim(w)) from unnest(p_wallets) as w)));
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- reencrypt_sim_wallet_keys --------------------------------------------------------------------
-- Key rotation writes one batch per call. Each element replaces a row's encrypted key only if the
-- row still holds the ciphertext the client decrypted (same kid and IV): a rotation that is
-- interrupted, re-run or raced by another one never overwrites newer data, and one call is atomic.
-- Elements: {wallet_address, expected_kid, expected_iv, private_key_ciphertext, private_key_iv,
-- private_key_auth_tag, private_key_kid}. Returns the number of rows rewritten.
create or replace function public.reencrypt_sim_wallet_keys(p_rows jsonb)
returns integer
language plpgsql
volatile
set search_path = public
as $$
declare
  v_count integer;
begin
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' then
    raise exception 'p_rows must be a JSON array of re-encrypted rows' using errcode = '22023';
  end if;
  if jsonb_array_length(p_rows) > 10000 then
    raise exception 'p_rows must hold at most 10000 rows (got %)', jsonb_array_length(p_rows) using errcode = '22023';
  end if;
  update public.sim_wallet_keys k
  set private_key_ciphertext = r.private_key_ciphertext,
      private_key_iv = r.private_key_iv,
      private_key_auth_tag = r.private_key_auth_tag,
      private_key_kid = r.private_key_kid
  from jsonb_to_recordset(p_rows) as r(
    wallet_address text, expected_kid text, expected_iv text,
    private_key_ciphertext text, private_key_iv text, private_key_auth_tag text, private_key_kid text
  )
  where k.wallet_address = r.wallet_address
    and k.private_key_kid = r.expected_kid
    and k.private_key_iv = r.expected_iv;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- sim_wallet_pool_status -----------------------------------------------------------------------
-- Counts for `rocket-sim pool status` and pool growth, in one round trip (PostgREST caps row reads at 1000).
create or replace function public.sim_wallet_pool_status()
returns jsonb
language sql
stable
set search_path = public
as $$
  select jsonb_build_object(
    'total', (select count(*) from public.sim_wallet_keys),
    'byStatus', coalesce((select jsonb_object_agg(s.status, s.n) from (
      select status, count(*) as n from public.sim_wallet_keys group by status) s), '{}'::jsonb),
    'byKid', coalesce((select jsonb_object_agg(s.kid, s.n) from (
      select private_key_kid as kid, count(*) as n from public.sim_wallet_keys group by private_key_kid) s), '{}'::jsonb),
    'bySource', coalesce((select jsonb_object_agg(s.source, s.n) from (
      select source, count(*) as n from public.sim_wallet_keys group by source) s), '{}'::jsonb),
    'leasedNow', (select count(*) from public.sim_wallet_keys where lease_expires_at > now()),
    'leaseOwners', coalesce((select jsonb_object_agg(s.owner, s.n) from (
      select lease_owner as owner, count(*) as n from public.sim_wallet_keys
      where lease_expires_at > now() group by lease_owner) s), '{}'::jsonb),
    'activeFree', (select count(*) from public.sim_wallet_keys
      where status = 'active' and (lease_expires_at is null or lease_expires_at <= now()))
  )
$$;

-- Service role only: Supabase's default privileges grant new functions to anon and authenticated.
do $$
declare
  fn text;
begin
  foreach fn in array array[
    'public.claim_sim_wallets(text, integer, integer)',
    'public.renew_sim_wallet_leases(text, integer)',
    'public.release_sim_wallet_leases(text, text[])',
    'public.reencrypt_sim_wallet_keys(jsonb)',
    'public.sim_wallet_pool_status()'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', fn);
    execute format('grant execute on function %s to service_role', fn);
  end loop;
end
$$;

-- PostgREST picks up the new functions without a restart
notify pgrst, 'reload schema';
