/**
 * @module The players of one Artillery worker thread: wallet seats, per-wallet memory, the box
 * tier catalogue, and the hooks the processor calls, each a few lines over the modules beside it
 * (steps, responses, cycle end). Artillery-free, so it is testable without Artillery;
 * `processors/index.ts` adapts it to Artillery's hook signatures, `loadPlayerRuntime.ts` builds it.
 */
import type { SimConfig } from '../../config/index.ts';
import type { Logger } from '../../log/index.ts';
import type { WalletSeats } from '../../wallets/WalletSeats.ts';
import { newCycle } from './Cycle.ts';
import { endPlayerCycle } from './endPlayerCycle.ts';
import { handleStepResponse } from './handleStepResponse.ts';
import { createPlayer, type Player } from './Player.ts';
import { playUntil } from './playUntil.ts';
import { preparedRequest, type PreparedRequest } from './preparedRequest.ts';
import { resolvePlayerSettings, scenarioVariableNames, type PlayerSettings } from './resolvePlayerSettings.ts';
import { SESSION_STEPS } from './sessionSteps.ts';
import {
  planBid,
  planBoxOpen,
  steps,
  type BoxTierCache,
  type EthLockRows,
  type Metrics,
  type StepContext,
} from './steps.ts';
import { transportFailureKind } from './transportFailureKind.ts';
import type { VirtualPlayer } from './VirtualPlayer.ts';
import { ZERO_COUNTERS } from './zeroCounters.ts';

export type { VirtualPlayer } from './VirtualPlayer.ts';

export interface RuntimeDeps {
  config: SimConfig;
  seats: WalletSeats;
  ethLockRows: EthLockRows;
  log: Logger;
  /** base URL of the target (without trailing slash) */
  baseUrl: string;
  seed: number;
  now?: () => number;
}

export interface PlayerRuntime {
  readonly config: SimConfig;
  readonly baseUrl: string;
  readonly log: Logger;
  readonly seed: number;
  /** takes a seat and prepares the virtual user; `player` is undefined when every wallet is busy */
  join(vars: Readonly<Record<string, unknown>>, metrics: Metrics): Promise<VirtualPlayer>;
  /** begins a cycle; true when a session or bookkeeping request (sign-in, refresh, ETH lock, ...) is due */
  startCycle(vp: VirtualPlayer): boolean;
  wants(vp: VirtualPlayer, name: string): boolean;
  /**
   * Request headers and JSON body for request `name`; synchronous unless the body is signed (sign-in,
   * faucet claim), so the processor's per-request hook stays off the promise machinery.
   */
  build(vp: VirtualPlayer, name: string): PreparedRequest | Promise<PreparedRequest>;
  handle(vp: VirtualPlayer, name: string, status: number, bodyText: string, metrics: Metrics): void;
  planBoxOpen(vp: VirtualPlayer, metrics: Metrics): boolean;
  planBid(vp: VirtualPlayer, attempt: number, metrics: Metrics): boolean;
  /** true once after a retryable failure: the same request is sent again */
  retryOnce(vp: VirtualPlayer): boolean;
  /** ends the cycle, logs it and returns the pause before the next one */
  endCycle(vp: VirtualPlayer, metrics: Metrics): number;
  keepPlaying(vp: VirtualPlayer): boolean;
  /** the virtual user ended (normally or not): frees its seat */
  leave(vp: VirtualPlayer): void;
  /** a transport error (connection reset, timeout) ended the virtual user */
  transportFailure(vp: VirtualPlayer, error: unknown, metrics: Metrics): void;
  close(): Promise<void>;
}

const NO_METRICS: Metrics = { counter() {}, histogram() {} };

/** Creates the runtime from explicit dependencies (tests); see `loadPlayerRuntime` for the processor's. */
export function createPlayerRuntime(deps: RuntimeDeps): PlayerRuntime {
  const { config, seats, log, ethLockRows } = deps;
  const now = deps.now ?? Date.now;
  const players = new Map<string, Player>();
  const played = new Set<string>();
  const boxTiers: BoxTierCache = {
    tiers: undefined,
    loading: false,
    rarityOf: new Map(),
    prices: undefined,
    pricesLoading: false,
  };
  const settingsByVars = new Map<string, PlayerSettings>();
  let firstJoinAt: number | undefined;

  /** settings per distinct set of scenario variables (resolved once, not per virtual user) */
  const settingsFor = (vars: Readonly<Record<string, unknown>>): PlayerSettings => {
    const key = JSON.stringify(scenarioVariableNames.map((name) => vars[name]));
    let settings = settingsByVars.get(key);
    if (!settings) {
      settings = resolvePlayerSettings(config, vars);
      settingsByVars.set(key, settings);
    }
    return settings;
  };

  const contextOf = (vp: VirtualPlayer, metrics: Metrics): StepContext => ({
    player: vp.player!,
    cycle: vp.cycle,
    settings: vp.settings,
    config,
    boxTiers,
    ethLockRows,
    log,
    metrics,
    now,
  });

  const until = (vp: VirtualPlayer) => playUntil(config.run.runUntil, vp.settings.runSeconds, firstJoinAt);

  const runtime: PlayerRuntime = {
    config,
    baseUrl: deps.baseUrl,
    log,
    seed: deps.seed,

    async join(vars, metrics) {
      for (const name of ZERO_COUNTERS) metrics.counter(name, 0);
      firstJoinAt ??= now();
      const settings = settingsFor(vars);
      const vp: VirtualPlayer = { player: undefined, cycle: newCycle(), settings, inCycle: false, replay: undefined };
      const seat = await seats.acquire(settings.oncePerWallet ? played : undefined);
      if (!seat) {
        metrics.counter('rocket.no_wallet_available');
        return vp;
      }
      if (settings.oncePerWallet) played.add(seat.address);
      let player = players.get(seat.address);
      if (!player) {
        player = createPlayer(seat, deps.seed, settings);
        if (seat.source !== 'ephemeral') players.set(seat.address, player);
      }
      player.cycles = 0;
      vp.player = player;
      return vp;
    },

    startCycle(vp) {
      vp.cycle = newCycle();
      vp.inCycle = true;
      vp.replay = undefined;
      return vp.player !== undefined && SESSION_STEPS.some((name) => runtime.wants(vp, name));
    },

    wants(vp, name) {
      if (!vp.player) return false;
      if (vp.replay === name) return true;
      const step = steps[name];
      if (!step) throw new Error(`unknown request name ${name} in the scenario`);
      return step.wants(contextOf(vp, NO_METRICS));
    },

    build(vp, name) {
      const step = steps[name]!;
      const session = () => vp.player?.session;
      if (vp.replay === name && vp.cycle.lastRequest.has(name)) {
        vp.replay = undefined;
        return preparedRequest(config.target, session(), vp.cycle.lastRequest.get(name)!);
      }
      const built = step.build(contextOf(vp, NO_METRICS));
      if (built instanceof Promise) {
        return built.then((value) => {
          vp.cycle.lastRequest.set(name, value);
          return preparedRequest(config.target, session(), value);
        });
      }
      vp.cycle.lastRequest.set(name, built);
      return preparedRequest(config.target, session(), built);
    },

    handle(vp, name, status, bodyText, metrics) {
      const step = steps[name];
      if (!step || !vp.player) return;
      if (name === 'rest_box_tiers') boxTiers.loading = false;
      if (name === 'rest_rarity_tiers') {
        boxTiers.pricesLoading = false;
        // unreadable prices (a schema without rarity_tiers): choose among all tiers, do not ask again
        if (status >= 300) boxTiers.prices ??= new Map();
      }
      handleStepResponse(vp, contextOf(vp, metrics), step, name, status, bodyText);
    },

    planBoxOpen(vp, metrics) {
      return vp.player ? planBoxOpen(contextOf(vp, metrics)) : false;
    },

    planBid(vp, attempt, metrics) {
      return vp.player ? planBid(contextOf(vp, metrics), attempt) : false;
    },

    retryOnce(vp) {
      const name = vp.cycle.retryRequested;
      vp.cycle.retryRequested = undefined;
      if (name === undefined) return false;
      vp.cycle.retried.add(name);
      vp.replay = name;
      return true;
    },

    endCycle(vp, metrics) {
      if (vp.player) vp.player.cycles += 1;
      return endPlayerCycle(vp, { log, metrics, now, until: until(vp), more: runtime.keepPlaying(vp) });
    },

    keepPlaying(vp) {
      if (!vp.player) return false;
      if (vp.player.cycles >= vp.settings.cyclesPerPlayer) return false;
      const end = until(vp);
      return end === undefined || now() < end;
    },

    leave(vp) {
      if (vp.player) seats.release(vp.player.seat);
      vp.player = undefined;
    },

    transportFailure(vp, error, metrics) {
      const kind = transportFailureKind(error);
      metrics.counter(`rocket.failure.${kind}`);
      if (vp.player) {
        if (vp.inCycle) metrics.counter('rocket.cycle_error');
        const message = error instanceof Error ? error.message : String(error);
        log.info({ event: 'cycle_error', wallet: vp.player.wallet, message: `${kind}: ${message}` });
      }
      runtime.leave(vp);
    },

    async close() {
      await seats.close();
    },
  };
  return runtime;
}
