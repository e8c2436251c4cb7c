/**
 * @module Test support: one cycle of a virtual player of the suite's runtime, with the requests in
 * the order of artillery.yml's player flow, answered by the fake game instead of a server (the
 * sign-in too), so a player model's request mix can be measured without Artillery.
 */
import type { PlayerRuntime, VirtualPlayer } from '../../../src/gameplay/player/index.ts';
import { SESSION_STEPS } from '../../../src/gameplay/player/sessionSteps.ts';
import type { Metrics } from '../../../src/gameplay/player/steps.ts';
import type { FakeGame } from './fakeGame.ts';
import type { RequestMix } from './requestMix.ts';

function tokenBody(now: number, wallet: string): string {
  return JSON.stringify({
    access_token: `access-${wallet}`,
    refresh_token: `refresh-${wallet}`,
    expires_in: 3600,
    expires_at: Math.floor(now / 1000) + 3600,
    user: { id: `user-${wallet}` },
  });
}

/** Sends `name` when the player wants it: builds it, asks the game, hands the answer back. */
async function send(
  runtime: PlayerRuntime,
  vp: VirtualPlayer,
  name: string,
  game: FakeGame,
  metrics: Metrics,
  mix: RequestMix,
  now: () => number,
): Promise<void> {
  if (!runtime.wants(vp, name)) return;
  const { json } = await runtime.build(vp, name);
  const wallet = vp.player!.wallet;
  if (name === 'auth_web3') return runtime.handle(vp, name, 200, tokenBody(now(), wallet), metrics);
  if (name === 'auth_user') return runtime.handle(vp, name, 200, JSON.stringify({ id: `user-${wallet}` }), metrics);
  const answer = game.answer(name, wallet, (json ?? {}) as Record<string, unknown>);
  mix.record(name, answer.status);
  runtime.handle(vp, name, answer.status, JSON.stringify(answer.body), metrics);
}

/** Plays one cycle of `vp` as artillery.yml's player flow orders its requests. */
export async function runtimeCycle(
  runtime: PlayerRuntime,
  vp: VirtualPlayer,
  game: FakeGame,
  metrics: Metrics,
  mix: RequestMix,
  now: () => number,
): Promise<void> {
  const go = (name: string) => send(runtime, vp, name, game, metrics, mix, now);
  if (runtime.startCycle(vp)) for (const name of SESSION_STEPS) await go(name);
  await go('rpc_sync_wallet_flux_balance');
  await go('rpc_record_flux_faucet_claim');
  for (let attempt = 0; attempt < vp.settings.maxBoxOpensPerCycle; attempt += 1) {
    runtime.planBoxOpen(vp, metrics);
    await go('rpc_open_mystery_box');
  }
  await go('rpc_get_active_auction');
  await go('rpc_get_user_inventory');
  await go('rpc_submit_auction_item');
  for (let attempt = 0; attempt < vp.settings.maxBidAttemptsPerCycle; attempt += 1) {
    runtime.planBid(vp, attempt, metrics);
    await go('rpc_place_auction_bid');
  }
  runtime.endCycle(vp, metrics);
}
