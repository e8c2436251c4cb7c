/**
 * @module Artillery processor: thin adapters from Artillery's hook signatures to the player runtime
 * (`src/gameplay/player`). Prebundled by esbuild into dist/processor.js, which artillery.yml loads.
 * Per-request and per-step hooks are callback-style (Artillery calls a plain `Function` with a
 * `next` callback): no promise per call on the generator's hot path. The async ones (joining a
 * game, leaving it) resolve to nothing, since a truthy value would fail the virtual user;
 * `whileTrue`, `onError` and `ifTrue` are synchronous/callback-style as Artillery requires.
 */
import {
  loadPlayerRuntime,
  type Metrics,
  type PlayerRuntime,
  type VirtualPlayer,
} from '../src/gameplay/player/index.ts';
import { startGeneratorSampler } from '../src/capacity/startGeneratorSampler.ts';
import { stopRunOnSetupError } from '../src/gameplay/player/stopRunOnSetupError.ts';
import { walletSources } from '../src/gameplay/player/walletSources.ts';

interface Vars extends Record<string, unknown> {
  rocket?: VirtualPlayer;
  target?: string;
  $environment?: string;
}
interface Context {
  vars: Vars;
}
interface Events {
  emit(type: string, ...args: unknown[]): void;
}
interface RequestParams {
  name?: string;
  headers?: Record<string, string>;
  json?: unknown;
}
interface Response {
  statusCode: number;
  body?: unknown;
}
type Next = (error?: unknown) => void;

let runtimePromise: Promise<PlayerRuntime> | undefined;

function runtimeFor(context: Context): Promise<PlayerRuntime> {
  runtimePromise ??= loadPlayerRuntime({
    targetFromArtillery: typeof context.vars.target === 'string' ? context.vars.target : undefined,
    environment: context.vars.$environment,
    sources: walletSources,
  }).then((runtime) => {
    // released by the rocket plugin's worker cleanup (leases), or by lease expiry without it
    (globalThis as { __rocketSimClose?: () => Promise<void> }).__rocketSimClose = () => runtime.close();
    return runtime;
  });
  return runtimePromise;
}

const metricsOf = (events: Events): Metrics => ({
  counter: (name, value = 1) => events.emit('counter', name, value),
  histogram: (name, value) => events.emit('histogram', name, value),
});

/** The runtime once loaded (every hook after `joinGame` runs after the load resolved). */
let loaded: PlayerRuntime | undefined;
const vpOf = (vars: Vars): VirtualPlayer | undefined => vars.rocket;

// --- scenario hooks --------------------------------------------------------------------------

/** beforeScenario: takes a wallet seat and sets the template variables of the flow (a setup error stops the run). */
export async function joinGame(context: Context, events: Events): Promise<void> {
  // once per worker: the generator's own saturation, per window (rocket.generator.*)
  startGeneratorSampler(metricsOf(events));
  const runtime = await runtimeFor(context).catch((error: unknown) => {
    stopRunOnSetupError(error);
    throw error;
  });
  loaded = runtime;
  const vp = await runtime.join(context.vars, metricsOf(events));
  context.vars.rocket = vp;
  context.vars.baseUrl = runtime.baseUrl;
  context.vars.wallet = vp.player?.wallet ?? '';
  context.vars.maxBoxOpens = vp.settings.maxBoxOpensPerCycle;
  context.vars.maxBidAttempts = vp.settings.maxBidAttemptsPerCycle;
  context.vars.startDelayMs = vp.player ? vp.player.prng.int(0, Math.min(1000, vp.settings.initialSpreadMs)) : 0;
  context.vars.thinkMs = 0;
}

/** afterScenario: frees the seat (an early-ended virtual user frees it in `playerError`). */
export async function leaveGame(context: Context): Promise<void> {
  const vp = vpOf(context.vars);
  if (vp) loaded?.leave(vp);
}

/** onError (callback-only in Artillery): a transport error ended the virtual user. */
export function playerError(
  error: unknown,
  _request: RequestParams,
  context: Context,
  events: Events,
  next: Next,
): void {
  const vp = vpOf(context.vars);
  if (vp) loaded?.transportFailure(vp, error, metricsOf(events));
  next();
}

/** scenario-level beforeRequest (callback style: most bodies are built synchronously). */
export function prepareRequest(request: RequestParams, context: Context, _events: Events, next: Next): void {
  const vp = vpOf(context.vars);
  if (!vp || !loaded || !request.name) {
    next();
    return;
  }
  const apply = ({ headers, json }: { headers: Record<string, string>; json: unknown }) => {
    request.headers = { ...request.headers, ...headers };
    if (json !== undefined) request.json = json;
  };
  let built: ReturnType<PlayerRuntime['build']>;
  try {
    built = loaded.build(vp, request.name);
  } catch (error) {
    next(error);
    return;
  }
  if (built instanceof Promise) {
    built.then((value) => {
      apply(value);
      next();
    }, next);
    return;
  }
  apply(built);
  next();
}

/** scenario-level afterResponse: success, benign rejection, re-auth or failure. */
export function handleResponse(
  request: RequestParams,
  response: Response,
  context: Context,
  events: Events,
  next: Next,
): void {
  const vp = vpOf(context.vars);
  if (vp && loaded && request.name) {
    const body =
      typeof response.body === 'string'
        ? response.body
        : response.body === undefined
          ? ''
          : JSON.stringify(response.body);
    loaded.handle(vp, request.name, response.statusCode, body, metricsOf(events));
  }
  next();
}

// --- flow steps ------------------------------------------------------------------------------

export function startCycle(context: Context, _events: Events, next: Next): void {
  const vp = vpOf(context.vars);
  context.vars.sessionSteps = vp && loaded?.startCycle(vp) ? 1 : 0;
  next();
}

export function endCycle(context: Context, events: Events, next: Next): void {
  const vp = vpOf(context.vars);
  context.vars.thinkMs = vp && loaded ? loaded.endCycle(vp, metricsOf(events)) : 0;
  next();
}

export function planBoxOpen(context: Context, events: Events, next: Next): void {
  const vp = vpOf(context.vars);
  if (vp) loaded?.planBoxOpen(vp, metricsOf(events));
  next();
}

export function planBid(context: Context, events: Events, next: Next): void {
  const vp = vpOf(context.vars);
  if (vp) loaded?.planBid(vp, Number(context.vars.bidAttempt ?? 0), metricsOf(events));
  next();
}

/** whileTrue of the cycle loop (callback-only): another cycle? */
export function keepPlaying(context: Context, next: (more: boolean) => void): void {
  const vp = vpOf(context.vars);
  next(Boolean(vp && loaded?.keepPlaying(vp)));
}

/** whileTrue around idempotent requests (callback-only): resend once after a 5xx. */
export function retryOnce(context: Context, next: (again: boolean) => void): void {
  const vp = vpOf(context.vars);
  next(Boolean(vp && loaded?.retryOnce(vp)));
}

// --- ifTrue conditions, one per request (Artillery passes only the variables) ----------------

const wants = (name: string) => (vars: Vars) => {
  const vp = vpOf(vars);
  return Boolean(vp && loaded?.wants(vp, name));
};

export const wantsRefresh = wants('auth_refresh');
export const wantsSignIn = wants('auth_web3');
export const wantsUserCheck = wants('auth_user');
export const wantsWalletRegistry = wants('seed_wallet_registry');
export const wantsEthLock = wants('seed_eth_lock');
export const wantsTouch = wants('touch_wallet_key');
export const wantsBoxTiers = wants('rest_box_tiers');
export const wantsRarityTiers = wants('rest_rarity_tiers');
export const wantsSync = wants('rpc_sync_wallet_flux_balance');
export const wantsFaucet = wants('rpc_record_flux_faucet_claim');
export const wantsBoxOpen = wants('rpc_open_mystery_box');
export const wantsAuction = wants('rpc_get_active_auction');
export const wantsInventory = wants('rpc_get_user_inventory');
export const wantsSubmit = wants('rpc_submit_auction_item');
export const wantsBid = wants('rpc_place_auction_bid');
