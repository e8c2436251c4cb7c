/**
 * @module Test support: a local stack with real gameplay behind it (SQL as the signed-in users, the way
 * the schema tests call RPCs): one round completed with bids, the next one in bidding with live bids.
 */
import { startLocalStack, type LocalStack } from '../../../src/local/index.ts';
import {
  callRpc,
  createWeb3User,
  expireRoundPhase,
  faucetClaimArgs,
  userCaller,
  type Web3User,
} from '../schema/index.ts';
import { countRows, type RowCounts } from '../../../src/health/countRows.ts';

export interface PlayedStack {
  stack: LocalStack;
  /** counts taken before any gameplay */
  baseline: RowCounts;
  users: { seller1: Web3User; seller2: Web3User; bidder1: Web3User; bidder2: Web3User };
  /** completed, won by bidder1 at 30 */
  round1: { id: number; partId: string };
  /** bidding: bidder1 live at 5, bidder2 live at 8 after raising 6 → 8 */
  round2: { id: number; partId: string };
}

/** Ticks the stack tick interval: fast enough that the scheduler check can use it as tolerance. */
export const PLAYED_TICK_MS = 1_000;

async function openRoundId(stack: LocalStack): Promise<number> {
  const rows = await stack.db.query<{ id: number }>(
    "select id::int as id from public.auction_rounds where status = 'accepting_submissions' order by id desc limit 1",
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('the stack has no round accepting submissions');
  return id;
}

async function submitBoxPart(stack: LocalStack, seller: Web3User): Promise<string> {
  const opened = await callRpc<{ part?: { id: string } }>(stack.db, userCaller(seller), 'open_mystery_box', {
    p_wallet_address: seller.wallet,
    p_box_tier_id: 'epic',
  });
  const partId = opened.part?.id;
  if (!partId) throw new Error('open_mystery_box returned no part');
  await callRpc(stack.db, userCaller(seller), 'submit_auction_item', {
    p_wallet_address: seller.wallet,
    p_part_id: partId,
  });
  return partId;
}

async function bid(stack: LocalStack, user: Web3User, roundId: number, amount: string): Promise<void> {
  await callRpc(stack.db, userCaller(user), 'place_auction_bid', {
    p_wallet_address: user.wallet,
    p_round_id: roundId,
    p_amount: amount,
  });
}

/**
 * Starts a stack with long rounds (phases are ended by moving a round's clock, never by sleeping) and
 * plays: faucet claims, box opens, two submissions, incremental bids, one finalization.
 */
export async function startPlayedStack(): Promise<PlayedStack> {
  const stack = await startLocalStack({
    port: 0,
    auction: { submissionsMs: 600_000, roundMs: 3_600_000, tickIntervalMs: PLAYED_TICK_MS },
  });
  try {
    const baseline = await countRows({ url: stack.url, serviceRoleKey: stack.serviceRoleKey });
    const users = {
      seller1: await createWeb3User(stack.db, 'health-seller-1'),
      seller2: await createWeb3User(stack.db, 'health-seller-2'),
      bidder1: await createWeb3User(stack.db, 'health-bidder-1'),
      bidder2: await createWeb3User(stack.db, 'health-bidder-2'),
    };
    for (const [user, amount] of [
      [users.seller1, 200],
      [users.seller2, 200],
      [users.bidder1, 100],
      [users.bidder2, 100],
    ] as const) {
      await callRpc(stack.db, userCaller(user), 'record_flux_faucet_claim', faucetClaimArgs(user.wallet, amount, 0));
    }

    const round1 = { id: await openRoundId(stack), partId: await submitBoxPart(stack, users.seller1) };
    await expireRoundPhase(stack.db, round1.id, 'submissions');
    await stack.tick();
    await bid(stack, users.bidder1, round1.id, '10');
    await bid(stack, users.bidder2, round1.id, '20');
    await bid(stack, users.bidder1, round1.id, '30');
    await expireRoundPhase(stack.db, round1.id, 'round');
    await stack.tick();

    const round2 = { id: await openRoundId(stack), partId: await submitBoxPart(stack, users.seller2) };
    await expireRoundPhase(stack.db, round2.id, 'submissions');
    await stack.tick();
    await bid(stack, users.bidder1, round2.id, '5');
    await bid(stack, users.bidder2, round2.id, '6');
    await bid(stack, users.bidder2, round2.id, '8');
    return { stack, baseline, users, round1, round2 };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
