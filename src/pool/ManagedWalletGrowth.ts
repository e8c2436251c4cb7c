/**
 * @module Grows the pool toward SIM_MANAGED_WALLET_TARGET_COUNT during a long run, one wallet per
 * random pause (the legacy worker's growth loop), so the actor base rises gradually like real sign-ups.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from '../log/index.ts';
import type { PoolClient } from './createPoolClient.ts';
import { generateWallets } from './generateWallets.ts';
import { poolStatus } from './poolStatus.ts';

/** Payload of `managed_wallet_generated`. */
export interface GeneratedWalletEvent {
  wallet: string;
  source: 'simulator_generated';
  keyKid: string;
}

/** Payload of `managed_wallet_generation_failed`. */
export interface GenerationFailedEvent {
  message: string;
  code: string | undefined;
}

export interface ManagedWalletGrowthEvents {
  managed_wallet_generated: [GeneratedWalletEvent];
  managed_wallet_generation_failed: [GenerationFailedEvent];
  /** the pool reached the target; growth has stopped */
  managed_wallet_target_reached: [{ activeCount: number; targetCount: number }];
}

export interface ManagedWalletGrowthOptions {
  targetCount: number;
  /** pause before each generation, drawn uniformly from [min, max] ms */
  intervalMs: { min: number; max: number };
  /** uniform [0, 1) draws (the run's seeded PRNG) */
  random: () => number;
  /** current number of active pool wallets */
  activeCount: () => Promise<number>;
  /** generates and stores one wallet, returning its address and key id */
  generate: () => Promise<{ wallet: string; kid: string }>;
  /** events are also logged here */
  log?: Logger;
}

/**
 * Every U[min, max] ms: if the pool has fewer active wallets than the target, generate one and emit
 * `managed_wallet_generated` (a failure emits `managed_wallet_generation_failed` and the next pause
 * follows as usual); once the target is reached, emit `managed_wallet_target_reached` and stop.
 * Timers are unref'd: growth never keeps a process alive.
 */
export class ManagedWalletGrowth extends EventEmitter<ManagedWalletGrowthEvents> {
  readonly #options: ManagedWalletGrowthOptions;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #inFlight: Promise<void> | undefined;

  constructor(options: ManagedWalletGrowthOptions) {
    super();
    const { min, max } = options.intervalMs;
    if (!(min >= 0 && max >= min)) throw new RangeError(`intervalMs needs 0 <= min <= max (got ${min}, ${max})`);
    this.#options = options;
  }

  /** Schedules the first generation after a random pause; no-op when already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  /** Cancels the next generation and waits for one in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#inFlight;
  }

  get running(): boolean {
    return this.#running;
  }

  #schedule(): void {
    if (!this.#running) return;
    const { min, max } = this.#options.intervalMs;
    const delay = Math.round(min + this.#options.random() * (max - min));
    this.#timer = setTimeout(() => {
      this.#inFlight = this.#step().finally(() => {
        this.#inFlight = undefined;
      });
    }, delay);
    this.#timer.unref();
  }

  async #step(): Promise<void> {
    const { targetCount, log } = this.#options;
    try {
      const activeCount = await this.#options.activeCount();
      if (activeCount >= targetCount) {
        this.#running = false;
        log?.info({ event: 'managed_wallet_target_reached', activeCount, targetCount });
        this.emit('managed_wallet_target_reached', { activeCount, targetCount });
        return;
      }
      if (!this.#running) return;
      const { wallet, kid } = await this.#options.generate();
      const event: GeneratedWalletEvent = { wallet, source: 'simulator_generated', keyKid: kid };
      log?.info({ event: 'managed_wallet_generated', ...event });
      this.emit('managed_wallet_generated', event);
    } catch (error) {
      const failure: GenerationFailedEvent = {
        message: error instanceof Error ? error.message : String(error),
        code: error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined,
      };
      log?.warn({ event: 'managed_wallet_generation_failed', ...failure });
      this.emit('managed_wallet_generation_failed', failure);
    }
    this.#schedule();
  }
}

/** The `activeCount` and `generate` of ManagedWalletGrowth for a pool client and the current key. */
export function poolGrowthSource(
  client: PoolClient,
  key: Buffer,
  kid: string,
): Pick<ManagedWalletGrowthOptions, 'activeCount' | 'generate'> {
  return {
    activeCount: async () => (await poolStatus(client)).active,
    generate: async () => {
      const { wallets } = await generateWallets(client, { count: 1, key, kid });
      return { wallet: wallets[0]!, kid };
    },
  };
}
