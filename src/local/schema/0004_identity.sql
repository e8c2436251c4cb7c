-- rocket-sim reference backend 0004: caller identity and the shared balance helper
-- (gameplay-backend.md §1.4, §1.5). Both are service-role-only; the RPCs call them as owner.

-- Resolves the JWT caller and proves the wallet is linked to it in auth.identities (7 encodings).
create or replace function public.resolve_authenticated_wallet(p_wallet_address text)
returns table (auth_user_id uuid, wallet_address text)
language plpgsql
stable
security definer
set search_path = public
as $$
declare
  v_uid uuid := auth.uid();
  v_wallet text;
begin
  if v_uid is null then
    raise exception 'authenticated session required';
  end if;
  if p_wallet_address is null or btrim(p_wallet_address) = '' then
    raise exception 'p_wallet_address is required';
  end if;
  v_wallet := lower(btrim(p_wallet_address));
  if v_wallet !~ '^0x[0-9a-f]{40}$' then
    raise exception 'invalid wallet address format: %', p_wallet_address;
  end if;
  if not exists (
    select 1
    from auth.identities i
    where i.user_id = v_uid
      and (
        lower(i.provider_id) = v_wallet
        or lower(i.provider_id) = 'web3:ethereum:' || v_wallet
        or lower(i.identity_data ->> 'wallet_address') = v_wallet
        or lower(i.identity_data ->> 'address') = v_wallet
        or lower(i.identity_data ->> 'sub') = v_wallet
        or lower(i.identity_data ->> 'sub') = 'web3:ethereum:' || v_wallet
        or lower(i.identity_data -> 'custom_claims' ->> 'address') = v_wallet
      )
  ) then
    raise exception 'wallet does not belong to authenticated user';
  end if;
  return query select v_uid, v_wallet;
end
$$;

-- Creates/binds the wallet's balance row, locks it (per-wallet serialization of all balance
-- mutations) and grants the one-time whitelist bonus when a confirmed, active ETH lock exists.
create or replace function public.ensure_wallet_flux_balance_row(
  p_wallet_address text,
  p_auth_user_id uuid,
  p_whitelist_bonus_amount numeric default 0,
  p_client_timestamp timestamptz default null,
  p_user_agent text default null
)
returns public.wallet_flux_balances
language plpgsql
security definer
set search_path = public
as $$
declare
  v_bonus numeric := coalesce(p_whitelist_bonus_amount, 0);
  v_balance public.wallet_flux_balances;
begin
  if p_auth_user_id is null then
    raise exception 'p_auth_user_id is required';
  end if;
  if v_bonus < 0 or v_bonus > 1000000 then
    raise exception 'p_whitelist_bonus_amount is out of range';
  end if;

  insert into public.wallet_registry as r (wallet_address)
  values (p_wallet_address)
  on conflict (wallet_address) do update set last_seen_at = now();

  insert into public.wallet_flux_balances as b (wallet_address, auth_user_id)
  values (p_wallet_address, p_auth_user_id)
  on conflict (wallet_address) do update set auth_user_id = excluded.auth_user_id;

  select * into v_balance
  from public.wallet_flux_balances b
  where b.wallet_address = p_wallet_address
  for update;

  if v_balance.whitelist_bonus_granted_at is null
     and v_bonus > 0
     and exists (
       select 1 from public.eth_lock_submissions e
       where e.wallet_address = p_wallet_address and e.status = 'confirmed' and e.is_lock_active
     ) then
    insert into public.flux_ledger_entries (
      wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
      payload, client_timestamp, user_agent
    ) values (
      p_wallet_address, p_auth_user_id, 'whitelist_bonus', v_bonus, 'offchain_message', 'confirmed',
      jsonb_build_object('source', 'eth_lock_whitelist_bonus'), coalesce(p_client_timestamp, now()), p_user_agent
    );
    update public.wallet_flux_balances b
    set available_balance = b.available_balance + v_bonus,
        whitelist_bonus_granted_at = now(),
        updated_at = now()
    where b.wallet_address = p_wallet_address
    returning * into v_balance;
  end if;

  return v_balance;
end
$$;

revoke all on function public.resolve_authenticated_wallet(text) from public, anon, authenticated;
grant execute on function public.resolve_authenticated_wallet(text) to service_role;
revoke all on function public.ensure_wallet_flux_balance_row(text, uuid, numeric, timestamptz, text) from public, anon, authenticated;
grant execute on function public.ensure_wallet_flux_balance_row(text, uuid, numeric, timestamptz, text) to service_role;
