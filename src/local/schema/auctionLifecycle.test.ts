/** @module The auction round state machine (§3): cadence setting, selection order, empty and bid-less rounds, stalled ticks, re-finalization. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  createWeb3User,
  expireRoundPhase,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  type Web3User,
} from '../../../test/support/schema/index.ts';

const SERVICE = { role: 'service_role' } as const;

interface Tick {
  status: string;
  transitioned: { status: string; round_id: number; selected_part_id?: string }[];
  finalized: { status: string; round_id: number }[];
  started: { status: string; round_id?: number };
}

let db: Db;
const users: Web3User[] = [];

async function insertPart(owner: Web3User, rarity: number, attrs: [number, number, number]): Promise<string> {
  const power = attrs[0] + attrs[1] + attrs[2];
  const rows = await db.query<{ id: string }>(
    `insert into public.inventory_parts (wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3, part_value, total_power, source)
     values ($1, $2, 17, $3, $4, $5, $6, $7, $8, 'admin') returning id::text as id`,
    [owner.wallet, owner.id, rarity, attrs[0], attrs[1], attrs[2], power, power],
  );
  return rows[0]?.id ?? '';
}

const tick = () => callRpc<Tick>(db, SERVICE, 'run_auction_tick');
const submit = (user: Web3User, partId: string) =>
  callRpc(db, userCaller(user), 'submit_auction_item', { p_wallet_address: user.wallet, p_part_id: partId });

async function currentRound(): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `select id::int as id from public.auction_rounds where status in ('accepting_submissions', 'bidding') order by id desc limit 1`,
  );
  return rows[0]?.id ?? 0;
}

beforeAll(async () => {
  db = await openSchemaDatabase();
  for (const label of ['life-a', 'life-b', 'life-c', 'life-d']) {
    const user = await createWeb3User(db, label);
    await callRpc(db, userCaller(user), 'record_flux_faucet_claim', faucetClaimArgs(user.wallet, 500, 0));
    users.push(user);
  }
});

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  // every scenario starts from "no open round"
  await db.query(
    `update public.auction_rounds set status = 'completed' where status in ('accepting_submissions', 'bidding')`,
  );
});

function user(index: number): Web3User {
  const found = users[index];
  if (!found) throw new Error(`no test user ${index}`);
  return found;
}

describe('auction lifecycle', () => {
  it('reports no active round, then starts exactly one round with the configured cadence', async () => {
    expect(await callRpc(db, userCaller(user(0)), 'get_active_auction')).toEqual({ status: 'no_active_round' });
    await db.query(
      `update public.auction_settings set submission_window = '30 seconds', round_duration = '90 seconds'`,
    );
    const started = await callRpc<{ status: string; round_id: number }>(db, SERVICE, 'start_auction_round');
    expect(started).toMatchObject({ status: 'round_started', round_id: expect.any(Number) });
    expect(await callRpc(db, SERVICE, 'start_auction_round')).toEqual({ status: 'round_already_active' });
    const cadence = await db.query(
      `select extract(epoch from submission_ends_at - starts_at)::int as submissions, extract(epoch from ends_at - starts_at)::int as total,
              bidding_opens_at
         from public.auction_rounds where id = $1`,
      [started.round_id],
    );
    expect(cadence).toEqual([{ submissions: 30, total: 90, bidding_opens_at: null }]);
    await db.query(`update public.auction_settings set submission_window = '15 minutes', round_duration = '1 hour'`);
    expect(await callRpc(db, SERVICE, 'transition_auction_to_bidding', { p_round_id: started.round_id })).toEqual({
      status: 'round_not_ready_for_transition',
    });
    expect(await callRpc(db, SERVICE, 'finalize_auction')).toEqual({ status: 'no_round_to_finalize' });
  });

  it('ends an empty round as no_submissions and starts the next one in the same tick', async () => {
    const first = (await tick()).started.round_id ?? 0;
    await expireRoundPhase(db, first, 'submissions');
    const result = await tick();
    expect(result.transitioned).toEqual([{ status: 'no_submissions', round_id: first }]);
    expect(result.started).toMatchObject({ status: 'round_started' });
    expect(result.started.round_id).toBeGreaterThan(first);
  });

  it('selects by total power, then rarity, then submission age, and unlocks the rest', async () => {
    const roundId = (await tick()).started.round_id ?? 0;
    const weaker = await insertPart(user(0), 5, [60, 60, 60]); // 180
    const lowerRarity = await insertPart(user(1), 3, [70, 70, 70]); // 210, rarity 3
    const winner = await insertPart(user(2), 4, [70, 70, 70]); // 210, rarity 4, earlier
    const younger = await insertPart(user(3), 4, [70, 70, 70]); // 210, rarity 4, later
    await submit(user(0), weaker);
    await submit(user(1), lowerRarity);
    await submit(user(2), winner);
    await db.query(
      `update public.auction_submissions set created_at = created_at - interval '1 minute' where part_id = $1`,
      [winner],
    );
    await submit(user(3), younger);
    await expireRoundPhase(db, roundId, 'submissions');
    const result = await tick();
    expect(result.transitioned).toEqual([
      { status: 'bidding', round_id: roundId, selected_part_id: winner, selected_by_wallet: user(2).wallet },
    ]);
    const locks = await db.query<{ id: string; is_locked: boolean }>(
      `select id::text as id, is_locked from public.inventory_parts where id = any($1::uuid[]) order by is_locked desc`,
      [[weaker, lowerRarity, winner, younger]],
    );
    expect(locks.filter((part) => part.is_locked).map((part) => part.id)).toEqual([winner]);
    const bidding = await db.query(
      `select bidding_opens_at is not null as opened, selected_part_id::text as part from public.auction_rounds where id = $1`,
      [roundId],
    );
    expect(bidding).toEqual([{ opened: true, part: winner }]);
  });

  it('completes a bid-less round and unlocks its part', async () => {
    const roundId = (await tick()).started.round_id ?? 0;
    const part = await insertPart(user(0), 3, [40, 40, 40]);
    await submit(user(0), part);
    await expireRoundPhase(db, roundId, 'submissions');
    await tick();
    await expireRoundPhase(db, roundId, 'round');
    const result = await tick();
    expect(result.finalized).toEqual([{ status: 'completed_no_bids', round_id: roundId }]);
    const rows = await db.query(`select is_locked, source, wallet_address from public.inventory_parts where id = $1`, [
      part,
    ]);
    expect(rows).toEqual([{ is_locked: false, source: 'admin', wallet_address: user(0).wallet }]);
  });

  it('lets one late tick transition and finalize a round whose whole schedule has passed', async () => {
    const roundId = (await tick()).started.round_id ?? 0;
    const part = await insertPart(user(1), 3, [40, 41, 42]);
    await submit(user(1), part);
    await expireRoundPhase(db, roundId, 'round');
    const result = await tick();
    expect(result.transitioned).toMatchObject([{ status: 'bidding', round_id: roundId }]);
    expect(result.finalized).toEqual([{ status: 'completed_no_bids', round_id: roundId }]);
    expect(result.started.status).toBe('round_started');
  });

  it('credits nothing twice when a finalized round is finalized again', async () => {
    const roundId = (await tick()).started.round_id ?? 0;
    const part = await insertPart(user(2), 3, [50, 50, 50]);
    await submit(user(2), part);
    await expireRoundPhase(db, roundId, 'submissions');
    await tick();
    for (const [index, amount] of [
      [0, '5'],
      [1, '6'],
      [3, '7'],
    ] as const) {
      await callRpc(db, userCaller(user(index)), 'place_auction_bid', {
        p_wallet_address: user(index).wallet,
        p_round_id: roundId,
        p_amount: amount,
      });
    }
    await expireRoundPhase(db, roundId, 'round');
    await tick();
    const snapshot = () =>
      db.query(
        `select wallet_address, available_balance::text as available from public.wallet_flux_balances order by wallet_address`,
      );
    const ledgerRows = () => db.query<{ n: number }>('select count(*)::int as n from public.flux_ledger_entries');
    const balancesBefore = await snapshot();
    const ledgerBefore = await ledgerRows();

    // put the round back as if the first finalize had crashed after writing its ledger rows
    await db.query(`update public.auction_bids set is_refunded = false, is_winning = false where round_id = $1`, [
      roundId,
    ]);
    await db.query(
      `update public.auction_rounds set status = 'bidding', winning_bid_id = null, final_price = null, winner_wallet = null where id = $1`,
      [roundId],
    );
    expect(await callRpc(db, SERVICE, 'finalize_auction', { p_round_id: roundId })).toMatchObject({
      status: 'completed',
      final_price: 7,
    });

    expect(await snapshot()).toEqual(balancesBefore);
    expect(await ledgerRows()).toEqual(ledgerBefore);
    const refunds = await db.query(
      `select count(*)::int as n from public.auction_bids b join public.flux_ledger_entries l on l.id = b.refund_ledger_id
        where b.round_id = $1 and l.idempotency_key = 'finalize_refund:' || b.round_id || ':' || b.id`,
      [roundId],
    );
    expect(refunds).toEqual([{ n: 2 }]);
    const drift = await db.query('select count(*)::int as n from public.flux_ledger_reconciliation where has_drift');
    expect(drift).toEqual([{ n: 0 }]);
  });

  it('keeps the diagnostics view in step with the round', async () => {
    await tick();
    const roundId = await currentRound();
    const rows = await db.query(
      `select health, seconds_remaining > 0 as has_time, submission_count::int as submissions from public.auction_round_diagnostics where round_id = $1`,
      [roundId],
    );
    expect(rows).toEqual([{ health: 'active', has_time: true, submissions: 0 }]);
    await db.query(`update public.auction_rounds set ends_at = now() - interval '1 second' where id = $1`, [roundId]);
    const overdue = await db.query<{ health: string; seconds_remaining: number }>(
      `select health, seconds_remaining from public.auction_round_diagnostics where round_id = $1`,
      [roundId],
    );
    expect(overdue[0]?.health).toBe('overdue');
    const health = await db.query('select overdue_rounds::int as overdue from public.auction_scheduler_health');
    expect(health).toEqual([{ overdue: 1 }]);
  });
});
