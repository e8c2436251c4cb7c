-- rocket-sim reference backend 0007: the auction RPCs submit_auction_item, get_active_auction and
-- place_auction_bid (gameplay-backend.md §2.5–§2.7).

create or replace function public.submit_auction_item(
  p_wallet_address text,
  p_part_id uuid,
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
  v_part public.inventory_parts;
  v_round public.auction_rounds;
  v_submission_id bigint;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  if p_part_id is null then
    raise exception 'p_part_id is required';
  end if;

  select * into v_part
  from public.inventory_parts p
  where p.id = p_part_id and p.wallet_address = v_wallet and p.auth_user_id = v_uid
  for update;
  if not found then
    raise exception 'part not found or not owned by wallet';
  end if;
  if v_part.is_locked then
    raise exception 'part is already locked (submitted to another auction)';
  end if;
  if v_part.is_equipped then
    raise exception 'part is currently equipped; unequip before submitting';
  end if;
  if v_part.rarity_tier_id < 3 then
    raise exception 'part rarity must be Rare (tier 3) or above to auction';
  end if;

  -- Locking the round serializes all submissions of a round.
  select * into v_round
  from public.auction_rounds r
  where r.status = 'accepting_submissions' and r.starts_at <= now() and now() < r.submission_ends_at
  order by r.starts_at desc, r.id desc
  limit 1
  for update;
  if not found then
    raise exception 'no active auction round accepting submissions';
  end if;

  if exists (
    select 1 from public.auction_submissions s where s.round_id = v_round.id and s.wallet_address = v_wallet
  ) then
    raise exception 'already submitted a part for this auction round';
  end if;

  update public.inventory_parts p set is_locked = true, updated_at = now() where p.id = v_part.id;

  insert into public.auction_submissions (round_id, wallet_address, auth_user_id, part_id, rarity_tier_id, part_value)
  values (v_round.id, v_wallet, v_uid, v_part.id, v_part.rarity_tier_id, v_part.part_value)
  returning id into v_submission_id;

  return jsonb_build_object(
    'submission_id', v_submission_id,
    'round_id', v_round.id,
    'part_id', v_part.id,
    'status', 'submitted');
end
$$;

create or replace function public.get_active_auction()
returns jsonb
language plpgsql
stable
security definer
set search_path = public
as $$
declare
  v_round public.auction_rounds;
  v_part jsonb;
  v_bids jsonb;
  v_highest numeric;
  v_count integer;
begin
  select * into v_round
  from public.auction_rounds r
  where r.status in ('accepting_submissions', 'bidding') and r.ends_at > now()
  order by r.starts_at desc, r.id desc
  limit 1;
  if not found then
    return jsonb_build_object('status', 'no_active_round');
  end if;

  if v_round.selected_part_id is not null then
    select jsonb_build_object(
      'id', p.id,
      'name', v.name,
      'section_name', s.name,
      'rarity', rt.name,
      'rarity_tier_id', p.rarity_tier_id,
      'attr1', p.attr1,
      'attr2', p.attr2,
      'attr3', p.attr3,
      'attr1_name', v.attr1_name,
      'attr2_name', v.attr2_name,
      'attr3_name', v.attr3_name,
      'part_value', p.part_value,
      'total_power', p.total_power,
      'serial_number', p.serial_number,
      'is_shiny', p.is_shiny,
      'submitted_by', v_round.selected_by_wallet)
    into v_part
    from public.inventory_parts p
    join public.part_variants v on v.id = p.variant_id
    join public.rocket_sections s on s.id = v.section_id
    join public.rarity_tiers rt on rt.id = p.rarity_tier_id
    where p.id = v_round.selected_part_id;
  end if;

  select
    coalesce(jsonb_agg(jsonb_build_object(
      'id', b.id, 'wallet', b.wallet_address, 'amount', b.amount, 'created_at', b.created_at)
      order by b.created_at desc, b.id desc), '[]'::jsonb),
    coalesce(max(b.amount), 0),
    count(*)
  into v_bids, v_highest, v_count
  from public.auction_bids b
  where b.round_id = v_round.id and not b.is_refunded;

  return jsonb_build_object(
    'round_id', v_round.id,
    'status', v_round.status,
    'starts_at', v_round.starts_at,
    'submission_ends_at', v_round.submission_ends_at,
    'ends_at', v_round.ends_at,
    'bidding_opens_at', v_round.bidding_opens_at,
    'part', v_part,
    'bids', v_bids,
    'current_highest_bid', v_highest,
    'bid_count', v_count);
end
$$;

create or replace function public.place_auction_bid(
  p_wallet_address text,
  p_round_id bigint,
  p_amount numeric,
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
  v_existing public.flux_ledger_entries;
  v_balance public.wallet_flux_balances;
  v_round public.auction_rounds;
  v_previous public.auction_bids;
  v_has_previous boolean;
  v_highest numeric;
  v_min numeric;
  v_delta numeric;
  v_ledger_id bigint;
  v_bid_id bigint;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  -- A replay echoes the request's round/amount, not the stored bid.
  if v_key is not null then
    select * into v_existing from public.flux_ledger_entries l where l.idempotency_key = v_key;
    if found then
      select * into v_balance from public.wallet_flux_balances b where b.wallet_address = v_existing.wallet_address;
      return jsonb_build_object(
        'bid_id', coalesce((select b.id from public.auction_bids b where b.escrow_ledger_id = v_existing.id
                            order by b.id desc limit 1), 0),
        'round_id', p_round_id,
        'amount', p_amount,
        'min_next_bid', p_amount + round(p_amount * 0.05, 2),
        'balance', to_jsonb(v_balance));
    end if;
  end if;

  if p_round_id is null then
    raise exception 'p_round_id is required';
  end if;
  if p_amount is null or p_amount <= 0 then
    raise exception 'p_amount must be greater than zero';
  end if;
  if p_amount <> round(p_amount, 2) then
    raise exception 'bid must use at most 2 decimal places';
  end if;
  if p_amount > 100000 then
    raise exception 'bid must be less than or equal to 100000 Flux';
  end if;

  -- Locking the round serializes all bids of a round.
  select * into v_round
  from public.auction_rounds r
  where r.id = p_round_id and r.status = 'bidding' and r.ends_at > now()
  for update;
  if not found then
    raise exception 'auction round is not currently accepting bids';
  end if;
  if v_round.selected_by_wallet = v_wallet then
    raise exception 'cannot bid on your own submitted item';
  end if;

  select max(b.amount) into v_highest
  from public.auction_bids b
  where b.round_id = v_round.id and not b.is_refunded;
  if coalesce(v_highest, 0) > 0 then
    v_min := v_highest + round(v_highest * 0.05, 2);
  else
    v_min := 1;
  end if;
  if p_amount < v_min then
    raise exception 'bid must be at least % Flux (current highest + 5%%)', v_min::numeric(38,18);
  end if;

  select * into v_previous
  from public.auction_bids b
  where b.round_id = v_round.id and b.wallet_address = v_wallet and not b.is_refunded
  order by b.id desc
  limit 1
  for update;
  v_has_previous := found;
  v_delta := p_amount - case when v_has_previous then v_previous.amount else 0 end;
  if v_delta <= 0 then
    raise exception 'new bid must exceed your previous bid';
  end if;

  v_balance := public.ensure_wallet_flux_balance_row(
    v_wallet, v_uid, p_whitelist_bonus_amount, p_client_timestamp, p_user_agent);
  if v_balance.available_balance - v_delta < 0 then
    raise exception 'insufficient flux balance';
  end if;

  -- The superseded bid's escrow carries over: no refund row, only the difference is debited.
  if v_has_previous then
    update public.auction_bids b set is_refunded = true where b.id = v_previous.id;
  end if;

  insert into public.flux_ledger_entries (
    wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
    payload, client_timestamp, user_agent, idempotency_key
  ) values (
    v_wallet, v_uid, 'adjustment', -v_delta, 'offchain_message', 'confirmed',
    jsonb_build_object('reason', 'auction_bid_escrow', 'context', jsonb_build_object(
      'round_id', v_round.id,
      'bid_amount', p_amount,
      'previous_bid', case when v_has_previous then v_previous.amount else 0 end,
      'effective_deduction', v_delta)),
    coalesce(p_client_timestamp, now()), p_user_agent, v_key
  )
  returning id into v_ledger_id;

  update public.wallet_flux_balances b
  set available_balance = b.available_balance - v_delta,
      lifetime_spent = b.lifetime_spent + v_delta,
      updated_at = now()
  where b.wallet_address = v_wallet
  returning * into v_balance;

  insert into public.auction_bids (round_id, wallet_address, auth_user_id, amount, escrow_ledger_id)
  values (v_round.id, v_wallet, v_uid, p_amount, v_ledger_id)
  returning id into v_bid_id;

  return jsonb_build_object(
    'bid_id', v_bid_id,
    'round_id', v_round.id,
    'amount', p_amount,
    'min_next_bid', p_amount + round(p_amount * 0.05, 2),
    'balance', to_jsonb(v_balance));
end
$$;

revoke all on function public.submit_auction_item(text, uuid, timestamptz, text) from public, anon;
grant execute on function public.submit_auction_item(text, uuid, timestamptz, text) to authenticated, service_role;
revoke all on function public.get_active_auction() from public, anon;
grant execute on function public.get_active_auction() to authenticated, service_role;
revoke all on function public.place_auction_bid(text, bigint, numeric, numeric, timestamptz, text, text) from public, anon;
grant execute on function public.place_auction_bid(text, bigint, numeric, numeric, timestamptz, text, text) to authenticated, service_role;
