/**
 * @module The requests of a player cycle, by Artillery request name: when each one is wanted, how
 * its body is built and what its response changes. Semantics follow the legacy worker's per-cycle
 * flow (legacy-worker.md §4); the differences are the fixed defects named in docs/migrating.md.
 */
import { randomUUID } from 'node:crypto';
import type { SimConfig } from '../../config/index.ts';
import type { Logger } from '../../log/index.ts';
import { randomNonce } from '../../auth/randomNonce.ts';
import { web3SignInBody } from '../../auth/web3SignInBody.ts';
import { affordableBoxTiers } from '../affordableBoxTiers.ts';
import { bidAmount } from '../bidAmount.ts';
import type { BenignReason, RpcStep } from '../classifyRpcError.ts';
import { faucetMessage } from '../faucetMessage.ts';
import { bidKey, boxKey, faucetKey } from '../idempotencyKeys.ts';
import { knownBalanceOf } from '../knownBalanceOf.ts';
import { selectPartForAuction, type AuctionablePart } from '../selectPartForAuction.ts';
import type { ActiveAuction, BuiltRequest, Cycle } from './Cycle.ts';
import type { Player } from './Player.ts';
import type { PlayerSettings } from './resolvePlayerSettings.ts';
import { refreshDueAt, sessionFromTokenResponse, walletHintsOfUser } from './session.ts';

/** Counters and histograms, emitted through Artillery's custom metrics. */
export interface Metrics {
  counter(name: string, value?: number): void;
  histogram(name: string, value: number): void;
}

/** Box tiers (and, for `ui` players, their prices) are read once per worker by the first player that needs them. */
export interface BoxTierCache {
  tiers: readonly string[] | undefined;
  loading: boolean;
  /** the rarity tier of each box tier (`box_tiers.rarity_tier_id`): a box costs its rarity's price */
  rarityOf: Map<string, string>;
  /** box price per rarity tier (`rarity_tiers.base_box_price_flux`); empty when it could not be read */
  prices: Map<string, number> | undefined;
  pricesLoading: boolean;
}

/** The price of a box tier as far as this worker knows it. */
const priceOf = (cache: BoxTierCache, tier: string): number | undefined => {
  const rarity = cache.rarityOf.get(tier);
  return rarity === undefined ? undefined : cache.prices?.get(rarity);
};

/** Remembers the balance an RPC answered with (the figure the UI shows). */
const rememberBalance = (ctx: StepContext, body: unknown): void => {
  const balance = knownBalanceOf(body);
  if (balance !== undefined) ctx.player.balance = balance;
};

/** Service-role request bodies for the pseudo-confirmed ETH lock of managed wallets. */
export interface EthLockRows {
  walletRegistry(wallet: string): unknown;
  ethLock(wallet: string, authUserId: string): unknown;
}

export interface StepContext {
  player: Player;
  cycle: Cycle;
  settings: PlayerSettings;
  config: SimConfig;
  boxTiers: BoxTierCache;
  ethLockRows: EthLockRows;
  log: Logger;
  metrics: Metrics;
  now(): number;
}

export interface StepDefinition {
  /** the RPC step used to classify error responses (benign texts are per step) */
  rpc?: RpcStep;
  /** whether this request is sent now; evaluated just before it */
  wants(ctx: StepContext): boolean;
  build(ctx: StepContext): BuiltRequest | Promise<BuiltRequest>;
  onSuccess(ctx: StepContext, body: unknown): void;
  /** onSuccess reads the response body (others skip parsing it: the generator's hot path) */
  readsBody?: boolean;
  /** what a benign rejection changes (the counter is emitted by the caller) */
  onBenign?(ctx: StepContext, reason: BenignReason): void;
  /** a 5xx may be retried once with the very same request: only calls with an idempotency key */
  retryable?: boolean;
  /** a failure of this request does not end the cycle (bookkeeping requests) */
  nonCritical?: boolean;
}

const isoNow = (ctx: StepContext) => new Date(ctx.now()).toISOString();

/** The common prefix of every gameplay RPC body, as the legacy worker sends it. */
const rpcBase = (ctx: StepContext) => ({
  p_wallet_address: ctx.player.wallet,
  p_whitelist_bonus_amount: ctx.config.gameplay.whitelistBonusFlux,
  p_client_timestamp: isoNow(ctx),
  p_user_agent: ctx.config.gameplay.userAgent,
});

const hasSession = (ctx: StepContext) => ctx.cycle.ok && ctx.player.session !== undefined;

function signedMs(ctx: StepContext, started: number): void {
  ctx.metrics.histogram('rocket.sign_ms', performance.now() - started);
}

function roundIdOf(auction: ActiveAuction | undefined): number | undefined {
  const id = Number(auction?.round_id);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function adoptSession(
  ctx: StepContext,
  body: unknown,
  event: 'wallet_authenticated' | 'reauthenticated' | 'token_refreshed',
): void {
  const session = sessionFromTokenResponse(body, ctx.now());
  if (!session) throw new Error('token response without access_token/refresh_token');
  const { player } = ctx;
  player.session = session;
  player.sessionIssuedAt = ctx.now();
  if (event !== 'token_refreshed') {
    player.userChecked = false;
    player.everSignedIn = true;
  }
  ctx.metrics.counter(`rocket.${event}`);
  ctx.log.info({ event, wallet: player.wallet, source: player.seat.source });
}

/** Every request of the player flows, keyed by the request `name` used in the scenarios. */
export const steps: Record<string, StepDefinition> = {
  auth_refresh: {
    wants: ({ cycle, player, now }) => {
      const { session } = player;
      return cycle.ok && session !== undefined && now() >= refreshDueAt(session, player.sessionIssuedAt);
    },
    build: ({ player }) => ({ body: { refresh_token: player.session?.refreshToken }, auth: 'anon' }),
    onSuccess: (ctx, body) => adoptSession(ctx, body, 'token_refreshed'),
    nonCritical: true,
    readsBody: true,
  },

  auth_web3: {
    wants: ({ cycle, player, settings }) =>
      cycle.ok && (player.session === undefined || (settings.freshSignIn && player.cycles === 0)),
    async build(ctx) {
      const started = performance.now();
      const body = await web3SignInBody(ctx.player.account, {
        domain: ctx.config.siwe.domain,
        uri: ctx.config.siwe.uri,
        chainId: ctx.config.siwe.chainId,
        nonce: randomNonce(),
        issuedAt: new Date(ctx.now()),
      });
      signedMs(ctx, started);
      return { body, auth: 'anon' };
    },
    onSuccess: (ctx, body) =>
      adoptSession(ctx, body, ctx.player.everSignedIn ? 'reauthenticated' : 'wallet_authenticated'),
    readsBody: true,
  },

  auth_user: {
    wants: ({ cycle, player }) => cycle.ok && player.session !== undefined && !player.userChecked,
    build: () => ({ body: undefined, auth: 'user' }),
    onSuccess(ctx, body) {
      const hints = walletHintsOfUser(body);
      const mismatch = hints.find((hint) => hint !== ctx.player.wallet);
      if (mismatch !== undefined) throw new Error(`Authenticated wallet mismatch for ${ctx.player.wallet}.`);
      const id = (body as { id?: unknown }).id;
      if (ctx.player.session && typeof id === 'string') ctx.player.session.userId = id;
      ctx.player.userChecked = true;
    },
    readsBody: true,
  },

  seed_wallet_registry: {
    wants: (ctx) => wantsEthLock(ctx),
    build: (ctx) => ({
      body: [ctx.ethLockRows.walletRegistry(ctx.player.wallet)],
      auth: 'service',
      prefer: 'resolution=merge-duplicates,return=minimal',
    }),
    onSuccess() {},
  },

  seed_eth_lock: {
    wants: (ctx) => wantsEthLock(ctx),
    build: (ctx) => ({
      body: [ctx.ethLockRows.ethLock(ctx.player.wallet, ctx.player.session?.userId ?? '')],
      auth: 'service',
      prefer: 'resolution=merge-duplicates,return=minimal',
    }),
    onSuccess(ctx) {
      ctx.player.ethLockSeeded = true;
      ctx.log.info({
        event: 'synthetic_eth_lock_seeded',
        wallet: ctx.player.wallet,
        to: ctx.config.wallets.ethLock.toAddress,
      });
    },
  },

  touch_wallet_key: {
    wants: ({ cycle, player }) =>
      cycle.ok && player.seat.source === 'supabase' && player.session !== undefined && !player.lastUsedTouched,
    build: (ctx) => ({ body: { last_used_at: isoNow(ctx) }, auth: 'service', prefer: 'return=minimal' }),
    onSuccess(ctx) {
      ctx.player.lastUsedTouched = true;
    },
    nonCritical: true,
  },

  rest_box_tiers: {
    wants: (ctx) =>
      hasSession(ctx) &&
      ctx.boxTiers.tiers === undefined &&
      !ctx.boxTiers.loading &&
      ctx.settings.maxBoxOpensPerCycle > 0,
    build(ctx) {
      ctx.boxTiers.loading = true;
      return { body: undefined, auth: 'user' };
    },
    onSuccess(ctx, body) {
      ctx.boxTiers.loading = false;
      const rows = Array.isArray(body) ? (body as { id?: unknown; rarity_tier_id?: unknown }[]) : [];
      const all = rows.map((row) => String(row.id));
      for (const row of rows) {
        if (row.rarity_tier_id !== undefined && row.rarity_tier_id !== null)
          ctx.boxTiers.rarityOf.set(String(row.id), String(row.rarity_tier_id));
      }
      const allowed = ctx.config.gameplay.boxTierIds;
      const tiers = allowed ? all.filter((id) => allowed.includes(id)) : all;
      ctx.boxTiers.tiers = tiers;
      if (tiers.length === 0) {
        ctx.log.warn({ event: 'box_tiers_unavailable', message: 'No box tiers are available for the simulator.' });
      } else {
        ctx.log.info({ event: 'box_tiers_loaded', tiers });
      }
    },
    nonCritical: true,
    readsBody: true,
  },

  rest_rarity_tiers: {
    wants: (ctx) =>
      hasSession(ctx) &&
      ctx.settings.playerModel === 'ui' &&
      ctx.boxTiers.prices === undefined &&
      !ctx.boxTiers.pricesLoading &&
      ctx.settings.maxBoxOpensPerCycle > 0,
    build(ctx) {
      ctx.boxTiers.pricesLoading = true;
      return { body: undefined, auth: 'user' };
    },
    onSuccess(ctx, body) {
      const prices = new Map<string, number>();
      for (const row of Array.isArray(body) ? (body as { id?: unknown; base_box_price_flux?: unknown }[]) : []) {
        const price = Number(row.base_box_price_flux);
        if (Number.isFinite(price)) prices.set(String(row.id), price);
      }
      ctx.boxTiers.prices = prices;
    },
    nonCritical: true,
    readsBody: true,
  },

  rpc_sync_wallet_flux_balance: {
    rpc: 'sync',
    wants: hasSession,
    build: (ctx) => ({ body: rpcBase(ctx), auth: 'user' }),
    onSuccess: rememberBalance,
    readsBody: true,
  },

  rpc_record_flux_faucet_claim: {
    rpc: 'faucet',
    wants: (ctx) => hasSession(ctx) && ctx.now() >= ctx.player.nextClaimAt,
    async build(ctx) {
      const { config, player } = ctx;
      const nonce = randomUUID();
      const issuedAt = new Date(ctx.now());
      const message = faucetMessage({
        wallet: player.wallet,
        amount: config.gameplay.dailyClaimFlux,
        cooldownSeconds: config.gameplay.faucetIntervalSeconds,
        chainId: config.siwe.chainId,
        nonce,
        issuedAt,
      });
      const started = performance.now();
      const signature = await player.account.signMessage({ message });
      signedMs(ctx, started);
      return {
        auth: 'user',
        body: {
          p_wallet_address: player.wallet,
          p_claim_amount: config.gameplay.dailyClaimFlux,
          p_claim_window_seconds: config.gameplay.faucetIntervalSeconds,
          p_settlement_kind: 'offchain_message',
          p_settlement_status: 'confirmed',
          p_signed_message: message,
          p_signature: signature,
          p_message_nonce: nonce,
          p_chain_id: config.siwe.chainId,
          p_whitelist_bonus_amount: config.gameplay.whitelistBonusFlux,
          p_client_timestamp: issuedAt.toISOString(),
          p_user_agent: config.gameplay.userAgent,
          p_idempotency_key: faucetKey(player.wallet, nonce),
        },
      };
    },
    onSuccess(ctx, body) {
      rememberBalance(ctx, body);
      ctx.player.nextClaimAt = ctx.now() + ctx.config.gameplay.faucetIntervalSeconds * 1000;
      ctx.metrics.counter('rocket.faucet_claimed');
      ctx.log.info({ event: 'faucet_claimed', wallet: ctx.player.wallet });
    },
    onBenign(ctx) {
      // the server's cooldown runs from the last claim, which this process may not know: wait a window
      ctx.player.nextClaimAt = ctx.now() + ctx.config.gameplay.faucetIntervalSeconds * 1000;
    },
    retryable: true,
    readsBody: true,
  },

  rpc_open_mystery_box: {
    rpc: 'box',
    wants: (ctx) => ctx.cycle.pendingBox !== undefined && hasSession(ctx),
    build(ctx) {
      const tier = ctx.cycle.pendingBox!.tier;
      return {
        auth: 'user',
        body: {
          ...rpcBase(ctx),
          p_box_tier_id: tier,
          p_idempotency_key: boxKey(ctx.player.wallet, tier, randomUUID()),
        },
      };
    },
    onSuccess(ctx, body) {
      rememberBalance(ctx, body);
      ctx.metrics.counter('rocket.box_opened');
      ctx.log.info({ event: 'box_opened', wallet: ctx.player.wallet, boxTierId: ctx.cycle.pendingBox?.tier });
    },
    onBenign(ctx) {
      ctx.cycle.boxesDone = true;
    },
    retryable: true,
    readsBody: true,
  },

  rpc_get_active_auction: {
    rpc: 'auction',
    wants: hasSession,
    build: () => ({ body: {}, auth: 'user' }),
    onSuccess(ctx, body) {
      const { cycle, player } = ctx;
      const auction = body as ActiveAuction;
      cycle.auction = auction;
      cycle.highest = Number(auction.current_highest_bid ?? 0) || 0;
      cycle.bids = (auction.bids ?? []).map((bid) => ({
        wallet: String(bid.wallet).toLowerCase(),
        amount: Number(bid.amount),
      }));
      const roundId = roundIdOf(auction);
      cycle.wantsInventory =
        auction.status === 'accepting_submissions' &&
        roundId !== undefined &&
        roundId !== player.lastSubmittedRoundId &&
        player.prng.chance(player.persona.submitProbability);
      const sellerIsMe = String(auction.part?.submitted_by ?? '').toLowerCase() === player.wallet;
      cycle.bidsDone = !(auction.status === 'bidding' && roundId !== undefined && auction.part && !sellerIsMe);
    },
    readsBody: true,
  },

  rpc_get_user_inventory: {
    rpc: 'inventory',
    wants: (ctx) => hasSession(ctx) && ctx.cycle.wantsInventory,
    build: (ctx) => ({ body: { p_wallet_address: ctx.player.wallet }, auth: 'user' }),
    onSuccess(ctx, body) {
      const parts = Array.isArray(body) ? (body as AuctionablePart[]) : [];
      ctx.cycle.partToSubmit = selectPartForAuction(parts)?.id;
    },
    readsBody: true,
  },

  rpc_submit_auction_item: {
    rpc: 'submit',
    wants: (ctx) => hasSession(ctx) && ctx.cycle.partToSubmit !== undefined,
    build: (ctx) => ({
      auth: 'user',
      body: {
        p_wallet_address: ctx.player.wallet,
        p_part_id: ctx.cycle.partToSubmit,
        p_client_timestamp: isoNow(ctx),
        p_user_agent: ctx.config.gameplay.userAgent,
      },
    }),
    onSuccess(ctx, body) {
      const roundId = roundIdOf(ctx.cycle.auction);
      ctx.player.lastSubmittedRoundId = roundId;
      ctx.metrics.counter('rocket.auction_submitted');
      const result = body as { round_id?: unknown; part_id?: unknown };
      ctx.log.info({
        event: 'auction_submitted',
        wallet: ctx.player.wallet,
        roundId: result.round_id ?? roundId,
        partId: result.part_id ?? ctx.cycle.partToSubmit,
      });
    },
    onBenign(ctx) {
      // already submitted / no round accepting: remember the round silently, like the legacy worker
      ctx.player.lastSubmittedRoundId = roundIdOf(ctx.cycle.auction);
    },
    readsBody: true,
  },

  rpc_place_auction_bid: {
    rpc: 'bid',
    wants: (ctx) => hasSession(ctx) && ctx.cycle.pendingBid !== undefined,
    build(ctx) {
      const { amount, attempt } = ctx.cycle.pendingBid!;
      const roundId = roundIdOf(ctx.cycle.auction)!;
      return {
        auth: 'user',
        body: {
          ...rpcBase(ctx),
          p_round_id: roundId,
          p_amount: amount,
          p_idempotency_key: bidKey(ctx.player.wallet, roundId, attempt, amount),
        },
      };
    },
    onSuccess(ctx, body) {
      rememberBalance(ctx, body);
      const { cycle, player } = ctx;
      const { amount, attempt } = cycle.pendingBid!;
      cycle.highest = amount;
      cycle.bids.unshift({ wallet: player.wallet, amount });
      cycle.bidsDone = true;
      ctx.metrics.counter('rocket.auction_bid');
      ctx.log.info({
        event: 'auction_bid',
        wallet: player.wallet,
        roundId: roundIdOf(cycle.auction),
        amount,
        attempt: attempt + 1,
      });
    },
    onBenign(ctx) {
      ctx.cycle.bidsDone = true;
    },
    retryable: true,
    readsBody: true,
  },
};

function wantsEthLock(ctx: StepContext): boolean {
  const { cycle, player, config } = ctx;
  return (
    cycle.ok &&
    player.seat.source === 'supabase' &&
    config.wallets.autoConfirmEthLock &&
    !player.ethLockSeeded &&
    player.session?.userId !== undefined
  );
}

/**
 * Decides the next box-open attempt of the cycle (probability, tier); false when none. `legacy`:
 * any tier, uniformly, as the legacy worker (the draws in its order); `ui`: only a tier the known
 * balance pays for, and with none the box step is skipped (`rocket.skipped.unaffordable`).
 */
export function planBoxOpen(ctx: StepContext): boolean {
  const { cycle, player, boxTiers } = ctx;
  cycle.pendingBox = undefined;
  if (!cycle.ok || cycle.boxesDone) return false;
  const tiers = boxTiers.tiers ?? [];
  if (ctx.settings.playerModel === 'legacy') {
    const proceed = player.prng.chance(player.persona.boxOpenProbability);
    const tier = tiers.length > 0 ? player.prng.pick(tiers) : undefined;
    if (!proceed || tier === undefined) return false;
    cycle.pendingBox = { tier };
    return true;
  }
  if (tiers.length === 0 || !player.prng.chance(player.persona.boxOpenProbability)) return false;
  const affordable = affordableBoxTiers(tiers, (tier) => priceOf(boxTiers, tier), player.balance);
  if (affordable?.length === 0) {
    ctx.metrics.counter('rocket.skipped.unaffordable');
    cycle.boxesDone = true;
    return false;
  }
  cycle.pendingBox = { tier: player.prng.pick(affordable ?? tiers)! };
  return true;
}

/** Decides bid attempt `attempt` (0-based): probability, "am I already highest", the amount. */
export function planBid(ctx: StepContext, attempt: number): boolean {
  const { cycle, player } = ctx;
  cycle.pendingBid = undefined;
  if (!cycle.ok || cycle.bidsDone) return false;
  if (!player.prng.chance(player.persona.bidAttemptProbability)) return false;
  const top = cycle.bids.reduce<{ wallet: string; amount: number } | undefined>(
    (best, bid) => (best === undefined || bid.amount > best.amount ? bid : best),
    undefined,
  );
  if (top?.wallet === player.wallet) {
    cycle.bidsDone = true;
    return false;
  }
  const amount = bidAmount({
    currentHighest: cycle.highest,
    markupMin: player.persona.bidMarkup.min,
    markupMax: player.persona.bidMarkup.max,
    random: player.prng.next,
  });
  if (amount === null) {
    cycle.bidsDone = true;
    return false;
  }
  // ui: never more than the known balance pays (a raise is debited by its difference to one's own bid)
  const own = cycle.bids.find((bid) => bid.wallet === player.wallet)?.amount ?? 0;
  if (ctx.settings.playerModel === 'ui' && player.balance !== undefined && amount - own > player.balance) {
    ctx.metrics.counter('rocket.skipped.unaffordable');
    cycle.bidsDone = true;
    return false;
  }
  cycle.pendingBid = { amount, attempt };
  return true;
}
