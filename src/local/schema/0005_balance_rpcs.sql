-- rocket-sim reference backend 0005: the balance RPCs sync_wallet_flux_balance and
-- record_flux_faucet_claim (gameplay-backend.md §2.1, §2.2).

create or replace function public.sync_wallet_flux_balance(
  p_wallet_address text,
  p_whitelist_bonus_amount numeric default 0,
  p_client_timestamp timestamptz default null,
  p_user_agent text default null
)
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_uid uuid;
  v_wallet text;
  v_balance public.wallet_flux_balances;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  v_balance := public.ensure_wallet_flux_balance_row(
    v_wallet, v_uid, p_whitelist_bonus_amount, p_client_timestamp, p_user_agent);
  return to_jsonb(v_balance);
end
$$;

create or replace function public.record_flux_faucet_claim(
  p_wallet_address text,
  p_claim_amount numeric,
  p_claim_window_seconds integer,
  p_settlement_kind text default 'offchain_message',
  p_settlement_status text default 'confirmed',
  p_signed_message text default null,
  p_signature text default null,
  p_message_nonce text default null,
  p_tx_hash text default null,
  p_chain_id bigint default null,
  p_whitelist_bonus_amount numeric default 0,
  p_client_timestamp timestamptz default null,
  p_user_agent text default null,
  p_idempotency_key text default null
)
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_uid uuid;
  v_wallet text;
  v_key text := nullif(btrim(p_idempotency_key), '');
  v_kind text := lower(btrim(coalesce(p_settlement_kind, '')));
  v_status text := lower(btrim(coalesce(p_settlement_status, '')));
  v_existing public.flux_ledger_entries;
  v_balance public.wallet_flux_balances;
  v_recent integer;
  v_ledger_id bigint;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  -- Idempotency keys are global: a replay returns the original row's wallet balance, unvalidated.
  if v_key is not null then
    select * into v_existing from public.flux_ledger_entries l where l.idempotency_key = v_key;
    if found then
      select * into v_balance from public.wallet_flux_balances b where b.wallet_address = v_existing.wallet_address;
      return to_jsonb(v_balance) || jsonb_build_object('ledger_entry_id', v_existing.id);
    end if;
  end if;

  if p_claim_amount is null or p_claim_amount <= 0 or p_claim_amount > 1000000 then
    raise exception 'p_claim_amount is out of range';
  end if;
  if p_claim_window_seconds is null or p_claim_window_seconds < 0 or p_claim_window_seconds > 604800 then
    raise exception 'p_claim_window_seconds is out of range';
  end if;
  if v_kind = '' then
    raise exception 'p_settlement_kind is required';
  end if;
  if v_kind not in ('offchain_message', 'onchain_transaction') then
    raise exception 'invalid p_settlement_kind: %', p_settlement_kind;
  end if;
  if v_status = '' then
    raise exception 'p_settlement_status is required';
  end if;
  if v_status not in ('pending', 'confirmed', 'failed') then
    raise exception 'invalid p_settlement_status: %', p_settlement_status;
  end if;

  if v_kind = 'offchain_message' then
    if v_status <> 'confirmed' then
      raise exception 'offchain_message claims must use confirmed settlement status';
    end if;
    if p_signed_message is null or btrim(p_signed_message) = '' then
      raise exception 'p_signed_message is required';
    end if;
    if p_signature is null or btrim(p_signature) = '' then
      raise exception 'p_signature is required';
    end if;
    if lower(btrim(p_signature)) !~ '^0x[0-9a-f]+$' then
      raise exception 'p_signature must be a hex string';
    end if;
    if p_message_nonce is null or btrim(p_message_nonce) = '' then
      raise exception 'p_message_nonce is required';
    end if;
  else
    if p_tx_hash is null or btrim(p_tx_hash) = '' then
      raise exception 'p_tx_hash is required';
    end if;
    if lower(btrim(p_tx_hash)) !~ '^0x[0-9a-f]{64}$' then
      raise exception 'p_tx_hash must be a 32-byte transaction hash';
    end if;
  end if;

  select count(*) into v_recent
  from public.flux_ledger_entries l
  where l.auth_user_id = v_uid
    and l.entry_type = 'faucet_claim'
    and l.created_at >= now() - interval '15 minutes';
  if v_recent >= 30 then
    raise exception 'rate limit exceeded for flux faucet claims';
  end if;

  v_balance := public.ensure_wallet_flux_balance_row(
    v_wallet, v_uid, p_whitelist_bonus_amount, p_client_timestamp, p_user_agent);

  if v_balance.last_faucet_claimed_at is not null
     and v_balance.last_faucet_claimed_at + make_interval(secs => p_claim_window_seconds) > now() then
    raise exception 'flux faucet claim is still on cooldown';
  end if;

  insert into public.flux_ledger_entries (
    wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
    signed_message, signature, message_nonce, tx_hash, payload, client_timestamp, user_agent, idempotency_key
  ) values (
    v_wallet, v_uid, 'faucet_claim', p_claim_amount, v_kind, v_status,
    case when v_kind = 'offchain_message' then p_signed_message end,
    case when v_kind = 'offchain_message' then lower(btrim(p_signature)) end,
    case when v_kind = 'offchain_message' then btrim(p_message_nonce) end,
    case when v_kind = 'onchain_transaction' then lower(btrim(p_tx_hash)) end,
    jsonb_build_object('claim_window_seconds', p_claim_window_seconds, 'chain_id', p_chain_id),
    coalesce(p_client_timestamp, now()), p_user_agent, v_key
  )
  returning id into v_ledger_id;

  if v_status = 'confirmed' then
    update public.wallet_flux_balances b
    set available_balance = b.available_balance + p_claim_amount,
        lifetime_claimed = b.lifetime_claimed + p_claim_amount,
        last_faucet_claimed_at = now(),
        updated_at = now()
    where b.wallet_address = v_wallet
    returning * into v_balance;
  end if;

  return to_jsonb(v_balance) || jsonb_build_object('ledger_entry_id', v_ledger_id);
end
$$;

revoke all on function public.sync_wallet_flux_balance(text, numeric, timestamptz, text) from public, anon;
grant execute on function public.sync_wallet_flux_balance(text, numeric, timestamptz, text) to authenticated, service_role;
revoke all on function public.record_flux_faucet_claim(text, numeric, integer, text, text, text, text, text, text, bigint, numeric, timestamptz, text, text) from public, anon;
grant execute on function public.record_flux_faucet_claim(text, numeric, integer, text, text, text, text, text, text, bigint, numeric, timestamptz, text, text) to authenticated, service_role;
