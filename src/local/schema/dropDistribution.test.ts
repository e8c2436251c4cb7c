/** @module The mystery-box drop algorithm (§2.3): rarity distribution per box against §5.4, part attributes, serial traits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  callRpcTextIn,
  createWeb3User,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  withRole,
  type Web3User,
} from '../../../test/support/schema/index.ts';

/** §5.4: expected drop probabilities in percent (jitter ignored), rarity 1..8. */
const EXPECTED: Record<string, Record<number, number>> = {
  common: { 1: 70.7, 2: 24.7, 3: 4.6 },
  uncommon: { 1: 28.3, 2: 59.7, 3: 10.1, 4: 1.9 },
  rare: { 2: 26.5, 3: 51.7, 4: 18.1, 5: 3.7 },
  epic: { 3: 27.4, 4: 51.0, 5: 17.8, 6: 3.8 },
  legendary: { 4: 28.3, 5: 50.2, 6: 17.6, 7: 3.9 },
  mythic: { 5: 29.1, 6: 49.5, 7: 17.3, 8: 4.1 },
  celestial: { 6: 31.1, 7: 51.1, 8: 17.9 },
  quantum: { 7: 33.9, 8: 66.1 },
};
const DRAWS = 2000;

let db: Db;
let opener: Web3User;

async function drawCounts(tier: string, seed: number): Promise<Map<number, number>> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('select setseed($1)', [seed]);
    return tx.query<{ rarity: number; n: number }>(
      `select rarity::int as rarity, count(*)::int as n
         from (select public.draw_box_drop_rarity($1) as rarity from generate_series(1, $2::int)) draws
        group by rarity`,
      [tier, DRAWS],
    );
  });
  return new Map(rows.map((row) => [row.rarity, row.n]));
}

beforeAll(async () => {
  db = await openSchemaDatabase();
  opener = await createWeb3User(db, 'drop-opener');
  await callRpc(db, userCaller(opener), 'record_flux_faucet_claim', faucetClaimArgs(opener.wallet, 1000000, 0));
});

afterAll(async () => {
  await db.close();
});

describe('drop distribution', () => {
  it.each(Object.entries(EXPECTED))(
    '%s box: every rarity within 5 points of the contract table over 2,000 seeded draws',
    async (tier, expected) => {
      const counts = await drawCounts(tier, 0.2718);
      const seen = [...counts.keys()].sort();
      expect(seen).toEqual(Object.keys(expected).map(Number));
      for (const [rarity, percent] of Object.entries(expected)) {
        const observed = ((counts.get(Number(rarity)) ?? 0) / DRAWS) * 100;
        expect(
          Math.abs(observed - percent),
          `${tier} rarity ${rarity}: ${observed.toFixed(1)} % vs ${percent} %`,
        ).toBeLessThanOrEqual(5);
      }
    },
  );

  it('is reproducible for a seed', async () => {
    expect(await drawCounts('rare', 0.5)).toEqual(await drawCounts('rare', 0.5));
  });

  it('is what open_mystery_box uses: the same seed gives the same rarity through the RPC', async () => {
    const direct = await db.transaction(async (tx) => {
      await tx.query('select setseed(0.33)');
      const rows = await tx.query<{ rarity: number }>(`select public.draw_box_drop_rarity('legendary')::int as rarity`);
      return rows[0]?.rarity;
    });
    const viaRpc = await withRole(db, userCaller(opener), async (tx) => {
      await tx.query('select setseed(0.33)');
      const result = JSON.parse(
        await callRpcTextIn(tx, 'open_mystery_box', { p_wallet_address: opener.wallet, p_box_tier_id: 'legendary' }),
      ) as {
        part: { rarity_tier_id: number };
      };
      return result.part.rarity_tier_id;
    });
    expect(viaRpc).toBe(direct);
  });
});

describe('minted parts', () => {
  it('follow the attribute, power, value and serial rules for every rarity', async () => {
    for (const tier of Object.keys(EXPECTED)) {
      for (let i = 0; i < 12; i++) {
        await callRpc(db, userCaller(opener), 'open_mystery_box', {
          p_wallet_address: opener.wallet,
          p_box_tier_id: tier,
        });
      }
    }
    const violations = await db.query(
      `select p.id, p.rarity_tier_id, p.attr1, p.attr2, p.attr3, p.total_power, p.part_value::text, p.serial_number::text
         from public.inventory_parts p
         join public.rarity_tiers r on r.id = p.rarity_tier_id
         join public.part_variants v on v.id = p.variant_id
        where p.wallet_address = $1
          and (least(p.attr1, p.attr2, p.attr3) < r.attr_floor
               or greatest(p.attr1, p.attr2, p.attr3) > r.attr_cap
               or p.total_power <> p.attr1 + p.attr2 + p.attr3
               or p.part_value <> round(p.total_power * r.multiplier, 2)
               or p.is_shiny <> (p.serial_number::text ~ '(\\d)\\1')
               or p.serial_trait <> public.compute_inventory_serial_trait(p.serial_number)
               or p.condition_pct <> 100 or p.is_locked or p.is_equipped)`,
      [opener.wallet],
    );
    expect(violations).toEqual([]);
    const spread = await db.query<{ parts: number; serials: number; sections: number; variants: number }>(
      `select count(*)::int as parts, count(distinct serial_number)::int as serials,
              count(distinct v.section_id)::int as sections, count(distinct p.variant_id)::int as variants
         from public.inventory_parts p join public.part_variants v on v.id = p.variant_id
        where p.wallet_address = $1`,
      [opener.wallet],
    );
    expect(spread[0]).toMatchObject({ parts: 97, serials: 97, sections: 8 });
    expect(spread[0]?.variants).toBeGreaterThan(30);
  });

  it('derive shiny and trait labels from the serial digits only', async () => {
    const rows = await db.query(
      `select s::text as serial, public.is_inventory_part_shiny(s) as shiny, public.compute_inventory_serial_trait(s) as trait
         from unnest(array[7, 1223, 1234, 4321, 12321, 7777, 5000, 1357]::bigint[]) as s`,
    );
    expect(rows).toEqual([
      { serial: '7', shiny: false, trait: 'founder' },
      { serial: '1223', shiny: true, trait: 'standard' },
      { serial: '1234', shiny: false, trait: 'ascending' },
      { serial: '4321', shiny: false, trait: 'descending' },
      { serial: '12321', shiny: false, trait: 'palindrome' },
      { serial: '7777', shiny: true, trait: 'solid' },
      { serial: '5000', shiny: true, trait: 'milestone' },
      { serial: '1357', shiny: false, trait: 'standard' },
    ]);
  });
});
