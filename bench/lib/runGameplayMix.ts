/**
 * @module The gameplay mix of the local-stack benchmark: each player runs sync, active auction,
 * inventory, a common box and a bid 5 % over the highest bid known, over HTTP, and every response
 * is timed and classified (ok, benign rejection under contention, unexpected failure).
 */
import { BENCH_USER_AGENT } from './benchRpcCases.ts';
import type { HttpClient } from './createHttpClient.ts';
import type { GameplayFixture } from './prepareGameplay.ts';
import { runBounded } from './runBounded.ts';
import type { BenchUser } from './signInUsers.ts';
import { userRpc } from './userRpc.ts';

export const MIX_RPCS = [
  'sync_wallet_flux_balance',
  'get_active_auction',
  'get_user_inventory',
  'open_mystery_box',
  'place_auction_bid',
] as const;
export type MixRpc = (typeof MIX_RPCS)[number];

/** Rejections the game expects under contention (a bid overtaken by a concurrent one). */
const BENIGN = ['bid must be at least', 'new bid must exceed your previous bid'];

export interface MixResult {
  requests: number;
  elapsedMs: number;
  latencies: Record<MixRpc, number[]>;
  ok: Record<MixRpc, number>;
  benign: Record<MixRpc, number>;
  failed: Record<MixRpc, number>;
  firstFailure: string | undefined;
}

const perRpc = <T>(make: () => T) => Object.fromEntries(MIX_RPCS.map((fn) => [fn, make()])) as Record<MixRpc, T>;

/** An empty result to accumulate rounds into. */
export function emptyMixResult(): MixResult {
  return {
    requests: 0,
    elapsedMs: 0,
    latencies: perRpc(() => []),
    ok: perRpc(() => 0),
    benign: perRpc(() => 0),
    failed: perRpc(() => 0),
    firstFailure: undefined,
  };
}

/** The next bid: the backend's minimum step (highest + 5 %, 2 decimals) plus a cent. */
function nextBid(highest: number): number {
  return highest <= 0 ? 1 : Math.ceil((highest + Math.round(highest * 5) / 100) * 100 + 1) / 100;
}

/** Runs `cycles` cycles in total from one lane per player and adds them to `result`. */
export async function runGameplayMix(options: {
  client: HttpClient;
  anonKey: string;
  fixture: GameplayFixture;
  cycles: number;
  deadlineMs: number;
  result: MixResult;
}): Promise<void> {
  const { client, anonKey, fixture, result } = options;
  let highest = 0;
  const call = async (user: BenchUser, fn: MixRpc, body: Record<string, unknown>) => {
    const response = await userRpc(client, anonKey, user, fn, body);
    result.latencies[fn].push(response.ms);
    result.requests += 1;
    if (response.status >= 200 && response.status < 300) {
      result.ok[fn] += 1;
      return response.body === '' ? undefined : (JSON.parse(response.body) as unknown);
    }
    if (response.status === 400 && BENIGN.some((text) => response.body.includes(text))) {
      result.benign[fn] += 1;
    } else {
      result.failed[fn] += 1;
      result.firstFailure ??= `${fn} ${response.status}: ${response.body.slice(0, 200)}`;
    }
    return undefined;
  };
  const run = await runBounded({
    count: options.cycles,
    concurrency: fixture.players.length,
    deadlineMs: options.deadlineMs,
    async task(_index, lane) {
      const user = fixture.players[lane]!;
      const base = {
        p_wallet_address: user.wallet,
        p_client_timestamp: new Date().toISOString(),
        p_user_agent: BENCH_USER_AGENT,
      };
      await call(user, 'sync_wallet_flux_balance', base);
      const auction = (await call(user, 'get_active_auction', {})) as { current_highest_bid?: number } | undefined;
      highest = Math.max(highest, Number(auction?.current_highest_bid ?? 0));
      await call(user, 'get_user_inventory', { p_wallet_address: user.wallet });
      await call(user, 'open_mystery_box', { ...base, p_box_tier_id: 'common' });
      // reserved before sending, so concurrent players do not all offer the same amount
      const amount = nextBid(highest);
      highest = amount;
      await call(user, 'place_auction_bid', { ...base, p_round_id: fixture.roundId, p_amount: amount });
    },
  });
  result.elapsedMs += run.elapsedMs;
}
