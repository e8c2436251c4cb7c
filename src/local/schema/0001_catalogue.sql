-- rocket-sim reference backend 0001: the static game catalogue (gameplay-backend.md §5.1, §5.4).
-- Rarity tiers, rocket sections, part variants, box tiers and their drop weights. Public read,
-- written only by the owner/service role.

create table public.rarity_tiers (
  id smallint primary key check (id between 1 and 8),
  name text not null unique,
  multiplier numeric(6,2) not null check (multiplier > 0),
  base_box_price_flux numeric(38,18) not null check (base_box_price_flux > 0),
  attr_floor smallint not null check (attr_floor between 1 and 100),
  attr_cap smallint not null check (attr_cap between 1 and 100),
  attr_bias numeric(6,3) not null check (attr_bias > 0),
  drop_curve_exponent numeric(6,3) not null check (drop_curve_exponent > 0),
  created_at timestamptz not null default now(),
  check (attr_floor <= attr_cap)
);

insert into public.rarity_tiers (id, name, multiplier, base_box_price_flux, attr_floor, attr_cap, attr_bias, drop_curve_exponent) values
  (1, 'Common',    1.00,  10, 18,  58, 0.78, 1.08),
  (2, 'Uncommon',  1.25,  25, 26,  66, 0.90, 1.12),
  (3, 'Rare',      1.60,  50, 36,  74, 1.02, 1.28),
  (4, 'Epic',      2.00, 100, 46,  82, 1.14, 1.40),
  (5, 'Legendary', 2.50, 200, 56,  88, 1.28, 1.56),
  (6, 'Mythic',    3.20, 350, 66,  93, 1.42, 1.72),
  (7, 'Celestial', 4.00, 500, 76,  97, 1.58, 1.88),
  (8, 'Quantum',   5.00, 750, 84, 100, 1.76, 2.04);

create table public.rocket_sections (
  id smallint primary key,
  key text not null unique,
  name text not null,
  sort_order smallint not null,
  created_at timestamptz not null default now()
);

insert into public.rocket_sections (id, key, name, sort_order) values
  (1, 'coreEngine',       'Core Engine',       1),
  (2, 'wingPlate',        'Wing Plate',        2),
  (3, 'fuelCell',         'Fuel Cell',         3),
  (4, 'navigationModule', 'Navigation Module', 4),
  (5, 'payloadBay',       'Payload Bay',       5),
  (6, 'thrusterArray',    'Thruster Array',    6),
  (7, 'propulsionCables', 'Propulsion Cables', 7),
  (8, 'shielding',        'Shielding',         8);

create table public.part_variants (
  id smallint primary key check (id between 1 and 64),
  section_id smallint not null references public.rocket_sections (id),
  variant_index smallint not null check (variant_index between 1 and 8),
  name text not null unique,
  attr1_name text not null,
  attr2_name text not null,
  attr3_name text not null,
  created_at timestamptz not null default now(),
  unique (section_id, variant_index)
);
create index part_variants_section_id_idx on public.part_variants (section_id);

-- Variant id = (section - 1) * 8 + index; attribute names are shared within a section.
insert into public.part_variants (id, section_id, variant_index, name, attr1_name, attr2_name, attr3_name)
select (s.section_id - 1) * 8 + v.ord, s.section_id, v.ord, v.name, s.a1, s.a2, s.a3
from (values
  (1, 'Thrust',          'Efficiency',     'Stability',
      array['Ion Pulse Core', 'Fusion Drive Core', 'Plasma Torus Core', 'Antimatter Heart',
            'Graviton Core', 'Quasar Reactor', 'Nebula Furnace', 'Singularity Engine']),
  (2, 'Lift',            'Drag Control',   'Durability',
      array['Carbon Wing Plate', 'Titanium Fin', 'Aero Blade', 'Delta Vane',
            'Solar Sail Plate', 'Comet Wing', 'Nova Airfoil', 'Eclipse Wing']),
  (3, 'Capacity',        'Energy Density', 'Recharge Rate',
      array['Hydrogen Cell', 'Lithium Stack', 'Photon Battery', 'Helium-3 Cell',
            'Dark Matter Cell', 'Tachyon Capacitor', 'Stellar Accumulator', 'Zero-Point Cell']),
  (4, 'Precision',       'Scan Range',     'Processing',
      array['Gyro Compass', 'Star Tracker', 'Lidar Array', 'Quantum Gyroscope',
            'Pulsar Locator', 'Deep Space Oracle', 'Chrono Navigator', 'Wormhole Mapper']),
  (5, 'Capacity',        'Security',       'Load Balance',
      array['Cargo Pod', 'Modular Hold', 'Cryo Vault', 'Magnetic Cradle',
            'Stasis Chamber', 'Orbital Locker', 'Void Hold', 'Dimensional Bay']),
  (6, 'Maneuverability', 'Burst Power',    'Response Time',
      array['Cold Gas Jets', 'Vernier Cluster', 'Hall Thrusters', 'Ion Thruster Ring',
            'Plasma Jets', 'Ramjet Array', 'Warp Nozzles', 'Photon Thrusters']),
  (7, 'Conductivity',    'Flexibility',    'Heat Resistance',
      array['Copper Harness', 'Silver Braid', 'Graphene Bundle', 'Superconductor Line',
            'Plasma Conduit', 'Nanotube Weave', 'Flux Tether', 'Entangled Filament']),
  (8, 'Deflection',      'Regeneration',   'Radiation Block',
      array['Ceramic Tiles', 'Kevlar Mesh', 'Ablative Shell', 'Magnetic Barrier',
            'Plasma Shield', 'Deflector Dome', 'Graviton Aegis', 'Event Horizon Shield'])
) as s(section_id, a1, a2, a3, names)
cross join lateral unnest(s.names) with ordinality as v(name, ord);

create table public.box_tiers (
  id text primary key,
  rarity_tier_id smallint not null references public.rarity_tiers (id),
  name text not null,
  tagline text not null,
  rewards_description text[] not null,
  possible_stats jsonb not null default '[]'::jsonb,
  sort_order smallint not null,
  created_at timestamptz not null default now()
);

insert into public.box_tiers (id, rarity_tier_id, name, tagline, rewards_description, possible_stats, sort_order) values
  ('common', 1, 'Void Crate', 'Salvage drifting in the void.',
    array['Mostly Common parts', 'Some Uncommon parts', 'A rare chance at a Rare part'],
    '["Common", "Uncommon", "Rare"]', 1),
  ('uncommon', 2, 'Stellar Cache', 'A cache recovered from a dying star.',
    array['Mostly Uncommon parts', 'Common and Rare parts', 'A slim chance at an Epic part'],
    '["Common", "Uncommon", "Rare", "Epic"]', 2),
  ('rare', 3, 'Star Vault Box', 'Sealed vaults from the star forges.',
    array['Mostly Rare parts', 'Uncommon and Epic parts', 'A chance at a Legendary part'],
    '["Uncommon", "Rare", "Epic", "Legendary"]', 3),
  ('epic', 4, 'Astral Chest', 'Every chest holds an auction-grade part.',
    array['Mostly Epic parts', 'Rare and Legendary parts', 'A chance at a Mythic part'],
    '["Rare", "Epic", "Legendary", "Mythic"]', 4),
  ('legendary', 5, 'Solaris Vault', 'Forged in the heart of a sun.',
    array['Mostly Legendary parts', 'Epic and Mythic parts', 'A chance at a Celestial part'],
    '["Epic", "Legendary", "Mythic", "Celestial"]', 5),
  ('mythic', 6, 'Nova Reliquary', 'Relics thrown out by a supernova.',
    array['Mostly Mythic parts', 'Legendary and Celestial parts', 'A chance at a Quantum part'],
    '["Legendary", "Mythic", "Celestial", "Quantum"]', 6),
  ('celestial', 7, 'Aurora Ark', 'An ark drifting through the aurora.',
    array['Mostly Celestial parts', 'Mythic and Quantum parts'],
    '["Mythic", "Celestial", "Quantum"]', 7),
  ('quantum', 8, 'Prism Singularity', 'Reality folds; only the finest parts survive.',
    array['Mostly Quantum parts', 'Celestial parts'],
    '["Celestial", "Quantum"]', 8);

create table public.box_drop_weights (
  box_tier_id text not null references public.box_tiers (id) on delete cascade,
  rarity_tier_id smallint not null references public.rarity_tiers (id),
  weight numeric(10,4) not null check (weight > 0),
  created_at timestamptz not null default now(),
  primary key (box_tier_id, rarity_tier_id)
);

insert into public.box_drop_weights (box_tier_id, rarity_tier_id, weight) values
  ('common', 1, 2), ('common', 2, 2), ('common', 3, 1),
  ('uncommon', 1, 1), ('uncommon', 2, 2), ('uncommon', 3, 2), ('uncommon', 4, 1),
  ('rare', 2, 1), ('rare', 3, 2), ('rare', 4, 2), ('rare', 5, 1),
  ('epic', 3, 1), ('epic', 4, 2), ('epic', 5, 2), ('epic', 6, 1),
  ('legendary', 4, 1), ('legendary', 5, 2), ('legendary', 6, 2), ('legendary', 7, 1),
  ('mythic', 5, 1), ('mythic', 6, 2), ('mythic', 7, 2), ('mythic', 8, 1),
  ('celestial', 6, 1), ('celestial', 7, 2), ('celestial', 8, 2),
  ('quantum', 7, 1), ('quantum', 8, 3);

-- Grants and RLS (§7.2): public read, service role writes.
do $$
declare
  t text;
begin
  foreach t in array array['rarity_tiers', 'rocket_sections', 'part_variants', 'box_tiers', 'box_drop_weights'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from anon, authenticated', t);
    execute format('grant select on public.%I to anon, authenticated', t);
    execute format('grant all on public.%I to service_role', t);
    execute format('create policy %I on public.%I for select to anon, authenticated using (true)', t || '_public_read', t);
  end loop;
end
$$;
