-- rocket-sim reference backend 0009: operational views and run_flux_reconciliation
-- (gameplay-backend.md §6). Service-role only.

create or replace view public.flux_ledger_reconciliation as
select
  b.wallet_address,
  b.available_balance as recorded_balance,
  coalesce(l.ledger_sum, 0)::numeric(38,18) as ledger_sum,
  (b.available_balance - coalesce(l.ledger_sum, 0))::numeric(38,18) as drift,
  abs(b.available_balance - coalesce(l.ledger_sum, 0)) > 0.001 as has_drift,
  b.lifetime_claimed,
  b.lifetime_spent,
  b.updated_at as balance_updated_at,
  coalesce(l.entry_count, 0)::bigint as entry_count,
  l.last_entry_at
from public.wallet_flux_balances b
left join (
  select e.wallet_address, sum(e.amount_flux) as ledger_sum, count(*) as entry_count, max(e.created_at) as last_entry_at
  from public.flux_ledger_entries e
  group by e.wallet_address
) l on l.wallet_address = b.wallet_address
order by abs(b.available_balance - coalesce(l.ledger_sum, 0)) desc, b.wallet_address;

create or replace view public.auction_scheduler_health as
select
  (select count(*) from public.auction_rounds r
    where r.status in ('accepting_submissions', 'bidding') and r.ends_at > now()) as active_rounds,
  (select count(*) from public.auction_rounds r
    where r.status in ('accepting_submissions', 'bidding') and r.ends_at <= now()) as overdue_rounds,
  (select count(*) from public.auction_rounds r where r.status = 'finalizing') as stuck_finalizing,
  (select count(*) from public.auction_rounds r where r.status = 'completed') as completed_rounds,
  (select count(*) from public.auction_rounds r where r.status = 'no_submissions') as empty_rounds,
  (select max(r.created_at) from public.auction_rounds r) as last_round_created_at,
  (select max(r.updated_at) from public.auction_rounds r where r.status = 'completed') as last_round_completed_at,
  (select count(*) from public.auction_rounds r where r.created_at >= now() - interval '24 hours') as rounds_last_24h,
  (select count(*) from public.flux_ledger_reconciliation f where f.has_drift) as wallets_with_drift;

create or replace view public.auction_round_diagnostics as
select
  r.id as round_id,
  r.status,
  r.starts_at,
  r.submission_ends_at,
  r.bidding_opens_at,
  r.ends_at,
  r.created_at,
  r.updated_at,
  r.selected_part_id,
  r.selected_by_wallet,
  r.winning_bid_id,
  r.final_price,
  r.winner_wallet,
  case
    when r.status in ('accepting_submissions', 'bidding') and r.ends_at > now() then 'active'
    when r.status in ('accepting_submissions', 'bidding') then 'overdue'
    when r.status = 'finalizing' then 'settling'
    else r.status
  end as health,
  case
    when r.status = 'accepting_submissions'
      then greatest(0, floor(extract(epoch from (r.submission_ends_at - now()))))::integer
    when r.status = 'bidding'
      then greatest(0, floor(extract(epoch from (r.ends_at - now()))))::integer
    else 0
  end as seconds_remaining,
  (select count(*) from public.auction_submissions s where s.round_id = r.id) as submission_count,
  (select count(*) from public.auction_submissions s where s.round_id = r.id and s.is_selected) as selected_count,
  (select count(*) from public.auction_bids b where b.round_id = r.id and not b.is_refunded) as active_bid_count,
  (select count(*) from public.auction_bids b where b.round_id = r.id and b.is_refunded) as refunded_bid_count,
  (select max(b.amount) from public.auction_bids b where b.round_id = r.id and not b.is_refunded) as highest_active_bid,
  v.name as part_name,
  rt.name as part_rarity,
  p.part_value
from public.auction_rounds r
left join public.inventory_parts p on p.id = r.selected_part_id
left join public.part_variants v on v.id = p.variant_id
left join public.rarity_tiers rt on rt.id = p.rarity_tier_id
order by r.id desc;

create or replace function public.run_flux_reconciliation()
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_run_id uuid := gen_random_uuid();
  v_total integer;
  v_drift integer;
  v_max numeric;
begin
  insert into public.reconciliation_snapshots (
    run_id, wallet_address, expected_balance, actual_balance, delta, ledger_entry_count, last_ledger_entry_at, created_at
  )
  select v_run_id, b.wallet_address, coalesce(l.ledger_sum, 0), b.available_balance,
         b.available_balance - coalesce(l.ledger_sum, 0), coalesce(l.entry_count, 0), l.last_entry_at, now()
  from public.wallet_flux_balances b
  left join (
    select e.wallet_address, sum(e.amount_flux) as ledger_sum, count(*) as entry_count, max(e.created_at) as last_entry_at
    from public.flux_ledger_entries e
    group by e.wallet_address
  ) l on l.wallet_address = b.wallet_address;

  select count(*), count(*) filter (where s.delta <> 0), coalesce(max(abs(s.delta)), 0)
  into v_total, v_drift, v_max
  from public.reconciliation_snapshots s
  where s.run_id = v_run_id;

  return jsonb_build_object(
    'run_id', v_run_id,
    'total_wallets', v_total,
    'wallets_with_drift', v_drift,
    'max_absolute_drift', v_max,
    'created_at', now());
end
$$;

do $$
declare
  v text;
begin
  foreach v in array array['flux_ledger_reconciliation', 'auction_scheduler_health', 'auction_round_diagnostics'] loop
    execute format('revoke all on public.%I from anon, authenticated', v);
    execute format('grant all on public.%I to service_role', v);
  end loop;
end
$$;
revoke all on function public.run_flux_reconciliation() from public, anon, authenticated;
grant execute on function public.run_flux_reconciliation() to service_role;
