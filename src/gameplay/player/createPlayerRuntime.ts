/**
 * @module The players of one Artillery worker thread: configuration, event log, wallet seats,
 * per-wallet memory, and the cycle logic the processor hooks call. Artillery-free, so it is
 * testable without Artillery; `processors/index.ts` adapts it to Artillery's hook signatures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { checkTargetGuard, loadSimConfig, requireWalletSource, type SimConfig } from '../../config/index.ts';
import { createLogger, type Logger } from '../../log/index.ts';
import type { WalletSeat, WalletSeats } from '../../wallets/WalletSeats.ts';
import {
  classifyHttpError,
  classifyRpcError,
  errorMessageOf,
  failureKindOf,
  type RpcErrorOutcome,
} from '../classifyRpcError.ts';
import { rejectedCounter, serverMessageCounter } from '../responseCounters.ts';
import { newCycle, type BuiltRequest, type Cycle } from './Cycle.ts';
import { createPlayer, type Player } from './Player.ts';
import { resolvePlayerSettings, scenarioVariableNames, type PlayerSettings } from './resolvePlayerSettings.ts';
import { resolveTarget } from './resolveTarget.ts';
import {
  planBid,
  planBoxOpen,
  steps,
  type BoxTierCache,
  type EthLockRows,
  type Metrics,
  type StepContext,
} from './steps.ts';

/** One virtual user's state, kept in Artillery's `context.vars`. */
export interface VirtualPlayer {
  player: Player | undefined;
  cycle: Cycle;
  settings: PlayerSettings;
  /** a cycle was started and not yet ended */
  inCycle: boolean;
  /** the request being replayed after a retryable failure */
  replay: string | undefined;
}

export interface PreparedRequest {
  headers: Record<string, string>;
  json: unknown;
}

/** Counters that gates and reports expect to exist even when they stay zero (a missing metric fails an `ensure` check). */
const ZERO_COUNTERS = [
  'rocket.wallet_authenticated',
  'rocket.faucet_claimed',
  'rocket.box_opened',
  'rocket.auction_submitted',
  'rocket.auction_bid',
  'rocket.cycle_complete',
  'rocket.cycle_error',
  'rocket.skipped.unaffordable',
  'rocket.failure.http_4xx',
  'rocket.failure.http_5xx',
  'rocket.failure.rate_limited',
  'rocket.failure.network',
  'rocket.failure.timeout',
  'rocket.failure.invalid_response',
];

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

const failureKindOfTransport = (error: unknown): 'network' | 'timeout' => {
  const code = (error as { code?: unknown })?.code;
  return code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout/i.test(String((error as Error)?.message))
    ? 'timeout'
    : 'network';
};

/** Creates the runtime from explicit dependencies (tests) — see {@link loadPlayerRuntime} for the processor's. */
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

  const endCycleEarly = (vp: VirtualPlayer, kind: 'failure' | 'reauth', message: string) => {
    vp.cycle.ok = false;
    vp.cycle.error ??= { kind, message };
  };

  const outcomeOf = (name: string, status: number, message: string): RpcErrorOutcome => {
    const rpc = steps[name]?.rpc;
    if (rpc) return classifyRpcError(rpc, { status, message });
    // only the user check's 401/403 means "this session is gone"; elsewhere a 4xx is a failure
    if (name === 'auth_user') return classifyHttpError({ status, message }, { forbiddenMeansReauth: true });
    return { outcome: 'failure', kind: failureKindOf(status), message };
  };

  /** Headers for a built request: the player's session, the service-role key or the anon key. */
  const prepared = (vp: VirtualPlayer, built: BuiltRequest): PreparedRequest => {
    const bearer =
      built.auth === 'user'
        ? vp.player?.session?.accessToken
        : built.auth === 'service'
          ? config.target.serviceRoleKey
          : config.target.anonKey;
    const headers: Record<string, string> = {
      apikey: (built.auth === 'service' ? config.target.serviceRoleKey : config.target.anonKey) ?? '',
      authorization: `Bearer ${bearer ?? ''}`,
      'content-type': 'application/json',
      'x-client-info': 'rocket-sim',
    };
    if (built.prefer) headers.prefer = built.prefer;
    return { headers, json: built.body };
  };

  /** epoch ms after which looping players start no new cycle (SIM_RUN_UNTIL, else runSeconds after the first join) */
  const playUntil = (vp: VirtualPlayer): number | undefined =>
    config.run.runUntil ??
    (vp.settings.runSeconds !== undefined && firstJoinAt !== undefined
      ? firstJoinAt + vp.settings.runSeconds * 1000
      : undefined);

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
      const seat: WalletSeat | undefined = await seats.acquire(settings.oncePerWallet ? played : undefined);
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
      if (vp.replay === name && vp.cycle.lastRequest.has(name)) {
        vp.replay = undefined;
        return prepared(vp, vp.cycle.lastRequest.get(name)!);
      }
      const built = step.build(contextOf(vp, NO_METRICS));
      if (built instanceof Promise) {
        return built.then((value) => {
          vp.cycle.lastRequest.set(name, value);
          return prepared(vp, value);
        });
      }
      vp.cycle.lastRequest.set(name, built);
      return prepared(vp, built);
    },

    handle(vp, name, status, bodyText, metrics) {
      const step = steps[name];
      if (!step || !vp.player) return;
      const ctx = contextOf(vp, metrics);
      if (name === 'rest_box_tiers') boxTiers.loading = false;
      if (name === 'rest_rarity_tiers') {
        boxTiers.pricesLoading = false;
        // unreadable prices (a schema without rarity_tiers): choose among all tiers, do not ask again
        if (status >= 300) boxTiers.prices ??= new Map();
      }
      if (status >= 200 && status < 300) {
        try {
          step.onSuccess(ctx, step.readsBody && bodyText.trim() !== '' ? JSON.parse(bodyText) : undefined);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          metrics.counter('rocket.failure.invalid_response');
          endCycleEarly(vp, 'failure', `${name}: ${message}`);
        }
        return;
      }
      const message = errorMessageOf(status, bodyText);
      const outcome = outcomeOf(name, status, message);
      // per request: benign rejections apart from the server's other messages (report, early stop)
      metrics.counter(
        outcome.outcome === 'benign' ? rejectedCounter(name) : serverMessageCounter(name, status, message),
      );
      if (name === 'auth_refresh') {
        // an unusable refresh token: sign in again right away (auth_web3 follows in the same cycle)
        vp.player.session = undefined;
        metrics.counter('rocket.refresh_failed');
        log.info({ event: 'token_refresh_failed', wallet: vp.player.wallet, status, message });
        return;
      }
      if (outcome.outcome === 'benign') {
        metrics.counter(`rocket.benign.${outcome.reason}`);
        step.onBenign?.(ctx, outcome.reason);
        return;
      }
      if (outcome.outcome === 'reauth') {
        vp.player.session = undefined;
        metrics.counter('rocket.reauth_required');
        endCycleEarly(vp, 'reauth', `${name}: ${message}`);
        return;
      }
      if (step.retryable && status >= 500 && !vp.cycle.retried.has(name)) {
        vp.cycle.retryRequested = name;
        metrics.counter('rocket.retry');
        return;
      }
      metrics.counter(`rocket.failure.${outcome.kind}`);
      log.debug({ event: 'request_failed', wallet: vp.player.wallet, request: name, status, message });
      if (!step.nonCritical) endCycleEarly(vp, 'failure', `${name}: ${message}`);
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
      const { player, cycle, settings } = vp;
      vp.inCycle = false;
      if (!player) return 0;
      player.cycles += 1;
      if (cycle.error) {
        log.info({
          event: 'cycle_error',
          wallet: player.wallet,
          message: cycle.error.message,
          ...(cycle.error.kind === 'reauth' ? { reauth: true } : {}),
        });
        if (cycle.error.kind === 'failure') metrics.counter('rocket.cycle_error');
      } else {
        log.info({ event: 'cycle_complete', wallet: player.wallet });
        metrics.counter('rocket.cycle_complete');
      }
      const loop = settings.loopIntervalMs;
      const think = loop + Math.floor(player.prng.next() * 0.25 * loop);
      // no pause after the last cycle, and none past the end of the run
      if (!runtime.keepPlaying(vp)) return 0;
      const until = playUntil(vp);
      return until === undefined ? think : Math.min(think, Math.max(0, until - now()));
    },

    keepPlaying(vp) {
      if (!vp.player) return false;
      if (vp.player.cycles >= vp.settings.cyclesPerPlayer) return false;
      const until = playUntil(vp);
      return until === undefined || now() < until;
    },

    leave(vp) {
      if (vp.player) seats.release(vp.player.seat);
      vp.player = undefined;
    },

    transportFailure(vp, error, metrics) {
      const kind = failureKindOfTransport(error);
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

/** Requests before the gameplay of a cycle; the scenario skips them as a block when none is due. */
const SESSION_STEPS = [
  'auth_refresh',
  'auth_web3',
  'auth_user',
  'seed_wallet_registry',
  'seed_eth_lock',
  'touch_wallet_key',
  'rest_box_tiers',
  'rest_rarity_tiers',
];

const NO_METRICS: Metrics = { counter() {}, histogram() {} };

/** Seat provider and ETH-lock row builders for the configured wallet source. */
export interface SourceFactory {
  seats(config: SimConfig, log: Logger, runId: string): Promise<WalletSeats>;
  ethLockRows(config: SimConfig): EthLockRows;
}

/**
 * Loads the runtime of a worker thread from the environment and Artillery's resolved target
 * (`-t`, `-e`, `config.target`; `SUPABASE_URL` only without one): validates the configuration and
 * the production guard before anything is sent, opens the event log, prints the seed.
 */
export async function loadPlayerRuntime(options: {
  targetFromArtillery: string | undefined;
  environment: string | undefined;
  sources: SourceFactory;
}): Promise<PlayerRuntime> {
  const loaded = loadSimConfig();
  const { baseUrl } = resolveTarget(loaded, options.targetFromArtillery);
  // the target Artillery resolved is the target of everything this worker does (pool leases too)
  const config: SimConfig = { ...loaded, target: { ...loaded.target, url: baseUrl } };
  checkTargetGuard({
    targetUrl: baseUrl,
    environment: options.environment,
    allowedTargets: config.run.allowedTargets,
    confirmTarget: config.run.confirmTarget,
  });
  requireWalletSource(config);
  const runId = config.run.runId ?? `artillery-${randomUUID().slice(0, 8)}`;
  const seed = config.seed ?? randomBytes(4).readUInt32BE();
  const log = createLogger({
    destination: config.run.eventLog === '-' ? 'stdout' : config.run.eventLog,
    level: config.run.logLevel,
    bindings: { runId },
  });
  const seats = await options.sources.seats(config, log, runId);
  log.info({
    event: 'simulator_starting',
    target: new URL(baseUrl).host,
    environment: options.environment,
    walletSource: config.wallets.source,
    wallets: seats.capacity() ?? 'unbounded',
    seed,
    chainId: config.siwe.chainId,
    siweDomain: config.siwe.domain,
  });
  return createPlayerRuntime({ config, seats, ethLockRows: options.sources.ethLockRows(config), log, baseUrl, seed });
}
