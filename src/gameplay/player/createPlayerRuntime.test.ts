import { Writable } from 'node:stream';
import { recoverMessageAddress, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { loadSimConfig, type SimConfig } from '../../config/index.ts';
import { createLogger } from '../../log/index.ts';
import { createEnvSeats } from '../../wallets/createEnvSeats.ts';
import type { SeatLock } from '../../wallets/createSeatLock.ts';
import { createPlayerRuntime, type PlayerRuntime, type VirtualPlayer } from './createPlayerRuntime.ts';
import type { Metrics } from './steps.ts';

const KEYS = [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`] as Hex[];
const T0 = Date.parse('2026-11-28T12:00:00.000Z');

function memoryLock(): SeatLock {
  const held = new Set<string>();
  return {
    tryClaim: (address) => {
      if (held.has(address)) return false;
      held.add(address);
      return true;
    },
    release: (address) => void held.delete(address),
  };
}

function setup(env: Record<string, string> = {}, seed = 7) {
  const config: SimConfig = loadSimConfig({
    SUPABASE_URL: 'http://127.0.0.1:54321',
    SUPABASE_ANON_KEY: 'anon-key-for-tests',
    SIM_SUPABASE_SERVICE_ROLE_KEY: 'service-key-for-tests',
    SIM_WALLET_PRIVATE_KEYS: KEYS.join(','),
    VITE_SPEC_FAUCET_INTERVAL_SECONDS: '30',
    ...env,
  });
  const lines: string[] = [];
  const log = createLogger({
    destination: new Writable({
      write: (chunk, _e, done) => {
        lines.push(String(chunk));
        done();
      },
    }) as never,
  });
  let now = T0;
  const counters = new Map<string, number>();
  const metrics: Metrics = {
    counter: (name, value = 1) => counters.set(name, (counters.get(name) ?? 0) + value),
    histogram() {},
  };
  const runtime = createPlayerRuntime({
    config,
    seats: createEnvSeats(config.wallets.privateKeys, memoryLock()),
    ethLockRows: {
      walletRegistry: (wallet) => ({ wallet_address: wallet }),
      ethLock: (wallet, uid) => ({ wallet_address: wallet, auth_user_id: uid }),
    },
    log,
    baseUrl: 'http://127.0.0.1:54321',
    seed,
    now: () => now,
  });
  return { runtime, metrics, counters, lines, advance: (ms: number) => (now += ms), now: () => now };
}

const tokenBody = (now: number, userId = 'u-1') =>
  JSON.stringify({
    access_token: 'access-1',
    refresh_token: 'refresh-1',
    expires_in: 3600,
    expires_at: Math.floor(now / 1000) + 3600,
    user: { id: userId },
  });

async function signedIn(
  runtime: PlayerRuntime,
  metrics: Metrics,
  vars: Record<string, unknown> = {},
  now = T0,
): Promise<VirtualPlayer> {
  const vp = await runtime.join(vars, metrics);
  runtime.startCycle(vp);
  await runtime.build(vp, 'auth_web3');
  runtime.handle(vp, 'auth_web3', 200, tokenBody(now), metrics);
  runtime.handle(vp, 'auth_user', 200, JSON.stringify({ id: 'u-1', identities: [] }), metrics);
  return vp;
}

describe('the player runtime', () => {
  it('signs in with a legacy SIWE message signed by the seat wallet, then reads the user back', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await runtime.join({}, metrics);
    runtime.startCycle(vp);
    expect(runtime.wants(vp, 'auth_web3')).toBe(true);
    expect(runtime.wants(vp, 'rpc_sync_wallet_flux_balance')).toBe(false);
    const { headers, json } = await runtime.build(vp, 'auth_web3');
    const body = json as { chain: string; message: string; signature: Hex };
    expect(headers).toMatchObject({ apikey: 'anon-key-for-tests', authorization: 'Bearer anon-key-for-tests' });
    expect(body.chain).toBe('ethereum');
    expect(body.message).toMatch(
      /^o\.finality\.dev wants you to sign in with your Ethereum account:\n0x[0-9a-f]{40}\n\nSign in to Entropy Network\.\n/,
    );
    expect((await recoverMessageAddress({ message: body.message, signature: body.signature })).toLowerCase()).toBe(
      vp.player!.wallet,
    );
    runtime.handle(vp, 'auth_web3', 200, tokenBody(T0), metrics);
    expect(counters.get('rocket.wallet_authenticated')).toBe(1);
    expect(runtime.wants(vp, 'auth_user')).toBe(true);
    const rpc = await runtime.build(vp, 'rpc_sync_wallet_flux_balance');
    expect(rpc.headers.authorization).toBe('Bearer access-1');
    expect(rpc.json).toEqual({
      p_wallet_address: vp.player!.wallet,
      p_whitelist_bonus_amount: 0,
      p_client_timestamp: '2026-11-28T12:00:00.000Z',
      p_user_agent: 'entropy-sim/1.0',
    });
  });

  it('says at the start of a cycle whether any session or bookkeeping request is due', async () => {
    const { runtime, metrics, advance } = setup();
    const vp = await runtime.join({}, metrics);
    expect(runtime.startCycle(vp)).toBe(true); // not signed in
    runtime.handle(vp, 'auth_web3', 200, tokenBody(T0), metrics);
    runtime.handle(vp, 'auth_user', 200, JSON.stringify({ id: 'u-1' }), metrics);
    expect(runtime.startCycle(vp)).toBe(true); // box tiers not loaded yet
    runtime.handle(vp, 'rest_box_tiers', 200, JSON.stringify([{ id: 'common' }]), metrics);
    expect(runtime.startCycle(vp)).toBe(true); // box prices not loaded yet (ui players)
    runtime.handle(vp, 'rest_rarity_tiers', 200, JSON.stringify([{ id: 1, base_box_price_flux: 10 }]), metrics);
    expect(runtime.startCycle(vp)).toBe(false);
    advance(56 * 60_000);
    expect(runtime.startCycle(vp)).toBe(true); // refresh due
  });

  it('fails the cycle when GET /auth/v1/user names another wallet', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await runtime.join({}, metrics);
    runtime.startCycle(vp);
    runtime.handle(vp, 'auth_web3', 200, tokenBody(T0), metrics);
    const other = `0x${'ab'.repeat(20)}`;
    runtime.handle(
      vp,
      'auth_user',
      200,
      JSON.stringify({ id: 'u-1', user_metadata: { wallet_address: other } }),
      metrics,
    );
    expect(vp.cycle.ok).toBe(false);
    expect(vp.cycle.error?.message).toContain(`Authenticated wallet mismatch for ${vp.player!.wallet}.`);
    runtime.endCycle(vp, metrics);
    expect(counters.get('rocket.cycle_error')).toBe(1);
  });

  it('claims the faucet with the legacy message and key, then waits the window (and treats the cooldown as benign)', async () => {
    const { runtime, metrics, counters, advance } = setup();
    const vp = await signedIn(runtime, metrics);
    expect(runtime.wants(vp, 'rpc_record_flux_faucet_claim')).toBe(true);
    const { json } = await runtime.build(vp, 'rpc_record_flux_faucet_claim');
    const body = json as Record<string, string>;
    expect(body.p_signed_message).toContain(
      `Wallet: ${vp.player!.wallet}\nAction: claim_flux\nAmount: 1\nCooldown Seconds: 30`,
    );
    expect(body.p_idempotency_key).toBe(`sim-faucet:${vp.player!.wallet}:${body.p_message_nonce}`);
    runtime.handle(vp, 'rpc_record_flux_faucet_claim', 200, '{}', metrics);
    expect(counters.get('rocket.faucet_claimed')).toBe(1);
    expect(runtime.wants(vp, 'rpc_record_flux_faucet_claim')).toBe(false);
    advance(30_000);
    expect(runtime.wants(vp, 'rpc_record_flux_faucet_claim')).toBe(true);
    runtime.handle(
      vp,
      'rpc_record_flux_faucet_claim',
      400,
      JSON.stringify({ code: 'P0001', message: 'flux faucet claim is still on cooldown' }),
      metrics,
    );
    expect(counters.get('rocket.benign.faucet_cooldown')).toBe(1);
    expect(vp.cycle.ok).toBe(true);
  });

  it('stops opening boxes on insufficient balance, a benign outcome', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await signedIn(runtime, metrics, { boxOpenProbability: 1, maxBoxOpensPerCycle: 3 });
    runtime.handle(vp, 'rest_box_tiers', 200, JSON.stringify([{ id: 'common' }, { id: 'rare' }]), metrics);
    expect(runtime.planBoxOpen(vp, metrics)).toBe(true);
    const { json } = await runtime.build(vp, 'rpc_open_mystery_box');
    expect((json as { p_idempotency_key: string }).p_idempotency_key).toMatch(
      new RegExp(`^sim-box:${vp.player!.wallet}:(common|rare):[0-9a-f-]{36}$`),
    );
    runtime.handle(vp, 'rpc_open_mystery_box', 400, JSON.stringify({ message: 'insufficient flux balance' }), metrics);
    expect(counters.get('rocket.benign.insufficient_balance')).toBe(1);
    expect(runtime.planBoxOpen(vp, metrics)).toBe(false);
  });

  it('ui players open only box tiers their last known balance pays for, and skip the box step when none', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await signedIn(runtime, metrics, { boxOpenProbability: 1, maxBoxOpensPerCycle: 3 });
    expect(vp.settings.playerModel).toBe('ui');
    const tiers = [
      { id: 'common', rarity_tier_id: 1 },
      { id: 'rare', rarity_tier_id: 3 },
    ];
    runtime.handle(vp, 'rest_box_tiers', 200, JSON.stringify(tiers), metrics);
    const prices = [
      { id: 1, base_box_price_flux: '10.000000000000000000' },
      { id: 3, base_box_price_flux: 50 },
    ];
    runtime.handle(vp, 'rest_rarity_tiers', 200, JSON.stringify(prices), metrics);
    const balance = (available: number) =>
      JSON.stringify({ wallet_address: vp.player!.wallet, available_balance: available });
    runtime.handle(vp, 'rpc_sync_wallet_flux_balance', 200, balance(20), metrics);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(runtime.planBoxOpen(vp, metrics)).toBe(true);
      const { json } = await runtime.build(vp, 'rpc_open_mystery_box');
      expect((json as { p_box_tier_id: string }).p_box_tier_id).toBe('common');
    }
    // the box result carries the new balance: 5 FLUX pays for no box, so the step is skipped
    runtime.handle(
      vp,
      'rpc_open_mystery_box',
      200,
      JSON.stringify({ part: {}, balance: { available_balance: 5 } }),
      metrics,
    );
    expect(runtime.planBoxOpen(vp, metrics)).toBe(false);
    expect(counters.get('rocket.skipped.unaffordable')).toBe(1);
    expect(runtime.planBoxOpen(vp, metrics)).toBe(false);
    expect(counters.get('rocket.skipped.unaffordable')).toBe(1);
    expect(counters.get('rocket.benign.insufficient_balance') ?? 0).toBe(0);
  });

  it('legacy players pick any tier uniformly and accept the rejection', async () => {
    const { runtime, metrics, counters } = setup({ SIM_PLAYER_MODEL: 'legacy' });
    const vp = await signedIn(runtime, metrics, { boxOpenProbability: 1, maxBoxOpensPerCycle: 40 });
    expect(runtime.wants(vp, 'rest_rarity_tiers')).toBe(false);
    runtime.handle(vp, 'rest_box_tiers', 200, JSON.stringify([{ id: 'common' }, { id: 'rare' }]), metrics);
    runtime.handle(vp, 'rpc_sync_wallet_flux_balance', 200, JSON.stringify({ available_balance: 0 }), metrics);
    const chosen = new Set<string>();
    for (let attempt = 0; attempt < 40; attempt += 1) {
      expect(runtime.planBoxOpen(vp, metrics)).toBe(true);
      chosen.add(((await runtime.build(vp, 'rpc_open_mystery_box')).json as { p_box_tier_id: string }).p_box_tier_id);
    }
    expect([...chosen].sort()).toEqual(['common', 'rare']);
    expect(counters.get('rocket.skipped.unaffordable') ?? 0).toBe(0);
  });

  it('a scenario may ask for the legacy model; an explicit SIM_PLAYER_MODEL wins over it', async () => {
    const scenario = setup();
    expect((await scenario.runtime.join({ playerModel: 'legacy' }, scenario.metrics)).settings.playerModel).toBe(
      'legacy',
    );
    const explicit = setup({ SIM_PLAYER_MODEL: 'ui' });
    expect((await explicit.runtime.join({ playerModel: 'legacy' }, explicit.metrics)).settings.playerModel).toBe('ui');
    await expect(scenario.runtime.join({ playerModel: 'smart' }, scenario.metrics)).rejects.toThrow(
      'scenario variable playerModel: must be ui or legacy (got "smart")',
    );
  });

  it('ui players never bid more than their known balance pays', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await signedIn(runtime, metrics, { bidAttemptProbability: 1 });
    const auction = {
      status: 'bidding',
      round_id: 7,
      part: { id: 'p1', submitted_by: `0x${'cd'.repeat(20)}` },
      bids: [{ wallet: `0x${'ef'.repeat(20)}`, amount: 100 }],
      current_highest_bid: 100,
    };
    runtime.handle(vp, 'rpc_sync_wallet_flux_balance', 200, JSON.stringify({ available_balance: 50 }), metrics);
    runtime.handle(vp, 'rpc_get_active_auction', 200, JSON.stringify(auction), metrics);
    expect(runtime.planBid(vp, 0, metrics)).toBe(false);
    expect(counters.get('rocket.skipped.unaffordable')).toBe(1);
    runtime.startCycle(vp);
    runtime.handle(vp, 'rpc_sync_wallet_flux_balance', 200, JSON.stringify({ available_balance: 500 }), metrics);
    runtime.handle(vp, 'rpc_get_active_auction', 200, JSON.stringify(auction), metrics);
    expect(runtime.planBid(vp, 0, metrics)).toBe(true);
  });

  it('a 429 counts as rate limited; a bad API key fails without asking for a new sign-in', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await runtime.join({}, metrics);
    runtime.startCycle(vp);
    const limited = JSON.stringify({
      code: 429,
      error_code: 'over_request_rate_limit',
      msg: 'Request rate limit reached',
    });
    runtime.handle(vp, 'auth_web3', 429, limited, metrics);
    expect(counters.get('rocket.failure.rate_limited')).toBe(1);
    expect(counters.get('rocket.failure.http_4xx')).toBe(0);
    runtime.leave(vp);

    const player = await signedIn(runtime, metrics);
    const badKey = JSON.stringify({
      message: 'Invalid API key',
      hint: 'Double check your Supabase `anon` or `service_role` API key.',
    });
    runtime.handle(player, 'rpc_sync_wallet_flux_balance', 401, badKey, metrics);
    expect(counters.get('rocket.reauth_required') ?? 0).toBe(0);
    expect(counters.get('rocket.failure.http_4xx')).toBe(1);
    expect(player.player!.session).toBeDefined();
    expect(player.cycle.error).toEqual({ kind: 'failure', message: 'rpc_sync_wallet_flux_balance: Invalid API key' });
  });

  it('resends an idempotent request once, unchanged, after a 5xx; a second 5xx fails the cycle', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await signedIn(runtime, metrics, { boxOpenProbability: 1 });
    runtime.handle(vp, 'rest_box_tiers', 200, JSON.stringify([{ id: 'common' }]), metrics);
    runtime.planBoxOpen(vp, metrics);
    const first = await runtime.build(vp, 'rpc_open_mystery_box');
    runtime.handle(vp, 'rpc_open_mystery_box', 503, '{"message":"Service Unavailable"}', metrics);
    expect(runtime.retryOnce(vp)).toBe(true);
    expect(runtime.wants(vp, 'rpc_open_mystery_box')).toBe(true);
    const again = await runtime.build(vp, 'rpc_open_mystery_box');
    expect(again.json).toEqual(first.json);
    runtime.handle(vp, 'rpc_open_mystery_box', 503, '{"message":"Service Unavailable"}', metrics);
    expect(runtime.retryOnce(vp)).toBe(false);
    expect(counters.get('rocket.retry')).toBe(1);
    expect(counters.get('rocket.failure.http_5xx')).toBe(1);
    expect(vp.cycle.ok).toBe(false);
  });

  it('signs in again in the next cycle after a 401, and refreshes a session before it expires', async () => {
    const { runtime, metrics, counters, advance } = setup();
    const vp = await signedIn(runtime, metrics);
    runtime.handle(
      vp,
      'rpc_sync_wallet_flux_balance',
      401,
      JSON.stringify({ code: 'PGRST303', message: 'JWT expired' }),
      metrics,
    );
    expect(vp.cycle.error).toEqual({ kind: 'reauth', message: 'rpc_sync_wallet_flux_balance: JWT expired' });
    runtime.endCycle(vp, metrics);
    expect(counters.get('rocket.cycle_error') ?? 0).toBe(0);
    runtime.startCycle(vp);
    expect(runtime.wants(vp, 'auth_web3')).toBe(true);
    runtime.handle(vp, 'auth_web3', 200, tokenBody(T0), metrics);
    expect(counters.get('rocket.reauthenticated')).toBe(1);
    expect(runtime.wants(vp, 'auth_refresh')).toBe(false);
    advance(56 * 60_000);
    expect(runtime.wants(vp, 'auth_refresh')).toBe(true);
    const refresh = await runtime.build(vp, 'auth_refresh');
    expect(refresh.json).toEqual({ refresh_token: 'refresh-1' });
  });

  it('bids the legacy amount over the current highest, at most once per cycle, never on its own item', async () => {
    const { runtime, metrics, counters } = setup();
    const vp = await signedIn(runtime, metrics, { bidAttemptProbability: 1 });
    const seller = `0x${'cd'.repeat(20)}`;
    runtime.handle(
      vp,
      'rpc_get_active_auction',
      200,
      JSON.stringify({
        status: 'bidding',
        round_id: 3,
        part: { submitted_by: seller },
        bids: [{ wallet: seller.replace('cd', 'ef'), amount: 10 }],
        current_highest_bid: 10,
      }),
      metrics,
    );
    expect(runtime.planBid(vp, 0, metrics)).toBe(true);
    const { json } = await runtime.build(vp, 'rpc_place_auction_bid');
    const bid = json as { p_amount: number; p_round_id: number; p_idempotency_key: string };
    expect(bid.p_round_id).toBe(3);
    expect(bid.p_amount).toBeGreaterThanOrEqual(11.03); // 10.50 × (1 + at least 5% markup)
    expect(bid.p_amount).toBeLessThanOrEqual(14.18); // 10.50 × 1.35
    expect(bid.p_idempotency_key).toBe(`sim-bid:${vp.player!.wallet}:3:0:${bid.p_amount.toFixed(2)}`);
    runtime.handle(vp, 'rpc_place_auction_bid', 200, '{}', metrics);
    expect(counters.get('rocket.auction_bid')).toBe(1);
    expect(runtime.planBid(vp, 1, metrics)).toBe(false);

    runtime.startCycle(vp);
    runtime.handle(
      vp,
      'rpc_get_active_auction',
      200,
      JSON.stringify({
        status: 'bidding',
        round_id: 3,
        part: { submitted_by: vp.player!.wallet },
        bids: [],
        current_highest_bid: 0,
      }),
      metrics,
    );
    expect(runtime.planBid(vp, 0, metrics)).toBe(false);
  });

  it('makes the same decisions for the same seed, and different ones for another seed', async () => {
    const decisions = async (seed: number) => {
      const { runtime, metrics } = setup({}, seed);
      const vp = await signedIn(runtime, metrics, { boxOpenProbability: 0.5 });
      runtime.handle(
        vp,
        'rest_box_tiers',
        200,
        JSON.stringify(['common', 'uncommon', 'rare', 'epic'].map((id) => ({ id }))),
        metrics,
      );
      return Array.from({ length: 20 }, () => (runtime.planBoxOpen(vp, metrics) ? vp.cycle.pendingBox!.tier : '-'));
    };
    expect(await decisions(7)).toEqual(await decisions(7));
    expect(await decisions(7)).not.toEqual(await decisions(8));
  });

  it('hands each wallet to one virtual user at a time, and once only in the once scenario', async () => {
    const { runtime, metrics, counters } = setup();
    const a = await runtime.join({ oncePerWallet: true }, metrics);
    const b = await runtime.join({ oncePerWallet: true }, metrics);
    expect(a.player!.wallet).not.toBe(b.player!.wallet);
    runtime.leave(a);
    const c = await runtime.join({ oncePerWallet: true }, metrics);
    expect(c.player).toBeUndefined();
    expect(counters.get('rocket.no_wallet_available')).toBe(1);
  });

  it('stops looping after cyclesPerPlayer or runSeconds', async () => {
    const { runtime, metrics, advance } = setup();
    const vp = await runtime.join({ cyclesPerPlayer: 2, runSeconds: 120 }, metrics);
    expect(runtime.keepPlaying(vp)).toBe(true);
    runtime.startCycle(vp);
    const think = runtime.endCycle(vp, metrics);
    expect(think).toBeGreaterThanOrEqual(45_000);
    expect(think).toBeLessThan(45_000 * 1.25);
    expect(runtime.keepPlaying(vp)).toBe(true);
    advance(100_000);
    expect(runtime.endCycle(vp, metrics)).toBe(0); // second and last cycle: no pause after it
    const other = await runtime.join({ runSeconds: 120 }, metrics);
    runtime.startCycle(other);
    expect(runtime.endCycle(other, metrics)).toBe(20_000); // capped at the end of the run
    advance(21_000);
    expect(runtime.keepPlaying(other)).toBe(false);
  });
});
