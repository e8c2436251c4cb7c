/**
 * @module Player models (issue 12 scope 4), offline against the fake game with the smoke scenario's
 * knobs: `SIM_PLAYER_MODEL=legacy` sends the legacy worker's request mix (the worker's flow written
 * from contract/legacy-worker.md §4 plays the same game beside it), and the default `ui` model turns
 * the legacy mix's rejected box opens into skipped ones, well under 5 % of requests.
 * (The real smoke run's figures are in docs/scenarios.md; test/start.test.ts checks the 5 % there.)
 */
import type { Hex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadSimConfig } from '../src/config/index.ts';
import { createPlayerRuntime } from '../src/gameplay/player/createPlayerRuntime.ts';
import type { Metrics } from '../src/gameplay/player/steps.ts';
import { createPrng } from '../src/gameplay/prng.ts';
import { createLogger } from '../src/log/index.ts';
import { createEnvSeats } from '../src/wallets/createEnvSeats.ts';
import { createFakeGame } from './support/players/fakeGame.ts';
import { legacyWorkerCycle, type LegacyWallet } from './support/players/legacyWorkerCycle.ts';
import { createRequestMix, type RequestMix } from './support/players/requestMix.ts';
import { runtimeCycle } from './support/players/runtimeCycle.ts';

const WALLETS = 8;
const CYCLES = 150;
const CYCLE_MS = 2000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');
/** smoke.yml's variables */
const SMOKE = {
  loopIntervalMs: 2000,
  maxBoxOpensPerCycle: 1,
  boxOpenProbability: 0.3,
  submitProbability: 1,
  bidAttemptProbability: 0.9,
};
const GAMEPLAY = [
  'rpc_sync_wallet_flux_balance',
  'rpc_record_flux_faucet_claim',
  'rpc_open_mystery_box',
  'rpc_get_active_auction',
  'rpc_get_user_inventory',
  'rpc_submit_auction_item',
  'rpc_place_auction_bid',
];
const keys = Array.from({ length: WALLETS }, () => generatePrivateKey()) as Hex[];

async function runtimeMix(model: 'ui' | 'legacy'): Promise<{ mix: RequestMix; counters: Map<string, number> }> {
  const game = createFakeGame();
  const now = () => T0 + game.now();
  const config = loadSimConfig({
    SUPABASE_URL: 'http://127.0.0.1:54321',
    SUPABASE_ANON_KEY: 'anon',
    SIM_WALLET_PRIVATE_KEYS: keys.join(','),
    VITE_SPEC_FAUCET_INTERVAL_SECONDS: '30',
    VITE_SPEC_DAILY_CLAIM_FLUX: '20',
    SIM_PLAYER_MODEL: model,
  });
  const log = createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) as never });
  const runtime = createPlayerRuntime({
    config,
    seats: createEnvSeats(config.wallets.privateKeys),
    ethLockRows: { walletRegistry: () => ({}), ethLock: () => ({}) },
    log,
    baseUrl: 'http://127.0.0.1:54321',
    seed: 42,
    now,
  });
  const counters = new Map<string, number>();
  const metrics: Metrics = {
    counter: (name, value = 1) => counters.set(name, (counters.get(name) ?? 0) + value),
    histogram() {},
  };
  const mix = createRequestMix();
  const players = [];
  for (let index = 0; index < WALLETS; index += 1) players.push(await runtime.join(SMOKE, metrics));
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    for (const vp of players) await runtimeCycle(runtime, vp, game, metrics, mix, now);
    game.advance(CYCLE_MS);
  }
  for (const vp of players) runtime.leave(vp);
  return { mix, counters };
}

function legacyWorkerMix(): RequestMix {
  const game = createFakeGame();
  const mix = createRequestMix();
  const wallets: LegacyWallet[] = keys.map((_, index) => ({
    address: `0x${String(index + 1).padStart(40, '0')}`,
    nextClaimAt: 0,
    lastSubmittedRoundId: undefined,
  }));
  const randoms = wallets.map((wallet) => createPrng(7, `legacy-worker:${wallet.address}`));
  const knobs = {
    ...SMOKE,
    maxBidAttemptsPerCycle: 3,
    bidMarkup: { min: 0.05, max: 0.35 },
    faucetIntervalMs: 30_000,
  };
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    for (const [index, wallet] of wallets.entries()) legacyWorkerCycle(game, wallet, randoms[index]!, knobs, mix);
    game.advance(CYCLE_MS);
  }
  return mix;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

describe('player models against the same game', () => {
  it("legacy sends the legacy worker's request mix; ui skips what it cannot afford", async () => {
    const worker = legacyWorkerMix();
    const legacy = await runtimeMix('legacy');
    const ui = await runtimeMix('ui');
    const table = GAMEPLAY.map(
      (name) =>
        `${name.padEnd(30)} worker ${percent(worker.share(name)).padStart(7)}  legacy ${percent(legacy.mix.share(name)).padStart(7)}  ui ${percent(ui.mix.share(name)).padStart(7)}`,
    );
    table.push(
      `${'rejected'.padEnd(30)} worker ${percent(worker.rejectedShare()).padStart(7)}  legacy ${percent(legacy.mix.rejectedShare()).padStart(7)}  ui ${percent(ui.mix.rejectedShare()).padStart(7)}`,
    );
    table.push(
      `${'box opened / bids placed'.padEnd(30)} legacy ${legacy.counters.get('rocket.box_opened')} / ${legacy.counters.get('rocket.auction_bid')}  ui ${ui.counters.get('rocket.box_opened')} / ${ui.counters.get('rocket.auction_bid')}`,
    );
    console.log(`request mix over ${WALLETS * CYCLES} cycles:\n${table.join('\n')}`);

    // the legacy model's mix is the worker's, endpoint by endpoint and in its rejections (seeded streams differ)
    for (const name of GAMEPLAY) expect(legacy.mix.share(name), name).toBeCloseTo(worker.share(name), 1);
    expect(Math.abs(legacy.mix.rejectedShare() - worker.rejectedShare())).toBeLessThan(0.03);
    expect(worker.rejectedShare()).toBeGreaterThan(0.15);
    expect(legacy.counters.get('rocket.skipped.unaffordable') ?? 0).toBe(0);

    // ui: rejections become rare, skipped box steps are counted, and every gameplay path still runs
    expect(ui.mix.rejectedShare()).toBeLessThan(0.05);
    expect(ui.counters.get('rocket.skipped.unaffordable')).toBeGreaterThan(0);
    for (const name of ['rocket.faucet_claimed', 'rocket.box_opened', 'rocket.auction_submitted', 'rocket.auction_bid'])
      expect(ui.counters.get(name), name).toBeGreaterThan(0);
  });
});
