-- rocket-sim reference backend 0008: the auction round lifecycle driven by run_auction_tick
-- (gameplay-backend.md §3). All service-role only.

create or replace function public.start_auction_round()
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_settings public.auction_settings;
  v_round public.auction_rounds;
begin
  if exists (
    select 1 from public.auction_rounds r
    where r.status in ('accepting_submissions', 'bidding') and r.ends_at > now()
  ) then
    return jsonb_build_object('status', 'round_already_active');
  end if;

  select * into v_settings from public.auction_settings s where s.id;
  insert into public.auction_rounds (status, starts_at, submission_ends_at, ends_at, bidding_opens_at)
  values (
    'accepting_submissions', now(),
    now() + coalesce(v_settings.submission_window, interval '15 minutes'),
    now() + coalesce(v_settings.round_duration, interval '1 hour'),
    null)
  returning * into v_round;

  return jsonb_build_object(
    'status', 'round_started',
    'round_id', v_round.id,
    'starts_at', v_round.starts_at,
    'submission_ends_at', v_round.submission_ends_at,
    'ends_at', v_round.ends_at);
end
$$;

create or replace function public.transition_auction_to_bidding(p_round_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_round public.auction_rounds;
  v_selected public.auction_submissions;
begin
  if p_round_id is null then
    raise exception 'p_round_id is required';
  end if;

  select * into v_round
  from public.auction_rounds r
  where r.id = p_round_id and r.status = 'accepting_submissions' and r.submission_ends_at <= now()
  for update;
  if not found then
    return jsonb_build_object('status', 'round_not_ready_for_transition');
  end if;

  select s.* into v_selected
  from public.auction_submissions s
  join public.inventory_parts p on p.id = s.part_id
  where s.round_id = v_round.id
  order by p.total_power desc, p.rarity_tier_id desc, s.created_at asc, s.id asc
  limit 1;
  if not found then
    update public.auction_rounds r set status = 'no_submissions', updated_at = now() where r.id = v_round.id;
    return jsonb_build_object('status', 'no_submissions', 'round_id', v_round.id);
  end if;

  update public.auction_submissions s set is_selected = true where s.id = v_selected.id;
  update public.inventory_parts p
  set is_locked = false, updated_at = now()
  where p.id in (select s.part_id from public.auction_submissions s where s.round_id = v_round.id and s.id <> v_selected.id);

  -- ends_at stays: a late transition shortens the bidding phase.
  update public.auction_rounds r
  set status = 'bidding',
      selected_part_id = v_selected.part_id,
      selected_by_wallet = v_selected.wallet_address,
      bidding_opens_at = now(),
      updated_at = now()
  where r.id = v_round.id;

  return jsonb_build_object(
    'status', 'bidding',
    'round_id', v_round.id,
    'selected_part_id', v_selected.part_id,
    'selected_by_wallet', v_selected.wallet_address);
end
$$;

create or replace function public.finalize_auction(p_round_id bigint default null)
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_round public.auction_rounds;
  v_selected public.auction_submissions;
  v_winner public.auction_bids;
  v_bid public.auction_bids;
  v_key text;
  v_ledger_id bigint;
begin
  select * into v_round
  from public.auction_rounds r
  where (p_round_id is null or r.id = p_round_id) and r.status = 'bidding' and r.ends_at <= now()
  order by r.ends_at, r.id
  limit 1
  for update;
  if not found then
    return jsonb_build_object('status', 'no_round_to_finalize');
  end if;

  select * into v_selected
  from public.auction_submissions s
  where s.round_id = v_round.id and s.is_selected
  order by s.id
  limit 1;
  if not found then
    raise exception 'auction round % is missing its selected submission', v_round.id;
  end if;

  update public.auction_rounds r set status = 'finalizing', updated_at = now() where r.id = v_round.id;

  -- Take the locks in the order every balance writer takes them (registry row, balance row, then
  -- the heartbeat row via the first trigger): the seller's registry row, then every balance this
  -- finalization credits in a fixed order. A caller holding its own rows while it waits for the
  -- heartbeat (any sync/box/bid) then cannot deadlock with us.
  perform 1 from public.wallet_registry r where r.wallet_address = v_selected.wallet_address for no key update;
  perform 1
  from public.wallet_flux_balances w
  where w.wallet_address in (
    select b.wallet_address from public.auction_bids b where b.round_id = v_round.id and not b.is_refunded
    union
    select v_selected.wallet_address)
  order by w.wallet_address
  for update;

  select * into v_winner
  from public.auction_bids b
  where b.round_id = v_round.id and not b.is_refunded
  order by b.amount desc, b.id asc
  limit 1
  for update;

  if not found then
    update public.inventory_parts p
    set is_locked = false, updated_at = now()
    where p.id in (select s.part_id from public.auction_submissions s where s.round_id = v_round.id);
    update public.auction_rounds r set status = 'completed', updated_at = now() where r.id = v_round.id;
    return jsonb_build_object('status', 'completed_no_bids', 'round_id', v_round.id);
  end if;

  perform public.ensure_wallet_flux_balance_row(v_selected.wallet_address, v_selected.auth_user_id);
  update public.auction_bids b set is_winning = true where b.id = v_winner.id;

  -- Losing live bids are refunded in full; the keys make a re-run credit nothing twice.
  for v_bid in
    select * from public.auction_bids b
    where b.round_id = v_round.id and not b.is_refunded and b.id <> v_winner.id
    order by b.id
    for update
  loop
    v_key := format('finalize_refund:%s:%s', v_round.id, v_bid.id);
    v_ledger_id := null;
    insert into public.flux_ledger_entries (
      wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
      payload, idempotency_key
    ) values (
      v_bid.wallet_address, v_bid.auth_user_id, 'adjustment', v_bid.amount, 'offchain_message', 'confirmed',
      jsonb_build_object('reason', 'auction_bid_refund',
        'context', jsonb_build_object('round_id', v_round.id, 'bid_id', v_bid.id)),
      v_key
    )
    on conflict (idempotency_key) where idempotency_key is not null do nothing
    returning id into v_ledger_id;
    if v_ledger_id is not null then
      update public.wallet_flux_balances w
      set available_balance = w.available_balance + v_bid.amount, updated_at = now()
      where w.wallet_address = v_bid.wallet_address;
    else
      select l.id into v_ledger_id from public.flux_ledger_entries l where l.idempotency_key = v_key;
    end if;
    update public.auction_bids b set is_refunded = true, refund_ledger_id = v_ledger_id where b.id = v_bid.id;
  end loop;

  update public.inventory_parts p
  set wallet_address = v_winner.wallet_address,
      auth_user_id = v_winner.auth_user_id,
      is_locked = false,
      source = 'auction_win',
      source_ref = v_round.id::text,
      updated_at = now()
  where p.id = v_selected.part_id;

  v_key := format('finalize_payout:%s:%s', v_round.id, v_winner.id);
  v_ledger_id := null;
  insert into public.flux_ledger_entries (
    wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
    payload, idempotency_key
  ) values (
    v_selected.wallet_address, v_selected.auth_user_id, 'adjustment', v_winner.amount, 'offchain_message', 'confirmed',
    jsonb_build_object('reason', 'auction_sale_proceeds', 'context', jsonb_build_object(
      'round_id', v_round.id, 'winning_bid_id', v_winner.id, 'buyer_wallet', v_winner.wallet_address)),
    v_key
  )
  on conflict (idempotency_key) where idempotency_key is not null do nothing
  returning id into v_ledger_id;
  if v_ledger_id is not null then
    update public.wallet_flux_balances w
    set available_balance = w.available_balance + v_winner.amount, updated_at = now()
    where w.wallet_address = v_selected.wallet_address;
  end if;

  update public.inventory_parts p
  set is_locked = false, updated_at = now()
  where p.id in (
    select s.part_id from public.auction_submissions s
    where s.round_id = v_round.id and s.id <> v_selected.id
  ) and p.is_locked;

  update public.auction_rounds r
  set status = 'completed',
      winning_bid_id = v_winner.id,
      final_price = v_winner.amount,
      winner_wallet = v_winner.wallet_address,
      updated_at = now()
  where r.id = v_round.id;

  return jsonb_build_object(
    'status', 'completed',
    'round_id', v_round.id,
    'winner', v_winner.wallet_address,
    'final_price', v_winner.amount,
    'part_id', v_selected.part_id);
end
$$;

-- One tick = one transaction: transitions, then finalizations, then (maybe) a new round.
create or replace function public.run_auction_tick()
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_round_id bigint;
  v_transitioned jsonb := '[]'::jsonb;
  v_finalized jsonb := '[]'::jsonb;
  v_started jsonb;
begin
  if not pg_try_advisory_xact_lock(628314, 1700) then
    return jsonb_build_object('status', 'busy', 'transitioned', '[]'::jsonb, 'finalized', '[]'::jsonb, 'started', null);
  end if;

  for v_round_id in
    select r.id from public.auction_rounds r
    where r.status = 'accepting_submissions' and r.submission_ends_at <= now()
    order by r.submission_ends_at, r.id
  loop
    v_transitioned := v_transitioned || jsonb_build_array(public.transition_auction_to_bidding(v_round_id));
  end loop;

  for v_round_id in
    select r.id from public.auction_rounds r
    where r.status = 'bidding' and r.ends_at <= now()
    order by r.ends_at, r.id
  loop
    v_finalized := v_finalized || jsonb_build_array(public.finalize_auction(v_round_id));
  end loop;

  v_started := public.start_auction_round();

  return jsonb_build_object(
    'status', 'ok',
    'transitioned', v_transitioned,
    'finalized', v_finalized,
    'started', v_started);
end
$$;

do $$
declare
  f text;
begin
  foreach f in array array[
    'public.start_auction_round()',
    'public.transition_auction_to_bidding(bigint)',
    'public.finalize_auction(bigint)',
    'public.run_auction_tick()'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', f);
    execute format('grant execute on function %s to service_role', f);
  end loop;
end
$$;
