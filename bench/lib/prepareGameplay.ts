/**
 * @module The game state the gameplay benchmarks need on a fresh local stack: signed-in players
 * holding FLUX (whitelist bonus on a seeded ETH lock) and an auction round in bidding whose part
 * belongs to a separate seller, so every bench player may bid.
 */
import type { LocalStack } from '../../src/local/index.ts';
import { expireRoundPhase } from '../../test/support/schema/expireRoundPhase.ts';
import type { HttpClient } from './createHttpClient.ts';
import { signInUsers, type BenchUser } from './signInUsers.ts';
import { userRpcOk } from './userRpc.ts';

/** FLUX each player receives: the largest bonus the backend accepts, so boxes and bids never run dry. */
const BENCH_BONUS_FLUX = 1_000_000;

export interface GameplayFixture {
  players: BenchUser[];
  seller: BenchUser;
  roundId: number;
}

/** Signs in `players` bidders plus a seller, funds them, and moves a fresh round into bidding. */
export async function prepareGameplay(
  stack: LocalStack,
  client: HttpClient,
  players: number,
): Promise<GameplayFixture> {
  const [seller, ...bidders] = await signInUsers(client, stack.anonKey, players + 1);
  if (!seller) throw new Error('no bench users were signed in');
  for (const user of [seller, ...bidders]) {
    await stack.db.query(
      'insert into public.wallet_registry (wallet_address) values ($1) on conflict (wallet_address) do nothing',
      [user.wallet],
    );
    await stack.db.query(
      `insert into public.eth_lock_submissions (wallet_address, auth_user_id, status, is_lock_active) values ($1, $2, 'confirmed', true)`,
      [user.wallet, user.id],
    );
    const balance = (await userRpcOk(client, stack.anonKey, user, 'sync_wallet_flux_balance', {
      p_wallet_address: user.wallet,
      p_whitelist_bonus_amount: BENCH_BONUS_FLUX,
    })) as { available_balance: number };
    if (Number(balance.available_balance) !== BENCH_BONUS_FLUX)
      throw new Error(
        `bench user ${user.wallet} got ${balance.available_balance} FLUX, expected the ${BENCH_BONUS_FLUX} bonus`,
      );
  }

  const tick = (await stack.tick()) as { started?: { round_id?: number } } | undefined;
  const roundId = Number(tick?.started?.round_id);
  if (!Number.isSafeInteger(roundId))
    throw new Error(`the first auction tick started no round: ${JSON.stringify(tick)}`);
  // an epic box always holds an auction-grade (rare or better) part
  const box = (await userRpcOk(client, stack.anonKey, seller, 'open_mystery_box', {
    p_wallet_address: seller.wallet,
    p_box_tier_id: 'epic',
  })) as { part: { id: string } };
  await userRpcOk(client, stack.anonKey, seller, 'submit_auction_item', {
    p_wallet_address: seller.wallet,
    p_part_id: box.part.id,
  });
  await expireRoundPhase(stack.db, roundId, 'submissions');
  await stack.tick();
  const active = (await userRpcOk(client, stack.anonKey, bidders[0] ?? seller, 'get_active_auction', {})) as {
    status?: string;
    round_id?: number;
  };
  if (active.status !== 'bidding' || active.round_id !== roundId)
    throw new Error(`round ${roundId} did not reach bidding: ${JSON.stringify(active)}`);
  return { players: bidders, seller, roundId };
}

/** Marks every bid of the round refunded, so the next bench round bids from 1 FLUX again (bids are capped at 100,000). */
export async function resetBids(stack: LocalStack, roundId: number): Promise<void> {
  await stack.db.query('update public.auction_bids set is_refunded = true where round_id = $1 and not is_refunded', [
    roundId,
  ]);
}
