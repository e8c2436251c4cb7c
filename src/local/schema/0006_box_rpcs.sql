-- rocket-sim reference backend 0006: mystery boxes and the inventory read
-- (gameplay-backend.md §2.3, §2.4, §5.4).

-- The weighted rarity draw of §2.3, on its own so distribution tests exercise exactly what
-- open_mystery_box uses. NULL when no weight row is eligible.
create or replace function public.draw_box_drop_rarity(p_box_tier_id text)
returns smallint
language plpgsql
volatile
set search_path = public
as $$
declare
  v_box_rarity smallint;
  v_exponent double precision;
  -- uncommon boxes: 12 % of draws only consider rarity >= 3, the rest only rarity < 3
  v_band text := 'all';
  v_ids smallint[] := '{}';
  v_weights double precision[] := '{}';
  v_total double precision := 0;
  v_effective double precision;
  v_pick double precision;
  v_row record;
begin
  select b.rarity_tier_id, r.drop_curve_exponent::double precision into v_box_rarity, v_exponent
  from public.box_tiers b
  join public.rarity_tiers r on r.id = b.rarity_tier_id
  where b.id = p_box_tier_id;
  if not found then
    return null;
  end if;

  if p_box_tier_id = 'uncommon' then
    v_band := case when random() < 0.12 then 'high' else 'low' end;
  end if;

  for v_row in
    select w.rarity_tier_id, w.weight::double precision as weight
    from public.box_drop_weights w
    where w.box_tier_id = p_box_tier_id
      and (v_band = 'all'
        or (v_band = 'high' and w.rarity_tier_id >= 3)
        or (v_band = 'low' and w.rarity_tier_id < 3))
    order by w.rarity_tier_id
  loop
    v_effective := greatest(
      1e-4,
      power(v_row.weight, 1.0 / v_exponent)
        * power(0.88, greatest(0, v_box_rarity - v_row.rarity_tier_id))
        * power(0.35, greatest(0, v_row.rarity_tier_id - v_box_rarity))
        * (0.94 + random() * 0.12)
    );
    v_ids := v_ids || v_row.rarity_tier_id;
    v_weights := v_weights || v_effective;
    v_total := v_total + v_effective;
  end loop;

  if coalesce(array_length(v_ids, 1), 0) = 0 then
    return null;
  end if;

  v_pick := random() * v_total;
  for i in 1 .. array_length(v_ids, 1) loop
    v_pick := v_pick - v_weights[i];
    if v_pick < 0 then
      return v_ids[i];
    end if;
  end loop;
  return v_ids[array_length(v_ids, 1)];
end
$$;

-- The 26-key part object of §2.3 (live is_locked/is_equipped/source).
create or replace function public.inventory_part_payload(p_part public.inventory_parts)
returns jsonb
language sql
stable
set search_path = public
as $$
  select jsonb_build_object(
    'id', p_part.id,
    'variant_id', p_part.variant_id,
    'name', v.name,
    'section_key', s.key,
    'section_name', s.name,
    'rarity', r.name,
    'rarity_tier_id', p_part.rarity_tier_id,
    'attr1', p_part.attr1,
    'attr2', p_part.attr2,
    'attr3', p_part.attr3,
    'attr1_name', v.attr1_name,
    'attr2_name', v.attr2_name,
    'attr3_name', v.attr3_name,
    'total_power', p_part.total_power,
    'part_value', p_part.part_value,
    'serial_number', p_part.serial_number,
    'serial_trait', p_part.serial_trait,
    'is_shiny', p_part.is_shiny,
    'condition_pct', p_part.condition_pct,
    'is_locked', p_part.is_locked,
    'is_equipped', p_part.is_equipped,
    'source', p_part.source,
    'created_at', p_part.created_at,
    'illustration_key', s.key,
    'illustration_url', null,
    'illustration_alt', v.name
  )
  from public.part_variants v
  join public.rocket_sections s on s.id = v.section_id
  join public.rarity_tiers r on r.id = p_part.rarity_tier_id
  where v.id = p_part.variant_id
$$;

create or replace function public.open_mystery_box(
  p_wallet_address text,
  p_box_tier_id text,
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
  v_tier_id text;
  v_box_rarity smallint;
  v_price numeric;
  v_existing public.flux_ledger_entries;
  v_balance public.wallet_flux_balances;
  v_part public.inventory_parts;
  v_rarity public.rarity_tiers;
  v_drop_rarity smallint;
  v_section_id smallint;
  v_variant_id smallint;
  v_count integer;
  v_span integer;
  v_attrs smallint[] := '{}';
  v_ledger_id bigint;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  if v_key is not null then
    select * into v_existing from public.flux_ledger_entries l where l.idempotency_key = v_key;
    if found then
      select * into v_balance from public.wallet_flux_balances b where b.wallet_address = v_existing.wallet_address;
      select * into v_part from public.inventory_parts p
      where p.source = 'mystery_box' and p.source_ref = v_existing.id::text
      order by p.created_at desc, p.id desc
      limit 1;
      if found then
        return jsonb_build_object(
          'part', public.inventory_part_payload(v_part),
          'balance', to_jsonb(v_balance),
          'ledger_entry_id', v_existing.id);
      end if;
      return jsonb_build_object('balance', to_jsonb(v_balance), 'ledger_entry_id', v_existing.id);
    end if;
  end if;

  if p_box_tier_id is null or btrim(p_box_tier_id) = '' then
    raise exception 'p_box_tier_id is required';
  end if;
  v_tier_id := lower(btrim(p_box_tier_id));
  select b.rarity_tier_id, r.base_box_price_flux into v_box_rarity, v_price
  from public.box_tiers b
  join public.rarity_tiers r on r.id = b.rarity_tier_id
  where b.id = v_tier_id;
  if not found then
    raise exception 'invalid box tier: %', p_box_tier_id;
  end if;

  v_balance := public.ensure_wallet_flux_balance_row(
    v_wallet, v_uid, p_whitelist_bonus_amount, p_client_timestamp, p_user_agent);
  if v_balance.available_balance - v_price < 0 then
    raise exception 'insufficient flux balance';
  end if;

  if not exists (select 1 from public.box_drop_weights w where w.box_tier_id = v_tier_id) then
    raise exception 'drop table is not configured for box tier: %', v_tier_id;
  end if;
  v_drop_rarity := public.draw_box_drop_rarity(v_tier_id);
  if v_drop_rarity is null then
    raise exception 'failed to resolve drop rarity for box tier: %', v_tier_id;
  end if;
  select * into v_rarity from public.rarity_tiers r where r.id = v_drop_rarity;

  select count(*) into v_count from public.rocket_sections;
  select s.id into v_section_id
  from public.rocket_sections s
  order by s.id
  offset floor(random() * v_count)::integer
  limit 1;
  select count(*) into v_count from public.part_variants v where v.section_id = v_section_id;
  select v.id into v_variant_id
  from public.part_variants v
  where v.section_id = v_section_id
  order by v.id
  offset floor(random() * v_count)::integer
  limit 1;

  v_span := v_rarity.attr_cap - v_rarity.attr_floor;
  for i in 1 .. 3 loop
    v_attrs := v_attrs || (v_rarity.attr_floor + least(
      v_span,
      floor((1 - power(1 - random(), v_rarity.attr_bias::double precision)) * (v_span + 1))::integer
    ))::smallint;
  end loop;

  insert into public.flux_ledger_entries (
    wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status,
    payload, client_timestamp, user_agent, idempotency_key
  ) values (
    v_wallet, v_uid, 'adjustment', -v_price, 'offchain_message', 'confirmed',
    jsonb_build_object('reason', 'mystery_box_open',
      'context', jsonb_build_object('box_tier_id', v_tier_id, 'price_flux', v_price)),
    coalesce(p_client_timestamp, now()), p_user_agent, v_key
  )
  returning id into v_ledger_id;

  update public.wallet_flux_balances b
  set available_balance = b.available_balance - v_price,
      lifetime_spent = b.lifetime_spent + v_price,
      updated_at = now()
  where b.wallet_address = v_wallet
  returning * into v_balance;

  insert into public.inventory_parts (
    wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3, part_value,
    source, source_ref, is_equipped, is_locked, serial_number, total_power, condition_pct
  ) values (
    v_wallet, v_uid, v_variant_id, v_drop_rarity, v_attrs[1], v_attrs[2], v_attrs[3],
    round((v_attrs[1] + v_attrs[2] + v_attrs[3]) * v_rarity.multiplier, 2),
    'mystery_box', v_ledger_id::text, false, false,
    nextval('public.inventory_part_serial_number_seq'), v_attrs[1] + v_attrs[2] + v_attrs[3], 100
  )
  returning * into v_part;

  return jsonb_build_object(
    'part', public.inventory_part_payload(v_part),
    'balance', to_jsonb(v_balance),
    'ledger_entry_id', v_ledger_id);
end
$$;

create or replace function public.get_user_inventory(p_wallet_address text)
returns jsonb
language plpgsql
security definer
set search_path = public
as $$
declare
  v_uid uuid;
  v_wallet text;
begin
  select r.auth_user_id, r.wallet_address into v_uid, v_wallet
  from public.resolve_authenticated_wallet(p_wallet_address) r;

  return coalesce(
    (select jsonb_agg(
              public.inventory_part_payload(p) || jsonb_build_object('equipped_section_id', p.equipped_section_id)
              order by p.created_at desc, p.id desc)
     from public.inventory_parts p
     where p.wallet_address = v_wallet and p.auth_user_id = v_uid),
    '[]'::jsonb);
end
$$;

revoke all on function public.draw_box_drop_rarity(text) from public, anon, authenticated;
grant execute on function public.draw_box_drop_rarity(text) to service_role;
revoke all on function public.inventory_part_payload(public.inventory_parts) from public, anon, authenticated;
grant execute on function public.inventory_part_payload(public.inventory_parts) to service_role;
revoke all on function public.open_mystery_box(text, text, numeric, timestamptz, text, text) from public, anon;
grant execute on function public.open_mystery_box(text, text, numeric, timestamptz, text, text) to authenticated, service_role;
revoke all on function public.get_user_inventory(text) from public, anon;
grant execute on function public.get_user_inventory(text) to authenticated, service_role;
